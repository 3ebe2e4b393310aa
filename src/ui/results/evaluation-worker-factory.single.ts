// Single-file build twin of evaluation-worker-factory.ts: the worker is a classic (IIFE) script
// inlined into the page and started from a blob: URL, because file:// pages cannot load module workers.
import EvaluationWorker from './evaluation-worker.ts?worker&inline';

export function createEvaluationWorker(): Worker {
  return new EvaluationWorker({ name: 'churnlens-evaluation' });
}
