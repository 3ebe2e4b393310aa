// Property tests of the model loader (issue 6): random JSON, and random damage to a valid model,
// must end in a UserError or in a model that scores without crashing or hanging — never in any
// other exception.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { parseModelFile, modelToJson } from '../../src/lib/engine/model-file.ts';
import { createInlinePool } from '../../src/lib/engine/pool-inline.ts';
import type { EnginePool } from '../../src/lib/engine/forest.ts';
import type { BinnedMatrix, ModelFile } from '../../src/lib/engine/types.ts';
import { isUserError } from '../../src/lib/errors.ts';
import { handModel } from './model-file-fixture.ts';

function loadOrUserError(text: string): ModelFile | null {
  try {
    return parseModelFile(text);
  } catch (e) {
    if (!isUserError(e)) throw e;
    return null;
  }
}

/** Every bin of every feature, plus missing, for the two features of the hand model. */
function allBins(): BinnedMatrix {
  const rows: number[][] = [];
  for (const a of [0, 1, 2, 3, 255]) for (const b of [0, 1, 2, 255]) rows.push([a, b]);
  const bins = new Uint8Array(rows.length * 2);
  rows.forEach((r, i) => {
    bins[i] = r[0];
    bins[rows.length + i] = r[1];
  });
  return { rows: rows.length, features: handModel().features, bins };
}

/** Set a value at a random path inside a JSON value (objects and arrays), returning a new value. */
function mutate(root: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || root === null || typeof root !== 'object') return replacement;
  const keys = Object.keys(root as object);
  if (keys.length === 0) return replacement;
  const k = keys[path[0] % keys.length];
  const copy: Record<string, unknown> = Array.isArray(root) ? ([...root] as unknown as Record<string, unknown>) : { ...(root as Record<string, unknown>) };
  copy[k] = mutate((root as Record<string, unknown>)[k], path.slice(1), replacement);
  return copy;
}

const weird = fc.oneof(
  fc.constant(null),
  fc.constant(-1),
  fc.constant(1e308),
  fc.constant(2 ** 31),
  fc.constant('__proto__'),
  fc.constant([]),
  fc.constant({}),
  fc.integer({ min: -5, max: 300 }),
  fc.double(),
  fc.string(),
  fc.array(fc.integer({ min: -3, max: 10 }), { maxLength: 12 }),
);

describe('model loader under random input', () => {
  let pool: EnginePool;
  beforeAll(() => {
    pool = createInlinePool();
  });
  afterAll(() => pool.dispose());

  it('random JSON text and random strings: a model or a UserError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify({ format: 'churnlens-model', version: 1, ...(typeof v === 'object' && v ? v : { v }) }))), (text) => {
        loadOrUserError(text);
      }),
      { numRuns: 300 },
    );
  });

  it('a valid model damaged at a random place: a UserError, or a model that still scores every row', async () => {
    const valid = JSON.parse(modelToJson(handModel()));
    const m = allBins();
    let loaded = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }), weird, async (path, value) => {
        const model = loadOrUserError(JSON.stringify(mutate(valid, path, value)));
        if (!model) return;
        loaded++;
        try {
          const p = await pool.predict(model.trees, { ...m, features: model.features }, model.params.vote);
          expect(p.length).toBe(m.rows);
          for (const x of p) expect(x >= 0 && x <= 1).toBe(true);
        } catch (e) {
          if (!isUserError(e)) throw e;
        }
      }),
      { numRuns: 300 },
    );
    // Some damage is harmless (a changed leaf value, a metric): those models must really score.
    expect(loaded).toBeGreaterThan(10);
  });

  it('truncated model text at every length: a model or a UserError', () => {
    const text = modelToJson(handModel());
    for (let n = 0; n < text.length; n += 7) loadOrUserError(text.slice(0, n));
    expect(loadOrUserError(text)).not.toBeNull();
  });
});
