// `churnlens features LOG.csv …`: a transaction log in, one row per customer out (features, rule
// flags, churned). No file-system access here: the dispatcher passes in readers and writers.
import type { Table } from '../../lib/table/types.ts';
import { cellText } from '../../lib/table/types.ts';
import { UserError } from '../../lib/errors.ts';
import { translate, type Locale } from '../../lib/i18n/index.ts';
import { prepareLog, type LogRoles } from '../../lib/features/prepare.ts';
import { featuresAtCutoff, lastMonthIsPartial, DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from '../../lib/features/build.ts';
import { formatMonth, parseMonth } from '../../lib/features/month.ts';

export interface FeaturesIo {
  stdout: (s: string) => void;
  readTable: (path: string) => Promise<Table>;
  writeFile: (path: string, text: string) => Promise<void>;
  toCsv: (header: string[], rows: Iterable<(string | number | null)[]>) => string;
  /** Language of the summary lines (default English). */
  locale?: Locale;
}

const VALUE_OPTIONS = ['customer', 'date', 'amount', 'kind', 'balance', 'carry', 'window', 'horizon', 'cutoff', 'decline-months', 'below', 'below-months', 'rule-kind', 'out'] as const;
const FLAG_OPTIONS = ['day-first', 'month-first', 'help'] as const;

interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') { flags.add('help'); continue; }
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if ((FLAG_OPTIONS as readonly string[]).includes(name)) { flags.add(name); continue; }
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) throw new UserError('features.unknownOption', { option: `--${name}` });
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UserError('features.missingOption', { option: `--${name}` });
    values.set(name, value);
  }
  return { positional, values, flags };
}

function required(args: ParsedArgs, name: string): string {
  const v = args.values.get(name);
  if (v === undefined || v === '') throw new UserError('features.missingOption', { option: `--${name}` });
  return v;
}

function numberOption(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.values.get(name);
  if (v === undefined) return fallback;
  const x = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(x)) throw new UserError('features.badNumber', { option: `--${name}`, value: v });
  return x;
}

/** Numbers as short as they can be without changing what they say (0.30000000000000004 → 0.3). */
function cell(v: number): number | null {
  if (Number.isNaN(v)) return null;
  return Number.isInteger(v) ? v : Number(v.toPrecision(12));
}

export async function runFeatures(argv: string[], io: FeaturesIo): Promise<number> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(io.locale ?? 'en', key, params);
  const args = parseArgs(argv);
  if (args.flags.has('help')) {
    io.stdout(t('features.usage') + '\n');
    return 0;
  }
  const logPath = args.positional[0];
  if (logPath === undefined) throw new UserError('features.missingOption', { option: 'LOG.csv' });
  const roles: LogRoles = { customer: required(args, 'customer'), date: required(args, 'date'), amount: required(args, 'amount') };
  if (args.values.has('kind')) roles.kind = args.values.get('kind');
  if (args.values.has('balance')) roles.balance = args.values.get('balance');
  const out = required(args, 'out');
  if (args.flags.has('day-first') && args.flags.has('month-first')) throw new UserError('features.conflictingDateOrder');
  const dayFirst = args.flags.has('day-first') ? true : args.flags.has('month-first') ? false : undefined;

  const opts: Partial<FeatureOptions> = {
    window: numberOption(args, 'window', DEFAULT_FEATURE_OPTIONS.window),
    horizon: numberOption(args, 'horizon', DEFAULT_FEATURE_OPTIONS.horizon),
    declineMonths: numberOption(args, 'decline-months', DEFAULT_FEATURE_OPTIONS.declineMonths),
    belowAmount: numberOption(args, 'below', DEFAULT_FEATURE_OPTIONS.belowAmount),
    belowMonths: numberOption(args, 'below-months', DEFAULT_FEATURE_OPTIONS.belowMonths),
    dayFirst,
  };
  const cutoffText = args.values.get('cutoff');
  if (cutoffText !== undefined) {
    const m = parseMonth(cutoffText);
    if (m === null) throw new UserError('features.badMonth', { option: '--cutoff', value: cutoffText });
    opts.cutoff = m;
  }
  if (args.values.has('rule-kind')) opts.ruleKind = args.values.get('rule-kind');
  const carry = (args.values.get('carry') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

  const log = await io.readTable(logPath);
  const prep = prepareLog(log, roles, { dayFirst, carry });
  const { table, report } = featuresAtCutoff(prep, opts);

  const header = table.columns.map((c) => c.name);
  function* rows(): Iterable<(string | number | null)[]> {
    for (let r = 0; r < table.rowCount; r++) {
      yield table.columns.map((c) => (c.kind === 'categorical' ? cellText(c, r) : cell(c.values[r])));
    }
  }
  await io.writeFile(out, io.toCsv(header, rows()));

  io.stdout(t('features.summary', {
    cutoff: formatMonth(report.cutoff),
    window: report.window,
    horizon: report.horizon,
    population: report.population,
    labelled: report.labelled,
    churners: report.churners,
    first: formatMonth(report.firstMonth),
    last: formatMonth(report.lastMonth),
  }) + '\n');
  io.stdout(t('features.dropped', {
    ...report.droppedRows,
    kept: report.keptRows,
    negative: report.negativeAmounts,
  }) + '\n');
  if (report.badDateRows.length > 0) io.stdout(t('features.badDateRows', { rows: report.badDateRows.map((r) => String(r + 1)).join(', ') }) + '\n');
  if (lastMonthIsPartial(report.lastDay)) {
    const d = new Date(Math.floor(report.lastDay) * 86400000).toISOString().slice(0, 10);
    io.stdout(t('features.partialMonth', { last: formatMonth(report.lastMonth), day: d }) + '\n');
  }
  if (report.inactiveCount > 0) io.stdout(t('features.inactive', { count: report.inactiveCount }) + '\n');
  io.stdout(t('features.written', { rows: table.rowCount, columns: table.columns.length, path: out }) + '\n');
  return 0;
}
