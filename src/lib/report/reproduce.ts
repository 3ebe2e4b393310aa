// The human statement of how to reproduce an analysis, in either language. Numbers are written as
// plain digits (String(x)), never locale-grouped, so a seed or threshold can be typed back exactly.
import { translate, type Locale } from '../i18n/index.ts';
import type { TrainParams } from '../engine/types.ts';
import type { PresetName } from '../engine/presets.ts';

export interface ReproduceParams {
  fileName: string;
  sha256: string;
  rows: number;
  columns: number;
  target: string;
  positive: string;
  idColumn: string | null;
  featureColumns: string[];
  preset: PresetName | 'custom';
  params: TrainParams;
  threshold: number;
  version: string;
}

/** The settings that decide the model, in the order the Advanced panel shows them (threads never change results). */
export const PARAM_ORDER = [
  'mode', 'trees', 'mtry', 'criterion', 'maxDepth', 'minLeaf', 'minSplit', 'minGain',
  'balance', 'oversampleK', 'vote', 'sampleFraction', 'testFraction', 'seed',
] as const satisfies readonly (keyof TrainParams)[];
export type ParamKey = (typeof PARAM_ORDER)[number];

/** One parameter's value as the report shows it ("unlimited", "class weights", "sqrt", "0.1"). */
export function paramValueText(locale: Locale, key: ParamKey, p: Omit<TrainParams, 'threads'>): string {
  switch (key) {
    case 'mode':
      return translate(locale, `report.mode.${p.mode}`);
    case 'maxDepth':
      return p.maxDepth === 0 ? translate(locale, 'report.value.unlimited') : String(p.maxDepth);
    case 'criterion':
      return translate(locale, `report.criterion.${p.criterion}`);
    case 'balance':
      return translate(locale, `report.balance.${p.balance}`);
    case 'vote':
      return translate(locale, `report.vote.${p.vote}`);
    default:
      return String(p[key]);
  }
}

export function reproduceText(locale: Locale, r: ReproduceParams): string {
  const sep = locale === 'zh' ? '，' : ', ';
  const params = PARAM_ORDER.filter((k) => k !== 'seed')
    .map((k) => `${translate(locale, `report.param.${k}`)} = ${paramValueText(locale, k, r.params)}`)
    .join(sep);
  const q = (s: string) => `“${s}”`;
  const idPart =
    r.idColumn === null ? translate(locale, 'report.reproduce.noId') : translate(locale, 'report.reproduce.id', { id: r.idColumn });
  return translate(locale, 'report.reproduce.text', {
    fileName: r.fileName,
    sha256: r.sha256,
    rows: String(r.rows),
    columns: String(r.columns),
    target: r.target,
    positive: r.positive,
    idPart,
    featureCount: String(r.featureColumns.length),
    features: r.featureColumns.map(q).join(locale === 'zh' ? '、' : ', '),
    preset: translate(locale, `report.preset.${r.preset}`),
    params,
    seed: String(r.params.seed),
    threshold: String(r.threshold),
    version: r.version,
  });
}
