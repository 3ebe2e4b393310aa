// Binning: turns table columns into one byte per cell (bins 0..254, 255 = missing/unknown).
// Edges are learned once (on training rows) and stored in the model, so new data is binned
// exactly like the training data, by column name.
import type { CategoricalColumn, Column, NumericColumn, Table } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';
import { UserError } from '../errors.ts';
import type { BinnedMatrix, CategoricalFeature, FeatureSpec, NumericFeature } from './types.ts';
import { MAX_VALUE_BINS, MISSING_BIN } from './types.ts';
import { mulberry32 } from '../util/random.ts';
import { sortFloat64 } from '../util/sort-float64.ts';

export interface BinningOptions {
  /** Most value bins per feature (≤ 255). */
  maxBins?: number;
  /** Categories seen in fewer training rows share one pooled bin. */
  minCategoryCount?: number;
  /** Rows to learn from (e.g. the training rows); default all rows. */
  rows?: Uint32Array;
}

/** Default rarity cut: rare categories in big data are noise; in small data every level counts. */
export function defaultMinCategoryCount(n: number): number {
  return Math.max(Math.ceil(0.0005 * n), n >= 1000 ? 5 : 1);
}

export function learnBinning(table: Table, featureColumns: string[], opts: BinningOptions = {}): FeatureSpec[] {
  return Array.from(learnBinningSteps(table, featureColumns, opts));
}

/**
 * learnBinning with `pause()` awaited after every column, so a caller on the page's main thread can
 * let the page breathe between columns of a big table. Same result as learnBinning.
 */
export async function learnBinningPaced(table: Table, featureColumns: string[], opts: BinningOptions, pause: () => Promise<void>): Promise<FeatureSpec[]> {
  const out: FeatureSpec[] = [];
  for (const f of learnBinningSteps(table, featureColumns, opts)) {
    out.push(f);
    await pause();
  }
  return out;
}

function* learnBinningSteps(table: Table, featureColumns: string[], opts: BinningOptions): Generator<FeatureSpec> {
  const maxBins = Math.max(1, Math.min(MAX_VALUE_BINS, Math.floor(opts.maxBins ?? MAX_VALUE_BINS)));
  const rows = opts.rows ?? null;
  const n = rows ? rows.length : table.rowCount;
  const minCount = Math.max(1, opts.minCategoryCount ?? defaultMinCategoryCount(n));
  const byName = columnsByName(table);
  const missing = featureColumns.filter((c) => !byName.has(c));
  if (missing.length) throw new UserError('model.missingColumns', { columns: missing.join(', ') });
  let numericRows: Uint32Array | null | undefined;
  for (const name of featureColumns) {
    const col = byName.get(name)!;
    if (col.kind === 'categorical') {
      yield learnCategorical(col, rows, maxBins, minCount);
      continue;
    }
    numericRows ??= n > NUMERIC_SAMPLE ? sampleRows(rows, table.rowCount, NUMERIC_SAMPLE) : rows;
    yield learnNumeric(col, numericRows, maxBins);
  }
}

/**
 * Numeric edges are learned from at most this many rows (as LightGBM's bin_construct_sample_cnt):
 * quantiles of 200k values are as good as of millions, and sorting is the cost of binning.
 */
export const NUMERIC_SAMPLE = 200_000;

/** A fixed-seed random subset of `count` of the rows (sorted), so learning stays deterministic. */
function sampleRows(rows: Uint32Array | null, total: number, count: number): Uint32Array {
  let all: Uint32Array;
  if (rows) all = new Uint32Array(rows);
  else {
    all = new Uint32Array(total);
    for (let i = 0; i < total; i++) all[i] = i;
  }
  const rand = mulberry32(0x2545f491);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rand() * (all.length - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, count).sort();
}

function learnNumeric(col: NumericColumn, rows: Uint32Array | null, maxBins: number): NumericFeature {
  const v = col.values;
  const n = rows ? rows.length : v.length;
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = v[rows ? rows[i] : i];
    if (x === x) sorted[m++] = x; // skips NaN
  }
  const s = sortFloat64(sorted.subarray(0, m));
  let distinct = 0;
  for (let i = 0; i < m; i++) if (i === 0 || s[i] !== s[i - 1]) distinct++;
  const edges: number[] = [];
  if (distinct <= maxBins) {
    // One bin per distinct value; the largest value needs no edge (it falls past the last one).
    for (let i = 0; i < m; i++) if ((i === 0 || s[i] !== s[i - 1]) && s[i] !== s[m - 1]) edges.push(s[i]);
  } else {
    // Equal-frequency edges at actual data values. The target size is recomputed after each bin,
    // so a value repeated in many rows takes one bin and the other bins share the rest evenly
    // (fixed quantiles would waste bins on the tie). The maximum never needs an edge.
    let binsLeft = maxBins;
    let rowsLeft = m;
    let inBin = 0;
    for (let i = 0; i < m && binsLeft > 1; i++) {
      inBin++;
      const last = i + 1 === m || s[i + 1] !== s[i];
      if (!last || s[i] === s[m - 1]) continue;
      if (inBin >= rowsLeft / binsLeft) {
        edges.push(s[i]);
        rowsLeft -= inBin;
        binsLeft--;
        inBin = 0;
      }
    }
  }
  return { name: col.name, kind: 'numeric', edges };
}

function learnCategorical(col: CategoricalColumn, rows: Uint32Array | null, maxBins: number, minCount: number): CategoricalFeature {
  const codes = col.codes;
  const counts = new Float64Array(col.levels.length);
  const n = rows ? rows.length : codes.length;
  for (let i = 0; i < n; i++) {
    const c = codes[rows ? rows[i] : i];
    if (c !== MISSING_CODE) counts[c]++;
  }
  // Levels are in first-seen order, so a stable sort by count breaks ties by first appearance.
  const present: number[] = [];
  for (let l = 0; l < counts.length; l++) if (counts[l] > 0) present.push(l);
  present.sort((a, b) => counts[b] - counts[a] || a - b);
  const frequent = present.filter((l) => counts[l] >= minCount);
  const pooling = frequent.length < present.length || present.length > maxBins;
  const own = pooling ? Math.min(frequent.length, maxBins - 1) : present.length;
  const categories: string[] = [];
  const binOf: number[] = [];
  present.forEach((l, i) => {
    categories.push(col.levels[l]);
    binOf.push(i < own ? i : own);
  });
  return { name: col.name, kind: 'categorical', categories, binOf, valueBins: own + (pooling ? 1 : 0) || 1 };
}

export function columnsByName(table: Table): Map<string, Column> {
  const m = new Map<string, Column>();
  for (const c of table.columns) if (!m.has(c.name)) m.set(c.name, c);
  return m;
}

/** Smallest i with x <= edges[i], else edges.length (see NumericFeature). */
export function numericBin(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface BinningReport {
  matrix: BinnedMatrix;
  /** Rows per column whose category the model never saw (binned as missing). */
  unseen: Map<string, number>;
  /** Columns whose type differs from training but could be converted. */
  retyped: string[];
}

/** Bin a table (training or new data) with learned specs, by column name. */
export function applyBinning(table: Table, features: FeatureSpec[]): BinnedMatrix {
  return binTable(table, features).matrix;
}

export function binTable(table: Table, features: FeatureSpec[]): BinningReport {
  const steps = binTableSteps(table, features);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** applyBinning with `pause()` awaited after every column (see learnBinningPaced). Same matrix. */
export async function applyBinningPaced(table: Table, features: FeatureSpec[], pause: () => Promise<void>): Promise<BinnedMatrix> {
  const steps = binTableSteps(table, features);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value.matrix;
    await pause();
  }
}

function* binTableSteps(table: Table, features: FeatureSpec[]): Generator<void, BinningReport> {
  const byName = columnsByName(table);
  const missing = features.filter((f) => !byName.has(f.name)).map((f) => f.name);
  if (missing.length) throw new UserError('model.missingColumns', { columns: missing.join(', ') });
  const mismatched: string[] = [];
  for (const f of features) {
    const col = byName.get(f.name)!;
    if (f.kind === 'numeric' && col.kind === 'categorical' && numericLevels(col) === null) mismatched.push(f.name);
  }
  if (mismatched.length) throw new UserError('model.columnNotNumeric', { columns: mismatched.join(', ') });

  const rows = table.rowCount;
  const bins = new Uint8Array(rows * features.length);
  const unseen = new Map<string, number>();
  const retyped: string[] = [];
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi];
    const col = byName.get(f.name)!;
    const out = bins.subarray(fi * rows, (fi + 1) * rows);
    if (col.kind !== (f.kind === 'numeric' ? 'numeric' : 'categorical')) retyped.push(f.name);
    let lost = 0;
    if (f.kind === 'numeric') {
      if (col.kind === 'numeric') binNumeric(col.values, f.edges, out);
      else binCodes(col.codes, numericLevels(col)!.map((x) => (x === x ? numericBin(f.edges, x) : MISSING_BIN)), out);
    } else if (col.kind === 'categorical') {
      const map = categoryMap(f);
      const levelBin = col.levels.map((l) => map.get(l) ?? -1);
      lost = binCodes(col.codes, levelBin, out);
    } else {
      lost = binNumbersAsCategories(col.values, f, out);
    }
    if (lost > 0) unseen.set(f.name, lost);
    yield;
  }
  return { matrix: { rows, features, bins }, unseen, retyped };
}

/** Grid cells for the numeric lookup; a cell holding more edges than GRID_MAX_SCAN falls back. */
const GRID_CELLS = 4096;
const GRID_MAX_SCAN = 4;

function binNumeric(values: Float64Array, edgesList: number[], out: Uint8Array): void {
  // Padded with +Infinity so scans stop without bounds checks (≤ 254 edges fit in 256 slots).
  const t = new Float64Array(256).fill(Infinity);
  t.set(edgesList);
  const ne = edgesList.length;
  const grid = ne >= 2 ? edgeGrid(t, ne) : null;
  if (grid) {
    // A uniform grid over [first edge, last edge] gives the first candidate bin in one load; a
    // step or two corrects it (both directions, so float rounding in the cell index is harmless).
    const lo = t[0];
    const hi = t[ne - 1];
    const scale = GRID_CELLS / (hi - lo);
    for (let r = 0; r < values.length; r++) {
      const x = values[r];
      if (x !== x) out[r] = MISSING_BIN;
      else if (x <= lo) out[r] = 0;
      else if (x > hi) out[r] = ne;
      else {
        let k = ((x - lo) * scale) | 0;
        if (k >= GRID_CELLS) k = GRID_CELLS - 1;
        let b = grid[k];
        while (t[b] < x) b++;
        while (b > 0 && x <= t[b - 1]) b--;
        out[r] = b;
      }
    }
    return;
  }
  // Edges too unevenly spread for the grid: branch-free lower bound, always 8 steps.
  for (let r = 0; r < values.length; r++) {
    const x = values[r];
    if (x !== x) {
      out[r] = MISSING_BIN;
      continue;
    }
    let i = t[127] < x ? 128 : 0;
    i += t[i + 63] < x ? 64 : 0;
    i += t[i + 31] < x ? 32 : 0;
    i += t[i + 15] < x ? 16 : 0;
    i += t[i + 7] < x ? 8 : 0;
    i += t[i + 3] < x ? 4 : 0;
    i += t[i + 1] < x ? 2 : 0;
    i += t[i] < x ? 1 : 0;
    out[r] = i;
  }
}

/**
 * grid[k] = the first edge at or above the left side of cell k, or null when some cell holds more
 * than GRID_MAX_SCAN edges (skewed edges: the fallback search is then cheaper).
 */
function edgeGrid(t: Float64Array, ne: number): Uint8Array | null {
  const lo = t[0];
  const width = (t[ne - 1] - lo) / GRID_CELLS;
  if (!(width > 0) || !Number.isFinite(width)) return null;
  const grid = new Uint8Array(GRID_CELLS);
  let e = 0;
  let prev = 0;
  for (let k = 0; k < GRID_CELLS; k++) {
    const left = lo + k * width;
    while (e < ne && t[e] < left) e++;
    grid[k] = e;
    if (k > 0 && e - prev > GRID_MAX_SCAN) return null;
    prev = e;
  }
  return ne - prev > GRID_MAX_SCAN ? null : grid;
}

/** Bin via a per-level lookup (-1 = unknown level); returns how many non-missing rows were unknown. */
function binCodes(codes: Int32Array, levelBin: number[], out: Uint8Array): number {
  const lut = Int32Array.from(levelBin);
  let lost = 0;
  for (let r = 0; r < codes.length; r++) {
    const c = codes[r];
    if (c === MISSING_CODE) {
      out[r] = MISSING_BIN;
      continue;
    }
    const b = lut[c];
    if (b < 0) {
      out[r] = MISSING_BIN;
      lost++;
    } else out[r] = b;
  }
  return lost;
}

function categoryMap(f: CategoricalFeature): Map<string, number> {
  const m = new Map<string, number>();
  f.categories.forEach((c, i) => m.set(c, f.binOf[i]));
  return m;
}

/** A categorical model column that arrives as numbers: match "1" by text, "1.0" by value. */
function binNumbersAsCategories(values: Float64Array, f: CategoricalFeature, out: Uint8Array): number {
  const byText = categoryMap(f);
  const byValue = new Map<number, number>();
  f.categories.forEach((c, i) => {
    const x = parseNumber(c);
    if (x === x && !byValue.has(x)) byValue.set(x, f.binOf[i]);
  });
  const cache = new Map<number, number>();
  let lost = 0;
  for (let r = 0; r < values.length; r++) {
    const x = values[r];
    if (x !== x) {
      out[r] = MISSING_BIN;
      continue;
    }
    let b = cache.get(x);
    if (b === undefined) {
      b = byText.get(String(x)) ?? byValue.get(x) ?? -1;
      cache.set(x, b);
    }
    if (b < 0) {
      out[r] = MISSING_BIN;
      lost++;
    } else out[r] = b;
  }
  return lost;
}

/** Levels of a categorical column read as numbers (blank = NaN), or null if any level is not a number. */
function numericLevels(col: CategoricalColumn): number[] | null {
  const out: number[] = [];
  for (const l of col.levels) {
    if (l.trim() === '') {
      out.push(NaN);
      continue;
    }
    const x = parseNumber(l);
    if (x !== x) return null;
    out.push(x);
  }
  return out;
}

/** Plain decimal number (thousands separators allowed); NaN otherwise. */
export function parseNumber(s: string): number {
  const t = s.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

/** A new matrix holding only `rows` (in that order) of `m`. */
export function selectRows(m: BinnedMatrix, rows: Uint32Array): BinnedMatrix {
  const n = rows.length;
  const F = m.features.length;
  const bins = new Uint8Array(n * F);
  for (let f = 0; f < F; f++) {
    const src = m.bins.subarray(f * m.rows, (f + 1) * m.rows);
    const dst = bins.subarray(f * n, (f + 1) * n);
    for (let i = 0; i < n; i++) dst[i] = src[rows[i]];
  }
  return { rows: n, features: m.features, bins };
}
