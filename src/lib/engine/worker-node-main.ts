// Node worker: the engine worker API over worker_threads messages.
//   in:  { id, kind: 'train' | 'predict' | 'contributions', job }
//   out: { kind: 'ready' } | { id, kind: 'tree', index } | { id, kind: 'reply', reply }
import { parentPort } from 'node:worker_threads';
import type { ContributionsJob, PredictJob, TrainJob } from './forest.ts';
import { defaultWasmSource } from './wasm-source.ts';
import type { WorkerReply } from './pool.ts';
import { createWorkerApi } from './worker-api.ts';

type Request =
  | { id: number; kind: 'train'; job: TrainJob }
  | { id: number; kind: 'predict'; job: PredictJob }
  | { id: number; kind: 'contributions'; job: ContributionsJob };

const port = parentPort!;
const api = createWorkerApi(defaultWasmSource(), (reply: WorkerReply<unknown>, buffers: ArrayBuffer[]) => ({ reply, buffers }));

port.on('message', async (msg: Request) => {
  const { reply, buffers } =
    msg.kind === 'train'
      ? await api.train(msg.job, (index) => port.postMessage({ id: msg.id, kind: 'tree', index }))
      : msg.kind === 'predict'
        ? await api.predict(msg.job)
        : await api.contributions(msg.job);
  port.postMessage({ id: msg.id, kind: 'reply', reply }, buffers);
});
port.postMessage({ kind: 'ready' });
