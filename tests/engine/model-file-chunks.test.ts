// Model files read in pieces (a forest on a million rows is more JSON than one string holds) and
// written in pieces: the same model, the same bytes and the same messages as the one-string path,
// wherever the pieces are cut.
import { describe, expect, it } from 'vitest';
import { modelBlob, modelJsonParts, modelToJson, parseModelChunks, parseModelFile } from '../../src/lib/engine/model-file.ts';
import { ModelTextSplitter } from '../../src/lib/engine/model-text-split.ts';
import { blobTextChunks } from '../../src/lib/io/blob-text.ts';
import { isUserError } from '../../src/lib/errors.ts';
import type { ModelFile } from '../../src/lib/engine/types.ts';
import { handModel, handTree } from './model-file-fixture.ts';
import { serializeModel } from '../../src/lib/engine/model-file.ts';

/** The hand model with three trees and a category holding JSON's special characters. */
function model(): ModelFile {
  const m = handModel();
  const base = serializeModel({
    target: m.target, idColumn: m.idColumn, params: m.params, trainedBaseRate: m.trainedBaseRate, trueBaseRate: m.trueBaseRate,
    baseRateCorrected: m.baseRateCorrected, importance: m.importance, metrics: m.metrics, data: m.data, createdAt: m.createdAt,
    features: m.features.map((f) => (f.kind === 'categorical' ? { ...f, categories: ['Month-to-month', 'One "year" [x]', 'Two {year} \\ "trees":['] } : f)),
    trees: [handTree(), handTree(), handTree()],
  });
  return base;
}

function cut(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

async function keyOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isUserError(e)) return `${e.key}${e.params.detail ? ': ' + String(e.params.detail) : ''}`;
    throw e;
  }
  return 'ok';
}

describe('model files in pieces', () => {
  it('the pieces written join to exactly the one-string JSON', () => {
    const m = model();
    expect([...modelJsonParts(m)].join('')).toBe(modelToJson(m));
    // and both are plain JSON.stringify of the model with its typed arrays as arrays
    const plain = JSON.stringify(m, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v));
    expect(modelToJson(m)).toBe(plain);
    expect([...modelJsonParts(m)]).toHaveLength(m.trees.length + 2);
  });

  it('reads back the same model wherever the text is cut (inside strings, escapes and numbers too)', async () => {
    const m = model();
    const text = modelToJson(m);
    const whole = parseModelFile(text);
    for (const size of [1, 2, 3, 7, 64, 1000, text.length]) {
      expect(await parseModelChunks(cut(text, size))).toEqual(whole);
    }
    expect(await parseModelChunks(modelJsonParts(m))).toEqual(whole);
    expect(await (await modelBlob(m)).text()).toBe(text);
    // and read back from a Blob in pieces that cut multi-byte characters
    const blob = new Blob([text.replace('Month-to-month', '按月合同')]);
    expect((await parseModelChunks(blobTextChunks(blob, 5))).features[1]).toMatchObject({ categories: ['按月合同', 'One "year" [x]', 'Two {year} \\ "trees":['] });
    // pretty-printed, other key order: still a model (the splitter does not depend on our layout)
    const o = JSON.parse(text) as Record<string, unknown>;
    const reordered = JSON.stringify({ trees: o.trees, ...o }, null, 2);
    expect(await parseModelChunks(cut(reordered, 5))).toEqual(whole);
  });

  it('splits out only the top-level trees array', () => {
    const trees: string[] = [];
    const s = new ModelTextSplitter((t) => trees.push(t));
    for (const c of cut('{"a":{"trees":[1]},"s":"\\"trees\\":[","trees":[ {"x":[1]} , [2] ],"z":[3]}', 4)) s.push(c);
    const r = s.finish();
    expect(trees).toEqual(['{"x":[1]}', '[2]']);
    expect(r).toEqual({ outer: '{"a":{"trees":[1]},"s":"\\"trees\\":[","trees":[],"z":[3]}', split: true, junk: false, twice: false });
  });

  it('judges a bad file in the usual order and with the usual messages', async () => {
    const text = modelToJson(model());
    const edit = (f: (o: any) => void): string => {
      const o = JSON.parse(text);
      f(o);
      return JSON.stringify(o);
    };
    const cases: [string, string][] = [
      [text.replace('"feature":[1,0,-1', '"feature":[1,0,,-1'), 'model.notJson'],
      [text.slice(0, text.indexOf('"trees"') + 40), 'model.notJson'],
      [edit((o) => (o.format = 'other')), 'model.foreign'],
      [text.replace('{"feature":[1,0,-1', '{"__proto__":{},"feature":[1,0,-1'), 'model.tampered: forbidden key "__proto__"'],
      [edit((o) => (o.trees[2].left[0] = 99)), 'model.tampered: trees[2] node 0: child 99 out of range'],
      [edit((o) => (o.trees[1].missingLeft[0] = 2)), 'model.tampered: trees[1] node 0: missingLeft'],
      [edit((o) => (o.trees[0].count[0] = 2 ** 31)), 'model.tampered: trees[0] node 0: not a 32-bit integer'],
      [edit((o) => o.trees.push(7)), 'model.tampered: trees: an entry is not a tree'],
      [text.replace(',"importance":', ',"trees":[],"importance":'), 'model.tampered: trees: given twice'],
      [text.replace(',"importance":', ',"trees":5,"importance":'), 'model.tampered: trees: given twice'],
      [edit((o) => (o.trees = [])), 'model.tampered: trees: expected 1 to 5000 trees'],
    ];
    for (const [bad, expected] of cases) {
      const one = await keyOf(Promise.resolve().then(() => parseModelFile(bad)));
      const pieces = await keyOf(parseModelChunks(cut(bad, 13)));
      expect(pieces).toBe(one);
      if (expected !== 'ok') expect(one).toBe(expected);
    }
  });

  it('refuses a file over the node limit before converting further trees', async () => {
    const text = modelToJson(model());
    expect(await keyOf(parseModelChunks(cut(text, 50), { maxTrees: 10, maxTotalNodes: 12 }))).toBe('model.tampered: more than 12 nodes in total');
    expect(await keyOf(parseModelChunks(cut(text, 50), { maxTrees: 2, maxTotalNodes: 100 }))).toBe('model.tampered: trees: expected 1 to 2 trees');
  });
});
