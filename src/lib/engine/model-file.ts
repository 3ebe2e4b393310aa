// The saved model: JSON with plain arrays, versioned. A model file comes from outside (e-mail,
// shared drive), so parsing trusts nothing: every field is type- and range-checked before any
// tree is walked, and the result is a freshly built object (no keys carried over from the file).
import { UserError } from '../errors.ts';
import pkg from '../../../package.json' with { type: 'json' };
import type {
  FeatureSpec,
  Metrics,
  ModelFile,
  SerializedTree,
  TrainParams,
  TreeArrays,
} from './types.ts';
import { MAX_VALUE_BINS } from './types.ts';
import { ModelTextSplitter } from './model-text-split.ts';

export const MODEL_FORMAT = 'churnlens-model';
export const MODEL_VERSION = 1;
export const APP_VERSION: string = (pkg as { version: string }).version;

/** Limits far above any real model, so a hostile file cannot make us allocate gigabytes. */
export const MAX_TREES = 5000;
export const MAX_TOTAL_NODES = 50_000_000;
export const MAX_FEATURES = 10_000;

export interface ModelParts {
  target: { column: string; positive: string };
  idColumn: string | null;
  features: FeatureSpec[];
  params: TrainParams;
  trees: TreeArrays[];
  trainedBaseRate: number;
  trueBaseRate: number;
  baseRateCorrected: boolean;
  leafValuesCorrected?: boolean;
  importance: { impurity: ArrayLike<number>; permutation?: ArrayLike<number> };
  metrics: { test?: Metrics; oob?: Metrics };
  tierCuts?: { atRisk: number; churned: number };
  data: { sha256: string; rows: number; columns: number };
  createdAt?: string;
}

export function serializeModel(p: ModelParts): ModelFile {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    createdAt: p.createdAt ?? new Date().toISOString(),
    appVersion: APP_VERSION,
    target: { column: p.target.column, positive: p.target.positive },
    idColumn: p.idColumn,
    features: p.features.map(copyFeature),
    params: { ...p.params },
    baseRateCorrected: p.baseRateCorrected,
    leafValuesCorrected: p.leafValuesCorrected ?? false,
    trainedBaseRate: p.trainedBaseRate,
    trueBaseRate: p.trueBaseRate,
    trees: p.trees.map((t) => serializeTree(t, p.features)),
    importance: {
      impurity: Array.from(p.importance.impurity),
      ...(p.importance.permutation ? { permutation: Array.from(p.importance.permutation) } : {}),
    },
    metrics: { ...(p.metrics.test ? { test: p.metrics.test } : {}), ...(p.metrics.oob ? { oob: p.metrics.oob } : {}) },
    ...(p.tierCuts ? { tierCuts: { atRisk: p.tierCuts.atRisk, churned: p.tierCuts.churned } } : {}),
    data: { sha256: p.data.sha256, rows: p.data.rows, columns: p.data.columns },
  };
}

function copyFeature(f: FeatureSpec): FeatureSpec {
  return f.kind === 'numeric'
    ? { name: f.name, kind: 'numeric', edges: [...f.edges] }
    : { name: f.name, kind: 'categorical', categories: [...f.categories], binOf: [...f.binOf], valueBins: f.valueBins };
}

/**
 * The model's form of a kernel tree: the same typed arrays (not copied; the model owns them from
 * here on) plus the real-unit threshold of every numeric split.
 */
export function serializeTree(t: TreeArrays, features: FeatureSpec[]): SerializedTree {
  const n = t.feature.length;
  const threshold = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const f = t.feature[i];
    const spec = f >= 0 ? features[f] : undefined;
    if (!spec || spec.kind !== 'numeric') continue;
    const s = t.split[i];
    if (!(s >= 0 && s <= spec.edges.length)) throw new Error(`internal: split bin ${s} outside the bins of ${spec.name}`);
    // A split at the last bin sends every value left and only missing values right: no real
    // threshold exists ("x <= +infinity"); NaN here, null in the file.
    if (s < spec.edges.length) threshold[i] = spec.edges[s];
  }
  return {
    feature: t.feature,
    split: t.split,
    threshold,
    left: t.left,
    right: t.right,
    missingLeft: t.missingLeft,
    value: t.value,
    cover: t.cover,
    count: t.count,
    catMasks: t.catMasks,
  };
}

const typedAsArrays = (_key: string, value: unknown): unknown => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value);

/**
 * Stable JSON (fixed key order, as built by serializeModel). Tree arrays are typed in memory and
 * written as plain JSON arrays (NaN thresholds as null). For small models; big ones go by parts.
 */
export function modelToJson(model: ModelFile): string {
  return Array.from(modelJsonParts(model)).join('');
}

/**
 * modelToJson in pieces (one per tree), for a Blob or a file stream: a forest trained on a million
 * rows is more JSON than one string can hold. The pieces join to exactly modelToJson's text.
 */
export function* modelJsonParts(model: ModelFile): Generator<string> {
  const marker = JSON.stringify('\u0000trees\u0000');
  const head = JSON.stringify({ ...model, trees: JSON.parse(marker) as string }, typedAsArrays);
  const at = head.indexOf(marker);
  yield head.slice(0, at) + '[';
  for (let i = 0; i < model.trees.length; i++) yield (i > 0 ? ',' : '') + JSON.stringify(model.trees[i], typedAsArrays);
  yield ']' + head.slice(at + marker.length);
}

/**
 * The model file as a Blob, built tree by tree (the page never holds the whole text at once), with
 * `pause()` between trees so a big forest does not freeze the page while it is written.
 */
export async function modelBlob(model: ModelFile, pause: () => Promise<void> = async () => {}): Promise<Blob> {
  const parts: Blob[] = [];
  for (const p of modelJsonParts(model)) {
    parts.push(new Blob([p]));
    await pause();
  }
  return new Blob(parts, { type: 'application/json' });
}

// ---------------------------------------------------------------- parsing and validation

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class Tampered extends Error {}

function bad(detail: string): never {
  throw new Tampered(detail);
}

export interface ModelLimits {
  maxTrees: number;
  maxTotalNodes: number;
}
const DEFAULT_LIMITS: ModelLimits = { maxTrees: MAX_TREES, maxTotalNodes: MAX_TOTAL_NODES };

export function parseModelFile(text: string, limits: ModelLimits = DEFAULT_LIMITS): ModelFile {
  const reader = new ModelReader(limits);
  reader.push(text);
  return reader.finish();
}

/**
 * parseModelFile over text in pieces (a file read in chunks): a forest on a million rows is more
 * JSON than one string can hold. Same checks, same messages, same result.
 */
export async function parseModelChunks(chunks: AsyncIterable<string> | Iterable<string>, limits: ModelLimits = DEFAULT_LIMITS): Promise<ModelFile> {
  const reader = new ModelReader(limits);
  for await (const c of chunks) reader.push(c);
  return reader.finish();
}

/** JSON.parse that notes the first forbidden key (prototype pollution attempts). */
function parseJson(text: string, onForbidden: (key: string) => void): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (FORBIDDEN_KEYS.has(key)) onForbidden(key);
    return value;
  });
}

/**
 * Reads a model file piece by piece: each tree is parsed and made typed as soon as its text is
 * complete (model-text-split.ts); the rest is parsed at the end. Problems found in a tree wait
 * until then, so a file is judged in the usual order: not JSON, foreign, forbidden keys, newer
 * version, then the first bad field.
 */
class ModelReader {
  private readonly splitter: ModelTextSplitter;
  private readonly trees: SerializedTree[] = [];
  private nodes = 0;
  private notJson = false;
  private forbidden: string | null = null;
  private treeProblem: string | null = null;

  constructor(private readonly limits: ModelLimits) {
    this.splitter = new ModelTextSplitter((text) => this.tree(text));
  }

  push(chunk: string): void {
    try {
      this.splitter.push(chunk);
    } catch (e) {
      if (e instanceof RangeError) throw new UserError('model.foreign');
      throw e;
    }
  }

  private tree(text: string): void {
    if (this.notJson || this.treeProblem !== null) return;
    let raw: unknown;
    try {
      raw = parseJson(text, (k) => (this.forbidden ??= k));
    } catch {
      this.notJson = true;
      return;
    }
    const p = `trees[${this.trees.length}]`;
    try {
      if (this.trees.length >= this.limits.maxTrees) bad(`trees: expected 1 to ${this.limits.maxTrees} trees`);
      const f = isObject(raw) ? raw.feature : undefined;
      // Counted before converting, so an oversized file is refused before the costly work.
      if (Array.isArray(f) && this.nodes + f.length > this.limits.maxTotalNodes) bad(`more than ${this.limits.maxTotalNodes} nodes in total`);
      const t = typedTree(raw, p);
      this.nodes += t.feature.length;
      this.trees.push(t);
    } catch (e) {
      if (!(e instanceof Tampered)) throw e;
      this.treeProblem = e.message;
    }
  }

  finish(): ModelFile {
    const { outer, split, junk, twice } = this.splitter.finish();
    let raw: unknown;
    try {
      if (this.notJson) throw new SyntaxError('tree');
      raw = parseJson(outer, (k) => (this.forbidden ??= k));
    } catch {
      throw new UserError('model.notJson');
    }
    if (!isObject(raw) || raw.format !== MODEL_FORMAT) throw new UserError('model.foreign');
    if (this.forbidden !== null) throw new UserError('model.tampered', { detail: `forbidden key "${this.forbidden}"` });
    if (typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version > MODEL_VERSION) {
      throw new UserError('model.futureVersion', { version: raw.version, supported: MODEL_VERSION });
    }
    try {
      if (this.treeProblem !== null) bad(this.treeProblem);
      if (junk) bad('trees: an entry is not a tree');
      if (twice || (split && !(Array.isArray(raw.trees) && raw.trees.length === 0))) bad('trees: given twice');
      return validateModel(raw, this.limits, split ? this.trees : null);
    } catch (e) {
      if (e instanceof Tampered) throw new UserError('model.tampered', { detail: e.message });
      throw e;
    }
  }
}

function validateModel(o: Record<string, unknown>, limits: ModelLimits, typed: SerializedTree[] | null): ModelFile {
  if (o.version !== MODEL_VERSION) bad('version');
  const createdAt = str(o.createdAt, 'createdAt');
  const appVersion = str(o.appVersion, 'appVersion');
  const t = obj(o.target, 'target');
  const target = { column: str(t.column, 'target.column'), positive: str(t.positive, 'target.positive') };
  const idColumn = o.idColumn === null ? null : str(o.idColumn, 'idColumn');
  const features = validateFeatures(o.features);
  const params = validateParams(o.params);
  if (typeof o.baseRateCorrected !== 'boolean') bad('baseRateCorrected');
  if (o.leafValuesCorrected !== undefined && typeof o.leafValuesCorrected !== 'boolean') bad('leafValuesCorrected');
  const trainedBaseRate = rate(o.trainedBaseRate, 'trainedBaseRate');
  const trueBaseRate = rate(o.trueBaseRate, 'trueBaseRate');
  const trees = typed ?? typedTrees(o.trees, limits);
  if (trees.length < 1 || trees.length > limits.maxTrees) bad(`trees: expected 1 to ${limits.maxTrees} trees`);
  trees.forEach((t, i) => checkTree(t, features, `trees[${i}]`));
  const imp = obj(o.importance, 'importance');
  const importance: ModelFile['importance'] = { impurity: numArray(imp.impurity, 'importance.impurity', features.length) };
  if (imp.permutation !== undefined) importance.permutation = numArray(imp.permutation, 'importance.permutation', features.length);
  const m = obj(o.metrics, 'metrics');
  const metrics: ModelFile['metrics'] = {};
  if (m.test !== undefined) metrics.test = validateMetrics(m.test, 'metrics.test');
  if (m.oob !== undefined) metrics.oob = validateMetrics(m.oob, 'metrics.oob');
  let tierCuts: ModelFile['tierCuts'];
  if (o.tierCuts !== undefined) {
    const c = obj(o.tierCuts, 'tierCuts');
    const cut = (v: unknown, name: string): number => {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) bad(`tierCuts.${name}: not a probability`);
      return v;
    };
    const atRisk = cut(c.atRisk, 'atRisk');
    const churned = cut(c.churned, 'churned');
    if (!(atRisk <= churned)) bad('tierCuts: atRisk above churned');
    tierCuts = { atRisk, churned };
  }
  const d = obj(o.data, 'data');
  const data = { sha256: str(d.sha256, 'data.sha256'), rows: count(d.rows, 'data.rows'), columns: count(d.columns, 'data.columns') };
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    createdAt,
    appVersion,
    target,
    idColumn,
    features,
    params,
    baseRateCorrected: o.baseRateCorrected as boolean,
    leafValuesCorrected: o.leafValuesCorrected === true,
    trainedBaseRate,
    trueBaseRate,
    trees,
    importance,
    metrics,
    ...(tierCuts ? { tierCuts } : {}),
    data,
  };
}

function validateFeatures(v: unknown): FeatureSpec[] {
  if (!Array.isArray(v) || v.length < 1 || v.length > MAX_FEATURES) bad('features');
  const names = new Set<string>();
  return v.map((fr, i) => {
    const p = `features[${i}]`;
    const f = obj(fr, p);
    const name = str(f.name, `${p}.name`);
    if (names.has(name)) bad(`${p}.name: duplicate "${name}"`);
    names.add(name);
    if (f.kind === 'numeric') {
      const edges = numArray(f.edges, `${p}.edges`);
      if (edges.length > MAX_VALUE_BINS - 1) bad(`${p}.edges: too many`);
      for (let k = 0; k < edges.length; k++) {
        if (!Number.isFinite(edges[k]) || (k > 0 && !(edges[k] > edges[k - 1]))) bad(`${p}.edges[${k}]: not finite and strictly increasing`);
      }
      return { name, kind: 'numeric', edges } satisfies FeatureSpec;
    }
    if (f.kind !== 'categorical') bad(`${p}.kind`);
    const valueBins = f.valueBins;
    if (!isInt(valueBins) || valueBins < 1 || valueBins > MAX_VALUE_BINS) bad(`${p}.valueBins`);
    if (!Array.isArray(f.categories) || f.categories.some((c) => typeof c !== 'string')) bad(`${p}.categories`);
    const categories = [...(f.categories as string[])];
    if (new Set(categories).size !== categories.length) bad(`${p}.categories: duplicates`);
    const binOf = numArray(f.binOf, `${p}.binOf`, categories.length);
    binOf.forEach((b, k) => {
      if (!isInt(b) || b < 0 || b >= valueBins) bad(`${p}.binOf[${k}] out of range`);
    });
    return { name, kind: 'categorical', categories, binOf, valueBins } satisfies FeatureSpec;
  });
}

const TREE_ARRAYS = ['feature', 'split', 'left', 'right', 'missingLeft', 'value', 'cover', 'count'] as const;

/** Trees of an already parsed file, typed; the node limit is checked before any conversion. */
function typedTrees(v: unknown, limits: ModelLimits): SerializedTree[] {
  if (!Array.isArray(v) || v.length < 1 || v.length > limits.maxTrees) bad(`trees: expected 1 to ${limits.maxTrees} trees`);
  let totalNodes = 0;
  v.forEach((tr, i) => {
    const f = isObject(tr) ? tr.feature : undefined;
    if (!Array.isArray(f)) bad(`trees[${i}].feature: not an array`);
    totalNodes += f.length;
  });
  if (totalNodes > limits.maxTotalNodes) bad(`more than ${limits.maxTotalNodes} nodes in total`);
  return v.map((tr, i) => typedTree(tr, `trees[${i}]`));
}

/**
 * A tree's arrays checked for what the typed form could not hold (non-numbers, wrong lengths,
 * integers out of range, flags other than 0/1) and converted. Whether it is a sound tree for
 * the model's features is checkTree's job.
 */
function typedTree(v: unknown, p: string): SerializedTree {
  const t = obj(v, p);
  const feature = numArray(t.feature, `${p}.feature`);
  const n = feature.length;
  if (n < 1) bad(`${p}: no nodes`);
  const arr: Record<string, number[]> = { feature };
  for (const k of TREE_ARRAYS) if (k !== 'feature') arr[k] = numArray(t[k], `${p}.${k}`, n);
  const catMasks = numArray(t.catMasks, `${p}.catMasks`);
  catMasks.forEach((w, k) => {
    if (!isInt(w) || w < 0 || w > 0xffffffff) bad(`${p}.catMasks[${k}]`);
  });
  if (!Array.isArray(t.threshold) || t.threshold.length !== n) bad(`${p}.threshold`);
  const threshold = t.threshold as unknown[];
  const { split, left, right, missingLeft, count } = arr;
  for (let i = 0; i < n; i++) {
    const at = `${p} node ${i}`;
    if (missingLeft[i] !== 0 && missingLeft[i] !== 1) bad(`${at}: missingLeft`);
    // The arrays become Int32Array: anything outside that range would be silently wrapped.
    if (![feature[i], split[i], count[i], left[i], right[i]].every(isInt32)) bad(`${at}: not a 32-bit integer`);
    const th = threshold[i];
    if (th !== null && !(typeof th === 'number' && Number.isFinite(th))) bad(`${at}: threshold is not a number`);
  }
  return fromPlainTree({ ...(arr as Omit<PlainTree, 'threshold' | 'catMasks'>), threshold: threshold as (number | null)[], catMasks });
}

/** Is the tree a tree (no cycles, every node reachable) whose splits fit the model's features? */
function checkTree(t: SerializedTree, features: FeatureSpec[], p: string): void {
  const { feature, split, threshold, left, right, missingLeft, value, cover, count, catMasks } = t;
  const n = feature.length;
  const parents = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const at = `${p} node ${i}`;
    const f = feature[i];
    if (f < -1 || f >= features.length) bad(`${at}: feature ${f} out of range`);
    if (!(value[i] >= 0 && value[i] <= 1)) bad(`${at}: value not in [0, 1]`);
    if (!(cover[i] >= 0 && Number.isFinite(cover[i]))) bad(`${at}: cover`);
    if (count[i] < 0) bad(`${at}: count`);
    if (f === -1) {
      if (left[i] !== -1 || right[i] !== -1) bad(`${at}: leaf with children`);
      if (!Number.isNaN(threshold[i])) bad(`${at}: leaf with threshold`);
      continue;
    }
    // Children come after their parent (the kernel appends nodes as it splits), and every
    // non-root node has exactly one parent: together that makes the graph a tree, so no cycles.
    for (const c of [left[i], right[i]]) {
      if (c <= i || c >= n) bad(`${at}: child ${c} out of range`);
      if (parents[c]++) bad(`${at}: node ${c} has two parents`);
    }
    const spec = features[f];
    const s = split[i];
    if (spec.kind === 'numeric') {
      if (s < 0 || s > spec.edges.length) bad(`${at}: split bin ${s} outside the bins of ${spec.name}`);
      const th = threshold[i];
      const ok = s === spec.edges.length ? Number.isNaN(th) : th === spec.edges[s];
      if (!ok) bad(`${at}: threshold does not match the bin edges`);
    } else {
      if (s < 0 || s % 8 !== 0 || s + 8 > catMasks.length) bad(`${at}: category mask offset ${s} out of range`);
      if (!Number.isNaN(threshold[i])) bad(`${at}: categorical split with a threshold`);
      // Bit 255 of the mask routes missing values in prediction; it must agree with missingLeft.
      if (catMasks[s + 7] >>> 31 !== missingLeft[i]) bad(`${at}: missing-value side disagrees with the mask`);
    }
  }
  for (let i = 1; i < n; i++) if (parents[i] !== 1) bad(`${p} node ${i}: unreachable`);
}

/** A tree as the JSON file holds it: plain arrays, null where a node has no threshold. */
export interface PlainTree {
  feature: number[];
  split: number[];
  threshold: (number | null)[];
  left: number[];
  right: number[];
  missingLeft: number[];
  value: number[];
  cover: number[];
  count: number[];
  catMasks: number[];
}

/** The in-memory (typed) form of a file's tree; no checks (typedTree and checkTree check). */
export function fromPlainTree(t: PlainTree): SerializedTree {
  return {
    feature: Int32Array.from(t.feature),
    split: Int32Array.from(t.split),
    threshold: Float64Array.from(t.threshold, (x) => (x === null ? NaN : x)),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    missingLeft: Uint8Array.from(t.missingLeft),
    value: Float64Array.from(t.value),
    cover: Float64Array.from(t.cover),
    count: Int32Array.from(t.count),
    catMasks: Uint32Array.from(t.catMasks),
  };
}

const MODES = ['forest', 'tree'];
const CRITERIA = ['entropy', 'gini'];
const BALANCES = ['none', 'weights', 'bootstrap', 'oversample'];
const VOTES = ['soft', 'hard'];
const MTRY = ['sqrt', 'log2', 'all'];

/** Checks a TrainParams object; returns a clean copy. Throws Tampered with the bad field. */
function validateParams(v: unknown): TrainParams {
  const o = obj(v, 'params');
  const pick = <T extends string>(k: string, allowed: string[]): T => {
    if (typeof o[k] !== 'string' || !allowed.includes(o[k] as string)) bad(`params.${k}`);
    return o[k] as T;
  };
  const num = (k: string, lo: number, hi: number): number => {
    const x = o[k];
    if (typeof x !== 'number' || !(x >= lo && x <= hi)) bad(`params.${k}`);
    return x;
  };
  const mtry = typeof o.mtry === 'number' ? num('mtry', Number.MIN_VALUE, MAX_FEATURES) : pick<'sqrt' | 'log2' | 'all'>('mtry', MTRY);
  return {
    mode: pick('mode', MODES),
    trees: num('trees', 1, MAX_TREES),
    mtry,
    criterion: pick('criterion', CRITERIA),
    maxDepth: num('maxDepth', 0, 10_000),
    minLeaf: num('minLeaf', 0, 1e12),
    minSplit: num('minSplit', 0, 1e12),
    minGain: num('minGain', 0, 1e12),
    balance: pick('balance', BALANCES),
    oversampleK: num('oversampleK', 0, 1e6),
    vote: pick('vote', VOTES),
    sampleFraction: num('sampleFraction', 0, 1e6),
    seed: num('seed', -(2 ** 53), 2 ** 53),
    testFraction: num('testFraction', 0, 1),
    threads: num('threads', 0, 4096),
  };
}

const METRIC_KEYS = ['auc', 'prAuc', 'recall', 'precision', 'f1', 'accuracy', 'specificity', 'threshold', 'rows', 'positives'] as const;

/** NaN metrics (e.g. precision with nothing flagged) are written as null by JSON; read them back as NaN. */
function validateMetrics(v: unknown, p: string): Metrics {
  const o = obj(v, p);
  const out = {} as Metrics;
  for (const k of METRIC_KEYS) {
    const x = o[k];
    if (x === null) out[k] = NaN;
    else if (typeof x === 'number' && Number.isFinite(x)) out[k] = x;
    else bad(`${p}.${k}`);
  }
  return out;
}

// ---- small checkers

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function obj(v: unknown, p: string): Record<string, unknown> {
  if (!isObject(v)) bad(p);
  return v;
}
function str(v: unknown, p: string): string {
  if (typeof v !== 'string') bad(p);
  return v;
}
function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
function count(v: unknown, p: string): number {
  if (!isInt(v) || v < 0) bad(p);
  return v;
}
function rate(v: unknown, p: string): number {
  if (typeof v !== 'number' || !(v > 0 && v < 1)) bad(`${p}: not a rate between 0 and 1`);
  return v;
}
/** A plain array of finite numbers (optionally of a given length), copied. */
function isInt32(x: number): boolean {
  return Number.isInteger(x) && x >= -0x80000000 && x <= 0x7fffffff;
}

function numArray(v: unknown, p: string, len?: number): number[] {
  if (!Array.isArray(v)) bad(`${p}: not an array`);
  if (len !== undefined && v.length !== len) bad(`${p}: length ${v.length}, expected ${len}`);
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) bad(`${p}[${i}]: not a finite number`);
    out[i] = x;
  }
  return out;
}
