// Node worker_threads entry: teach Node TypeScript (tsx), then run the TS worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker-node-main.ts');
