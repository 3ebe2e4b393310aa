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

/** Profile reasons the CLI applies by itself (src/cli/columns.ts), so it cannot be told to keep such a column. */
const CLI_ALWAYS_LEAVES_OUT = new Set(['id', 'constant', 'allMissing', 'text']);

/** Features the analyst kept although the profile suggested leaving them out for a reason the CLI always applies. */
export function forcedFeaturesFor(featureColumns: readonly string[], suggested: ReadonlyMap<string, string>): string[] {
  return featureColumns.filter((f) => CLI_ALWAYS_LEAVES_OUT.has(suggested.get(f) ?? ''));
}
