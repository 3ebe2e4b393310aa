// Worker that computes a fresh model's evaluation sets and default tier cuts: on a million rows
// each one sorts hundreds of thousands of scores, seconds the page must not freeze for.
// expose() is called synchronously (TOOLCHAIN.md pitfall 2).
import { expose } from 'comlink';
import { evaluateFresh, type FreshEvaluationInput } from './evaluate-fresh.ts';

const api = {
  evaluate: (x: FreshEvaluationInput) => evaluateFresh(x),
};

export type EvaluationWorkerApi = typeof api;

expose(api);
