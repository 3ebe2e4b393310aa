// What the report needs, read from the app's state. The model's own record (target, positive,
// id, features) is the truth about what was trained, even when the Profile step has changed since
// (a stale model); the file block describes the file loaded now, so a mismatch shows up in the
// report as "does NOT match this file" instead of being hidden.
import type { Locale } from '../../lib/i18n/index.ts';
import type { TrainedModel } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import type { TierCuts } from '../../lib/evaluate/tiers.ts';
import type { ManifestInput } from '../../lib/report/manifest.ts';
import { excludedColumnsFor, forcedFeaturesFor } from '../../lib/report/columns.ts';

/** The slice of AppState the report reads (AppState satisfies it as it is). */
export interface ReportSource {
  locale: Locale;
  file: { name: string; size: number; parsed: { sha256: string; report: { encoding: string; delimiter: string; rows: number; columns: number } } } | null;
  training: { trained: TrainedModel; table: Table } | null;
  threshold: number;
  tierCuts: TierCuts;
  /** Columns the profile suggested leaving out, with the reason code. */
  suggestedExclusions: ReadonlyMap<string, string>;
}

export function manifestInputFrom(src: ReportSource, appVersion: string, retention: ManifestInput['retention'] = null): ManifestInput | null {
  const { file, training } = src;
  if (!file || !training) return null;
  const model = training.trained.model;
  const featureColumns = model.features.map((f) => f.name);
  const r = file.parsed.report;
  return {
    appVersion,
    file: { name: file.name, bytes: file.size, sha256: file.parsed.sha256, encoding: r.encoding, delimiter: r.delimiter, rows: r.rows, columns: r.columns },
    target: { column: model.target.column, positive: model.target.positive },
    idColumn: model.idColumn,
    featureColumns,
    excludedColumns: excludedColumnsFor(
      training.table.columns.map((c) => c.name),
      model.target.column,
      model.idColumn,
      featureColumns,
      src.suggestedExclusions,
    ),
    forcedFeatures: forcedFeaturesFor(featureColumns, src.suggestedExclusions),
    trained: training.trained,
    threshold: src.threshold,
    tierCuts: { atRisk: src.tierCuts.atRisk, churned: src.tierCuts.churned },
    retention,
    locale: src.locale,
  };
}
