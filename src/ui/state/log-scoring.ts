// The customer list of a transaction log after training: the latest month's customers scored by the
// model, then the customers with no transaction in the whole window, churned without a model. Built
// as a TrainedModel-shaped object over its own table, so the Customers and Act screens and the
// scores export read it the way they read a trained table.
import type { Column, Table } from '../../lib/table/types.ts';
import { MISSING_CODE } from '../../lib/table/types.ts';
import type { TrainedModel } from '../../lib/engine/types.ts';
import type { InactiveAt } from '../txlog/rules-view.ts';

/** rowProbSource of a customer inactive through the whole window (0–2 are the engine's model / test / out-of-bag). */
export const NO_ACTIVITY_SOURCE = 3;

/** The scoring table with one row per inactive customer appended: the id filled in, every other cell missing. */
export function withInactiveRows(scoring: Table, idColumn: string, inactive: readonly InactiveAt[]): Table {
  const k = inactive.length;
  if (k === 0) return scoring;
  const n = scoring.rowCount;
  const columns: Column[] = scoring.columns.map((c) => {
    if (c.kind === 'numeric') {
      const values = new Float64Array(n + k).fill(NaN);
      values.set(c.values.subarray(0, n));
      if (c.name === idColumn) inactive.forEach((x, i) => (values[n + i] = Number(x.customer)));
      return { ...c, values };
    }
    const codes = new Int32Array(n + k).fill(MISSING_CODE);
    codes.set(c.codes.subarray(0, n));
    if (c.name !== idColumn) return { ...c, codes };
    const levels = c.levels.slice();
    const index = new Map(levels.map((l, i) => [l, i]));
    inactive.forEach((x, i) => {
      let code = index.get(x.customer);
      if (code === undefined) {
        code = levels.push(x.customer) - 1;
        index.set(x.customer, code);
      }
      codes[n + i] = code;
    });
    return { ...c, codes, levels };
  });
  return { rowCount: n + k, columns };
}

/**
 * The scored list as a TrainedModel over `table` (scored rows first, then `inactive` rows): outcomes
 * unknown (255), model probabilities for the scored rows, probability 1 for the inactive ones.
 */
export function scoringModel(trained: TrainedModel, prob: Float64Array, inactive: number): TrainedModel {
  const n = prob.length;
  const rowProb = new Float64Array(n + inactive);
  rowProb.set(prob);
  rowProb.fill(1, n);
  const rowProbSource = new Uint8Array(n + inactive);
  rowProbSource.fill(NO_ACTIVITY_SOURCE, n);
  const none = new Uint32Array(0);
  return {
    model: trained.model,
    labels: new Uint8Array(n + inactive).fill(255),
    trainRows: none,
    testRows: none,
    testProb: new Float64Array(0),
    oobProb: new Float64Array(0),
    rowProb,
    rowProbSource,
    excludedRows: 0,
    elapsedMs: trained.elapsedMs,
  };
}
