import { describe, expect, it } from 'vitest';
import { APP_VERSION, modelToJson, parseModelFile } from '../../src/lib/engine/model-file.ts';
import { isUserError } from '../../src/lib/errors.ts';
import { translate } from '../../src/lib/i18n/index.ts';
import { handModel, handTree } from './model-file-fixture.ts';
import pkg from '../../package.json' with { type: 'json' };

function fail(text: string): { key: string; params: Record<string, string | number> } {
  try {
    parseModelFile(text);
  } catch (e) {
    if (isUserError(e)) return { key: e.key, params: e.params };
    throw e;
  }
  throw new Error('parsed without error');
}
/** The hand model as a plain object, edited by `edit`, back to text. */
function edited(edit: (o: any) => void): string {
  const o = JSON.parse(modelToJson(handModel()));
  edit(o);
  return JSON.stringify(o);
}

describe('model file round trip', () => {
  it('serialises real-unit thresholds and reads back an identical model', () => {
    const m = handModel();
    expect(m.format).toBe('churnlens-model');
    expect(m.version).toBe(1);
    expect(m.appVersion).toBe(pkg.version);
    expect(APP_VERSION).toBe(pkg.version);
    // node 1 splits tenure at bin 0 → edge 5; the categorical root has no threshold
    expect(Array.from(m.trees[0].threshold)).toEqual([NaN, 5, NaN, NaN, NaN]);
    // NaN in memory is null in the file, as the format has always been
    expect((JSON.parse(modelToJson(m)) as { trees: { threshold: unknown[] }[] }).trees[0].threshold).toEqual([null, 5, null, null, null]);
    const back = parseModelFile(modelToJson(m));
    expect(back).toEqual(m);
    const t = back.trees[0];
    const h = handTree();
    for (const k of Object.keys(h) as (keyof typeof h)[]) expect(Array.from(t[k])).toEqual(Array.from(h[k]));
    expect(t.feature).toBeInstanceOf(Int32Array);
    expect(t.catMasks).toBeInstanceOf(Uint32Array);
  });

  it('keeps NaN metrics (written as null) as NaN', () => {
    const back = parseModelFile(modelToJson(handModel()));
    expect(back.metrics.test!.precision).toBeNaN();
    expect(back.metrics.test!.auc).toBe(0.9);
  });

  it('writes null for a split that only separates missing values (no real threshold)', () => {
    const text = edited((o) => {
      o.trees[0].split[1] = 3; // tenure has 3 edges → bin 3 is the last value bin
      o.trees[0].threshold[1] = null;
    });
    expect(parseModelFile(text).trees[0].split[1]).toBe(3);
  });
});

describe('model file rejections', () => {
  const cases: [string, string, string | RegExp | null][] = [
    ['truncated JSON', modelToJson(handModel()).slice(0, 200), null],
    ['not JSON at all', 'PK\u0003\u0004 binary', null],
  ];
  for (const [name, text] of cases) {
    it(`${name} → model.notJson`, () => expect(fail(text).key).toBe('model.notJson'));
  }

  it('foreign JSON → model.foreign', () => {
    expect(fail('{"name":"sklearn","trees":[]}').key).toBe('model.foreign');
    expect(fail('[1,2,3]').key).toBe('model.foreign');
    expect(fail('null').key).toBe('model.foreign');
  });

  it('future version → model.futureVersion', () => {
    const e = fail(edited((o) => (o.version = 2)));
    expect(e.key).toBe('model.futureVersion');
    expect(e.params).toEqual({ version: 2, supported: 1 });
  });

  const tampered: [string, (o: any) => void, RegExp][] = [
    ['version 0', (o) => (o.version = 0), /version/],
    ['child out of range', (o) => (o.trees[0].left[1] = 99), /child 99 out of range/],
    ['cycle (child pointing back to the root)', (o) => (o.trees[0].right[1] = 0), /child 0 out of range/],
    ['node with two parents', (o) => (o.trees[0].right[1] = 2), /two parents/],
    ['leaf with children', (o) => (o.trees[0].left[2] = 3), /leaf with children/],
    ['NaN threshold (as text)', (o) => (o.trees[0].threshold[1] = 'NaN'), /threshold/],
    ['threshold that disagrees with the edges', (o) => (o.trees[0].threshold[1] = 6), /threshold/],
    ['feature index out of range', (o) => (o.trees[0].feature[1] = 7), /feature 7 out of range/],
    ['split bin beyond the feature bins', (o) => (o.trees[0].split[1] = 4), /split bin 4/],
    ['mask offset out of range', (o) => (o.trees[0].split[0] = 8), /mask offset 8/],
    ['missing side disagrees with the mask', (o) => (o.trees[0].missingLeft[0] = 1), /missing-value side/],
    ['value above 1', (o) => (o.trees[0].value[3] = 1.5), /value not in/],
    ['negative cover', (o) => (o.trees[0].cover[3] = -1), /cover/],
    ['array of the wrong length', (o) => o.trees[0].value.pop(), /length 4, expected 5/],
    ['string in a number array', (o) => (o.trees[0].left[0] = '1'), /not a finite number/],
    ['mask word over 32 bits', (o) => (o.trees[0].catMasks[0] = 2 ** 32), /catMasks/],
    ['edges not increasing', (o) => (o.features[0].edges = [5, 5, 24]), /strictly increasing/],
    ['category bin out of range', (o) => (o.features[1].binOf[2] = 3), /binOf\[2\]/],
    ['duplicate feature names', (o) => (o.features[1].name = 'tenure'), /duplicate/],
    ['unknown feature kind', (o) => (o.features[1].kind = 'text'), /kind/],
    ['base rate outside (0,1)', (o) => (o.trueBaseRate = 1.5), /trueBaseRate/],
    ['bad params', (o) => (o.params.vote = 'loud'), /params.vote/],
    ['importance of the wrong length', (o) => o.importance.impurity.push(1), /importance.impurity/],
    ['no trees', (o) => (o.trees = []), /trees/],
    ['too many trees', (o) => (o.trees = Array(5001).fill(o.trees[0])), /trees/],
    ['unreachable node', (o) => {
      const t = o.trees[0];
      for (const k of ['feature', 'split', 'left', 'right', 'missingLeft', 'value', 'cover', 'count']) t[k].push(t[k][2]);
      t.threshold.push(null);
    }, /unreachable/],
  ];
  for (const [name, edit, detail] of tampered) {
    it(`${name} → model.tampered`, () => {
      const e = fail(edited(edit));
      expect(e.key).toBe('model.tampered');
      expect(String(e.params.detail)).toMatch(detail);
    });
  }

  it('rejects files over the size limits before walking any tree', () => {
    const two = edited((o) => (o.trees = [o.trees[0], o.trees[0]]));
    expect(parseModelFile(two, { maxTrees: 2, maxTotalNodes: 10 }).trees).toHaveLength(2);
    const nodes = (() => {
      try {
        parseModelFile(two, { maxTrees: 2, maxTotalNodes: 9 });
      } catch (e) {
        return isUserError(e) ? e.params.detail : e;
      }
    })();
    expect(nodes).toBe('more than 9 nodes in total');
    const trees = (() => {
      try {
        parseModelFile(two, { maxTrees: 1, maxTotalNodes: 10 });
      } catch (e) {
        return isUserError(e) ? e.key : e;
      }
    })();
    expect(trees).toBe('model.tampered');
  });

  it('rejects __proto__, constructor and prototype keys without polluting prototypes', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = modelToJson(handModel()).replace('"data":{', `"data":{"${key}":{"polluted":true},`);
      const e = fail(text);
      expect(e.key).toBe('model.tampered');
      expect(String(e.params.detail)).toContain(key);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores unknown extra fields and returns only known ones', () => {
    const m = parseModelFile(edited((o) => (o.extra = { x: 1 })));
    expect('extra' in m).toBe(false);
  });

  it('has a message for every rejection in both languages', () => {
    for (const key of ['model.notJson', 'model.foreign', 'model.futureVersion', 'model.tampered']) {
      for (const loc of ['en', 'zh'] as const) {
        const s = translate(loc, key, { version: 2, supported: 1, detail: 'x' });
        expect(s).not.toBe(key);
        expect(s).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
