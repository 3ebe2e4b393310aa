// The columns an analysis left out, each with why, for the report's data section and the CLI line.
// Reasons are the profile's codes (id, constant, allMissing, leakage, highCardinality, text) or
// 'user' when the analyst unticked the column.

export function excludedColumnsFor(
  allColumns: readonly string[],
  target: string,
  idColumn: string | null,
  featureColumns: readonly string[],
  suggested: ReadonlyMap<string, string>,
): { name: string; reason: string }[] {
  const used = new Set(featureColumns);
  return allColumns
    .filter((n) => n !== target && n !== idColumn && !used.has(n))
    .map((name) => ({ name, reason: suggested.get(name) ?? 'user' }));
}
