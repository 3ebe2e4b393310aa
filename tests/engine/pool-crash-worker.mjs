// Engine worker for pool tests: the real worker, except that a job with seed 666 kills the thread
// (as an out-of-memory kill would). The real handler is installed first so it sees every message.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import('../../src/lib/engine/worker-node-main.ts');
parentPort.on('message', (msg) => {
  if (msg.kind === 'train' && msg.job.params.seed === 666) process.exit(7);
});
