// Scores come aligned with a row list (TrainedModel.testRows / trainRows) while labels are per table
// row; these pick the matching labels so every metric sees two arrays of the same length.

export function pick<T extends Uint8Array | Float64Array>(values: T, rows: ArrayLike<number>): T {
  const out = new (values.constructor as { new (n: number): T })(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/** Labels of the given rows (1 churned, 0 stayed, 255 unknown). */
export function labelsAt(labels: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  return pick(labels, rows);
}
