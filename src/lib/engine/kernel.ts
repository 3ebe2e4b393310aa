// The raw exports of assembly/index.ts, and loading the module without asc's generated glue so the
// same code runs in browser module workers, Node worker_threads and on the calling thread.
import { UserError } from '../errors.ts';

export interface KernelExports {
  memory: WebAssembly.Memory;
  heapAlloc(bytes: number): number;
  heapReset(to: number): void;
  heapTop(): number;
  setData(bins: number, rows: number, features: number, isCat: number): void;
  prepareTrain(
    labels: number, trainRows: number, n: number, criterion: number, maxDepth: number, minLeaf: number,
    minSplit: number, minGain: number, mtry: number, balance: number, oversampleK: number,
    sampleFraction: number, singleTree: number, hardVote: number,
  ): number;
  setLeafCorrection(a: number, b: number): void;
  trainTree(index: number, seedLo: number, seedHi: number): number;
  treeShapRows(
    feature: number, split: number, left: number, right: number, missingLeft: number, out: number, share: number, flags: number,
    masks: number, nNodes: number, bins: number, rows: number, nFeat: number, isCat: number,
    rowStart: number, rowEnd: number, phi: number, rowStride: number, work: number, maxDepth: number, quadrature: number,
  ): number;
  treeShapWorkBytes(quadrature: number, maxDepth: number, nFeat: number): number;
  treeNodes(): number;
  treeMaskWords(): number;
  routeRows(
    feature: number, split: number, left: number, right: number, missingLeft: number, value: number,
    masks: number, nNodes: number, nMaskWords: number, bins: number, rows: number, nFeat: number,
    isCat: number, ids: number, n: number, rowOf: number, out: number, counts: number, mode: number, stack: number, scratch: number,
  ): number;
  nodeFeaturePtr(): number;
  nodeSplitPtr(): number;
  nodeLeftPtr(): number;
  nodeRightPtr(): number;
  nodeMissingLeftPtr(): number;
  nodeValuePtr(): number;
  nodeCoverPtr(): number;
  nodeCountPtr(): number;
  catMasksPtr(): number;
  oobSumPtr(): number;
  oobCountPtr(): number;
  importancePtr(): number;
  drawCountsPtr(): number;
}

export type KernelSource = BufferSource | WebAssembly.Module | URL | string;

const imports = {
  env: {
    abort(_msg: number, _file: number, line: number, column: number): never {
      throw new Error(`engine kernel aborted at ${line}:${column}`);
    },
  },
};

async function bytesOf(source: URL | string): Promise<ArrayBuffer> {
  const url = typeof source === 'string' ? new URL(source, globalThis.location?.href ?? 'file:///') : source;
  if (url.protocol === 'file:') {
    // Node only (fetch cannot read file: URLs there); kept out of browser bundles.
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    const buf = await fs.readFile(url);
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load the engine (${res.status})`);
  return res.arrayBuffer();
}

export async function instantiateKernel(source: KernelSource): Promise<KernelExports> {
  let instance: WebAssembly.Instance;
  try {
    if (source instanceof WebAssembly.Module) {
      instance = await WebAssembly.instantiate(source, imports);
    } else {
      const bytes = source instanceof URL || typeof source === 'string' ? await bytesOf(source) : source;
      instance = (await WebAssembly.instantiate(bytes, imports)).instance;
    }
  } catch (e) {
    // A missing, truncated or blocked engine file: not a memory problem, so not engine.workerFailed.
    throw new UserError('engine.loadFailed', { reason: e instanceof Error ? e.message : String(e) });
  }
  return instance.exports as unknown as KernelExports;
}
