// `churnlens score MODEL.json DATA.csv --out SCORES.csv`: one output row per input row, in input
// order: the id (exact text; the row number when the model has no id column), churn_probability at
// full precision and risk_tier. --reasons adds reason_1..reason_3 (the three largest exact TreeSHAP
// contributions in plain language); --contributions adds base_value, raw_probability and one
// contrib_<feature> column per feature, with base_value + Σ contrib = raw_probability on every row.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { UserError } from '../../lib/errors.ts';
import { translate } from '../../lib/i18n/index.ts';
import { createNodePool } from '../../lib/engine/pool-node.ts';
import { scoreTable } from '../../lib/engine/score.ts';
import { explainTable, reportedScale, type TableExplanation } from '../../lib/engine/shap.ts';
import { reasonText, rowReasons } from '../../lib/explain/reasons.ts';
import type { Table } from '../../lib/table/types.ts';
import { parseModelChunks } from '../../lib/engine/model-file.ts';
import type { ModelFile } from '../../lib/engine/types.ts';
import { assignTiers, type TierCuts } from '../../lib/evaluate/tiers.ts';
import { scoresCsvChunks } from '../../lib/export/scores.ts';
import { boolFlag, intFlag, parseArgs, requireFlag, requirePositionals, type FlagSpec } from '../args.ts';
import type { CliContext } from '../context.ts';
import { readTextChunks } from '../files.ts';
import { SCORE_HELP } from '../help.ts';
import { readCsvTable } from '../read-table.ts';
import { requireEngineBuilt } from '../engine-check.ts';
import { printWarnings } from '../warnings.ts';

const FLAGS: FlagSpec[] = [
  { name: 'out', kind: 'string' },
  { name: 'threads', kind: 'string' },
  { name: 'reasons', kind: 'bool' },
  { name: 'contributions', kind: 'bool' },
  { name: 'help', kind: 'bool' },
];

/**
 * Tier cut points for models that do not carry their own: churned from 0.8, at risk from 0.5 —
 * a customer the model gives even odds or worse of leaving is watched, four in five is "churned".
 */
export const FALLBACK_TIER_CUTS: TierCuts = { atRisk: 0.5, churned: 0.8 };

export async function runScore(argv: string[], ctx: CliContext): Promise<void> {
  const args = parseArgs('score', argv, FLAGS);
  if (boolFlag(args, 'help')) {
    ctx.stdout(SCORE_HELP);
    return;
  }
  const [modelPath, dataPath] = requirePositionals('score', args, ['MODEL.json', 'DATA.csv']);
  const out = requireFlag('score', args, 'out');
  const wantReasons = boolFlag(args, 'reasons');
  const wantContributions = boolFlag(args, 'contributions');
  const threads = intFlag(args, 'threads', 0, 256) ?? 0;
  requireEngineBuilt();

  const model = await parseModelChunks(readTextChunks(modelPath));
  const { table, warnings } = await readCsvTable(dataPath);
  printWarnings(ctx, warnings);

  const pool = createNodePool(threads);
  let scored: Awaited<ReturnType<typeof scoreTable>>;
  let explained: TableExplanation | null = null;
  try {
    scored = await scoreTable(pool, model, table);
    if (wantReasons || wantContributions) {
      explained = await explainTable(pool, model, table, {
        onProgress: ctx.stderrIsTTY ? (p) => ctx.stderr(`\r\x1b[2Kexplaining: ${p.rowsDone}/${p.rowsTotal} rows`) : undefined,
      });
      if (ctx.stderrIsTTY) ctx.stderr('\r\x1b[2K');
    }
  } finally {
    pool.dispose();
  }
  printWarnings(ctx, scored.warnings);

  let idColumn = model.idColumn;
  if (idColumn !== null && !table.columns.some((c) => c.name === idColumn)) {
    ctx.stderr(translate(ctx.locale, 'cli.idMissingInData', { column: idColumn }) + '\n');
    idColumn = null;
  }
  const tiers = assignTiers(scored.prob, tierCuts(model));
  const extraColumns = explained && wantContributions ? contributionColumns(explained) : undefined;
  const reasons = explained && wantReasons ? reasonColumns(model, table, explained, ctx.locale) : undefined;
  await writeChunks(out, scoresCsvChunks({ table, idColumn, prob: scored.prob, tiers, extraColumns, reasons }));
  ctx.stderr(translate(ctx.locale, 'cli.scored', { rows: table.rowCount, path: out }) + '\n');
}

/** base_value, raw_probability and contrib_<feature> per feature, on the forest's raw scale. */
export function contributionColumns(x: TableExplanation): { name: string; values: Float64Array }[] {
  const n = x.raw.length;
  const F = x.features.length;
  const cols = [{ name: 'base_value', values: new Float64Array(n).fill(x.base) }, { name: 'raw_probability', values: x.raw }];
  x.features.forEach((name, f) => {
    const values = new Float64Array(n);
    for (let r = 0; r < n; r++) values[r] = x.phi[r * F + f];
    cols.push({ name: `contrib_${name}`, values });
  });
  return cols;
}

/** Three reason texts per row, on the reported probability scale (see reportedScale). */
export function reasonColumns(model: ModelFile, table: Table, x: TableExplanation, locale: CliContext['locale']): string[][] {
  const F = x.features.length;
  const out: string[][] = new Array(x.raw.length);
  for (let r = 0; r < x.raw.length; r++) {
    const { values } = reportedScale(model, x.base, x.raw[r], x.phi.subarray(r * F, (r + 1) * F));
    out[r] = rowReasons(model.features, table, r, values, locale, 3).map((reason) => reasonText(reason, locale));
  }
  return out;
}

/** The model's own cut points when it carries valid ones, else the documented fallback. */
export function tierCuts(model: ModelFile): TierCuts {
  const c = (model as ModelFile & { tierCuts?: Partial<TierCuts> }).tierCuts;
  const ok = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;
  if (c && ok(c.atRisk) && ok(c.churned) && c.atRisk <= c.churned) return { atRisk: c.atRisk, churned: c.churned };
  return FALLBACK_TIER_CUTS;
}

/** Streams the file chunk by chunk, so a million-row file never becomes one giant string. */
async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(stream, 'error').then(([e]) => {
    throw e;
  });
  failed.catch(() => {});
  try {
    await Promise.race([once(stream, 'open'), failed]);
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  } catch (e) {
    stream.destroy();
    const code = (e as NodeJS.ErrnoException)?.code;
    const reason = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    throw new UserError('cli.writeFailed', { path, reason });
  }
}
