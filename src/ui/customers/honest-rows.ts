// The honest labelled rows live in the evaluation layer (the engine stores tier cuts from them too).
export { honestLabelled } from '../../lib/evaluate/honest.ts';
