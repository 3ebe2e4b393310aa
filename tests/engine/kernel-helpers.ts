// Small helpers for kernel tests: a loaded engine and tiny hand-made matrices.
import { readFileSync } from 'node:fs';
import { loadEngine, type WasmEngine } from '../../src/lib/engine/wasm-engine.ts';
import type { BinnedMatrix, FeatureSpec } from '../../src/lib/engine/types.ts';

export function engine(): Promise<WasmEngine> {
  return loadEngine(readFileSync(new URL('../../src/lib/engine/wasm/engine.wasm', import.meta.url)));
}

export function numeric(name: string): FeatureSpec {
  return { name, kind: 'numeric', edges: Array.from({ length: 254 }, (_, i) => i) };
}

export function categorical(name: string, n: number): FeatureSpec {
  const categories = Array.from({ length: n }, (_, i) => `c${i}`);
  return { name, kind: 'categorical', categories, binOf: categories.map((_, i) => i), valueBins: n };
}

/** Matrix from columns of bin codes (255 = missing). */
export function matrix(features: FeatureSpec[], columns: number[][]): BinnedMatrix {
  const rows = columns[0].length;
  const bins = new Uint8Array(rows * columns.length);
  columns.forEach((c, f) => bins.set(c, f * rows));
  return { rows, features, bins };
}

export function allRows(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

/** Entropy in bits of a node with p churners and q others (independent reference). */
export function entropy(p: number, q: number): number {
  const n = p + q;
  let h = 0;
  for (const c of [p, q]) if (c > 0) h -= (c / n) * Math.log2(c / n);
  return h;
}

export function gini(p: number, q: number): number {
  const n = p + q;
  return 1 - (p / n) ** 2 - (q / n) ** 2;
}
