// Column names for the feature table: "<series>_<statistic>", where the series is "all" or a
// sanitised kind ("Points Earned" → "points_earned", "充值" stays "充值"), unique and never "all".

export const SERIES_STATS = [
  'total',
  'mean',
  'last',
  'trend',
  'ratio_3m',
  'active_months',
  'recency',
  'tenure',
  'longest_gap',
  'declining_months',
  'below_months',
] as const;

export type SeriesStat = (typeof SERIES_STATS)[number];

export function sanitiseName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** One prefix per kind, in kind order: sanitised, not empty, distinct, and distinct from "all". */
export function seriesPrefixes(kindNames: readonly string[]): string[] {
  const used = new Set<string>(['all']);
  return kindNames.map((k, i) => {
    let base = sanitiseName(k) || `kind${i + 1}`;
    if (/^\d/.test(base)) base = `kind_${base}`;
    if (base === 'all') base = 'kind_all';
    let name = base;
    for (let j = 2; used.has(name); j++) name = `${base}_${j}`;
    used.add(name);
    return name;
  });
}
