// Trees on their way to a worker: the fields a job needs, packed into one fresh buffer that is
// transferred, not cloned. A forest on a million rows is ~10M nodes: cloning it made a serialized
// copy next to the original and the worker's copy (three at once), and cloning hundreds of arrays
// blocked the page for seconds; one plain copy into a single buffer avoids both.
import type { TreeArrays } from './types.ts';

export type TreeField = keyof TreeArrays;

/** What prediction reads; cover and count (a third of a node's bytes) are for TreeSHAP and rules. */
export const PREDICT_FIELDS = ['feature', 'split', 'left', 'right', 'missingLeft', 'value', 'catMasks'] as const;
export type PredictTree = Pick<TreeArrays, (typeof PREDICT_FIELDS)[number]>;

const ALL_FIELDS: TreeField[] = ['feature', 'split', 'left', 'right', 'missingLeft', 'value', 'cover', 'count', 'catMasks'];

/** The prediction fields of a tree (the same arrays, no copy). */
export function predictTree(t: PredictTree): PredictTree {
  return { feature: t.feature, split: t.split, left: t.left, right: t.right, missingLeft: t.missingLeft, value: t.value, catMasks: t.catMasks };
}

type AnyTree = Partial<TreeArrays>;

/** packTrees one tree per step, so a caller on a page can take turns between trees. */
export function* packSteps<T extends AnyTree>(trees: T[]): Generator<void, { trees: T[]; buffer: ArrayBuffer }> {
  const fields = (t: AnyTree) => ALL_FIELDS.filter((k) => t[k] !== undefined);
  let bytes = 0;
  for (const t of trees) for (const k of fields(t)) bytes += Math.ceil(t[k]!.byteLength / 8) * 8;
  const buffer = new ArrayBuffer(bytes);
  let at = 0;
  const packed: T[] = [];
  for (const t of trees) {
    const out: AnyTree = {};
    for (const k of fields(t)) {
      const src = t[k]!;
      const Ctor = src.constructor as new (b: ArrayBuffer, o: number, n: number) => typeof src;
      const view = new Ctor(buffer, at, src.length);
      (view as Uint8Array).set(src as Uint8Array);
      (out as Record<TreeField, unknown>)[k] = view;
      at += Math.ceil(src.byteLength / 8) * 8;
    }
    packed.push(out as T);
    yield;
  }
  return { trees: packed, buffer };
}

/**
 * The trees (every field each has) as views over one fresh buffer, to transfer instead of cloning.
 * The receiver gets ordinary typed arrays with the same values.
 */
export function packTrees<T extends AnyTree>(trees: T[]): { trees: T[]; buffer: ArrayBuffer } {
  const steps = packSteps(trees);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
