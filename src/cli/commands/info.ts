// `churnlens info MODEL.json`: what a saved model is, what it was trained on and how well it did.
import { parseModelChunks } from '../../lib/engine/model-file.ts';
import type { Metrics, ModelFile, TrainParams } from '../../lib/engine/types.ts';
import { boolFlag, parseArgs, requirePositionals, type FlagSpec } from '../args.ts';
import type { CliContext } from '../context.ts';
import { readTextChunks } from '../files.ts';
import { INFO_HELP } from '../help.ts';
import { fixed, textTable } from '../text-table.ts';
import { tierCuts } from './score.ts';

const FLAGS: FlagSpec[] = [{ name: 'help', kind: 'bool' }];

export async function runInfo(argv: string[], ctx: CliContext): Promise<void> {
  const args = parseArgs('info', argv, FLAGS);
  if (boolFlag(args, 'help')) {
    ctx.stdout(INFO_HELP);
    return;
  }
  const [modelPath] = requirePositionals('info', args, ['MODEL.json']);
  const model = await parseModelChunks(readTextChunks(modelPath));
  ctx.stdout(modelSummary(model));
}

export function modelSummary(m: ModelFile): string {
  const nodes = m.trees.reduce((s, t) => s + t.feature.length, 0);
  const lines: string[] = [];
  lines.push(`ChurnLens model (format ${m.format} v${m.version}, app ${m.appVersion}, created ${m.createdAt})`);
  lines.push(`target       ${m.target.column} (churned = "${m.target.positive}")`);
  lines.push(`id column    ${m.idColumn ?? '—'}`);
  lines.push(`trees        ${m.trees.length} (${nodes} nodes)`);
  const correction = m.baseRateCorrected
    ? `; trees saw ${pct(m.trainedBaseRate)}, probabilities corrected back`
    : m.leafValuesCorrected
      ? `; trees saw ${pct(m.trainedBaseRate)}, leaf values corrected back`
      : '';
  lines.push(`base rate    ${pct(m.trueBaseRate)} churners in training${correction}`);
  const cuts = tierCuts(m);
  lines.push(`risk tiers   at_risk from ${cuts.atRisk}, churned from ${cuts.churned}`);
  lines.push(`data         ${m.data.rows} rows × ${m.data.columns} columns, SHA-256 ${m.data.sha256}`);
  lines.push('');
  lines.push('settings');
  lines.push(paramsText(m.params));
  lines.push('');
  lines.push(metricsText(m.metrics.test, m.metrics.oob));
  lines.push('features (importance: mean impurity decrease' + (m.importance.permutation ? ', permutation: drop in AUC' : '') + ')');
  const order = m.features.map((_, i) => i).sort((a, b) => (m.importance.impurity[b] ?? 0) - (m.importance.impurity[a] ?? 0));
  lines.push(
    textTable(
      ['feature', 'kind', 'bins', 'impurity', ...(m.importance.permutation ? ['permutation'] : [])],
      order.map((i) => {
        const f = m.features[i];
        const bins = f.kind === 'numeric' ? f.edges.length + 1 : f.valueBins;
        return [
          f.name,
          f.kind,
          String(bins),
          fixed(m.importance.impurity[i], 4),
          ...(m.importance.permutation ? [fixed(m.importance.permutation[i], 4)] : []),
        ];
      }),
    ).trimEnd(),
  );
  return lines.join('\n') + '\n';
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—';
}

function paramsText(p: TrainParams): string {
  const balance = p.balance === 'oversample' ? `oversample:${p.oversampleK}` : p.balance;
  const rows: [string, string][] = [
    ['mode', p.mode],
    ['trees', String(p.trees)],
    ['mtry', String(p.mtry)],
    ['criterion', p.criterion],
    ['max depth', p.maxDepth === 0 ? 'unlimited' : String(p.maxDepth)],
    ['min leaf', String(p.minLeaf)],
    ['min split', String(p.minSplit)],
    ['min gain', String(p.minGain)],
    ['balance', balance],
    ['vote', p.vote],
    ['sample fraction', String(p.sampleFraction)],
    ['test fraction', String(p.testFraction)],
    ['seed', String(p.seed)],
  ];
  return rows.map(([k, v]) => `  ${k.padEnd(16)}${v}`).join('\n');
}

function metricsText(test: Metrics | undefined, oob: Metrics | undefined): string {
  if (!test && !oob) return 'metrics      none recorded\n';
  const threshold = (test ?? oob)!.threshold;
  const row = (name: string, m: Metrics | undefined) => [
    name,
    m ? String(m.rows) : '—',
    fixed(m?.auc, 4),
    fixed(m?.prAuc, 4),
    fixed(m?.recall, 4),
    fixed(m?.precision, 4),
    fixed(m?.f1, 4),
    fixed(m?.accuracy, 4),
  ];
  return (
    textTable(['metrics', 'rows', 'AUC', 'PR-AUC', 'recall', 'precision', 'F1', 'accuracy'], [row('test', test), row('out-of-bag', oob)]) +
    `(at threshold ${threshold})\n`
  );
}
