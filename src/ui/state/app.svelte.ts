// The whole app's state, in one class of runes (svelte.dev style). Components read it and call its
// methods; long work (parse, train, score) lives in ./tasks.ts and writes its results back here.
//
// Big data (tables, parsed files, trained models) is held with $state.raw: it is replaced, never
// mutated, and deep proxies over typed arrays and 50,000-level dictionaries would only cost time.
import { detectLocale, translate, type Locale } from '../../lib/i18n/index.ts';
import type { MessageParams } from '../../lib/errors.ts';
import type { Table } from '../../lib/table/types.ts';
import type { ModelFile, TrainParams, TrainedModel } from '../../lib/engine/types.ts';
import { presetParams, type PresetName } from '../../lib/engine/presets.ts';
import type { TierCuts } from '../../lib/evaluate/tiers.ts';
import type { ParsedFile } from '../../lib/ingest/types.ts';
import { profileTable, suggestFeatureColumns, type ExclusionReason, type TableProfile, type TargetChoice } from '../../lib/profile/index.ts';
import { profileKey, profileOffThread, profilesOffThread } from '../../lib/profile/browser.ts';
import type { ColumnFormat } from '../../lib/ingest/types.ts';
import { positiveFor, rolesFor } from './roles.ts';
import type { TxLogFeatures } from '../txlog/build-features.ts';
import type { PreparedLog } from '../../lib/features/index.ts';
import type { LogLook } from '../load/log-detect.ts';
import type { BigFileOffer } from '../load/big-file.ts';
import type { FullScores } from '../exportbar/score-all.ts';
import { browserBudgetEnv, memoryBudget } from '../../lib/bigfile/budget.ts';
import type { MemoryBudget } from '../../lib/bigfile/estimate.ts';

export type StepId = 'load' | 'log' | 'profile' | 'model' | 'results' | 'customers' | 'act' | 'report';
/** The steps of a customer table. */
export const STEPS: StepId[] = ['load', 'profile', 'model', 'results', 'customers', 'act', 'report'];
/** The steps of a transaction log: the Log step builds the customer table the other steps work on. */
export const LOG_STEPS: StepId[] = ['load', 'log', 'profile', 'model', 'results', 'customers', 'act', 'report'];

/** What the opened file is: one row per customer, or one row per transaction. */
export type DataMode = 'table' | 'log';
export type StepState = 'done' | 'attention' | 'locked' | 'open';

export type RaggedPolicy = 'keep' | 'drop';

export interface LoadedFile {
  name: string;
  size: number;
  /** Kept so a different ragged-row choice can re-parse the same bytes. */
  file: File;
  parsed: ParsedFile;
  raggedPolicy: RaggedPolicy;
}

export interface Roles {
  target: string | null;
  positive: string | null;
  idColumn: string | null;
  /** Columns the user unticked (on top of the profile's suggested exclusions). */
  excluded: string[];
  /** Columns the profile suggested leaving out that the user ticked back in. */
  included: string[];
}

export interface BusyTask {
  kind: 'parse' | 'train' | 'score';
  labelKey: string;
  labelParams: MessageParams;
  detailKey: string | null;
  detailParams: MessageParams;
  /** 0..1, or null while the total is unknown. */
  fraction: number | null;
  startedAt: number;
  cancel: () => void;
}

export interface ShownError {
  key: string;
  params: MessageParams;
}

/**
 * A transaction log's customers at the latest month, scored by the model trained on past cutoffs:
 * the list to act on. Shaped like a TrainedModel over its own table so the customer screens read
 * it unchanged: labels all unknown (255), rowProbSource 0 (model). Rows from `modelRows` on are the
 * customers with no transaction in the whole window: probability 1, rowProbSource NO_ACTIVITY_SOURCE.
 */
export interface ScoringView {
  trained: TrainedModel;
  table: Table;
  /** Rows 0..modelRows-1 are scored by the model; the rest are churned without a model. */
  modelRows: number;
  /** The monthly panel behind the log, for per-customer sparklines. */
  prepared: PreparedLog;
  /** The scoring month, e.g. "2024-06". */
  month: string;
  /** The model-scored rows alone (the Act step's call list: reasons need a model behind every score). */
  scored: { trained: TrainedModel; table: Table };
}

/** What a trained model was trained on: results screens always show a model with its own table. */
export interface Training {
  trained: TrainedModel;
  table: Table;
  /** Name of the file the model was trained on (names the downloads, even after another file is opened). */
  fileName: string;
  /** Signature of the inputs (file, roles, params) at training time; a different current one = stale. */
  signature: string;
  /** Transaction-log mode: the latest month's customers scored with this model (Customers, Act, export). */
  scoring?: ScoringView | null;
}

/** A model file loaded from disk (for scoring new files). */
export interface LoadedModel {
  name: string;
  model: ModelFile;
}

const LOCALE_KEY = 'churnlens.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // storage can be disabled (privacy settings): fall back to the browser language
  }
  return detectLocale(globalThis.navigator?.languages);
}

export class AppState {
  locale = $state<Locale>(initialLocale());
  step = $state<StepId>('load');

  /** Customer table (the default) or transaction log; chosen on Load, or offered when a table looks like a log. */
  mode = $state<DataMode>('table');
  /** Log mode: the training table, scoring table and time split built on the Log step (null until built). */
  logFeatures = $state.raw<TxLogFeatures | null>(null);
  /** Bumped at every build of log features, so a rebuilt table marks the model stale. */
  logVersion = $state(0);
  /** A file opened as a customer table looks like a transaction log: the shell offers the log path. */
  logOffer = $state.raw<LogLook | null>(null);

  file = $state.raw<LoadedFile | null>(null);
  roles = $state<Roles>({ target: null, positive: null, idColumn: null, excluded: [], included: [] });
  /** The target the detector proposed for the current file (null: none found). */
  detectedTarget = $state<string | null>(null);

  preset = $state<PresetName | 'custom'>('recommended');
  params = $state<TrainParams>(presetParams('recommended'));

  training = $state.raw<Training | null>(null);
  threshold = $state(0.5);
  tierCuts = $state<TierCuts>({ atRisk: 0.3, churned: 0.7 });
  /** True once the current model was saved or its scores exported (no leave-page warning then). */
  exported = $state(false);

  loadedModel = $state.raw<LoadedModel | null>(null);
  /** Outcome of scoring a file with a loaded model: what was done, then any warnings (new categories, retyped columns). */
  notices = $state<ShownError[]>([]);

  busy = $state<BusyTask | null>(null);
  error = $state<ShownError | null>(null);

  /** Memory this tab may plan to use (the browser's figures, or ?memBudgetMB= in the address). */
  readonly budget: MemoryBudget = memoryBudget(browserBudgetEnv());
  /** A file too big to read whole, waiting on the Load step for the user to take a sample or cancel. */
  bigOffer = $state.raw<BigFileOffer | null>(null);
  /** Every row of a sampled file scored in one streaming pass (for the model it was made with). */
  fullScores = $state.raw<FullScores | null>(null);

  /** The customer table every later step works on: the file itself, or in log mode the table built from it. */
  table = $derived(this.mode === 'log' ? (this.logFeatures?.table ?? null) : (this.file?.parsed.table ?? null));

  steps = $derived(this.mode === 'log' ? LOG_STEPS : STEPS);

  /** Log mode with training and validation rows from different cutoffs: the model trains on that split. */
  timeSplit = $derived(this.mode === 'log' && this.logFeatures !== null && this.logFeatures.report.timeSplit);

  targetChoice = $derived<TargetChoice | null>(
    this.roles.target !== null && this.roles.positive !== null ? { column: this.roles.target, positive: this.roles.positive } : null,
  );

  /** A big table's profile as the profile worker returned it, for the table and target it was computed for. */
  profileReady = $state.raw<{ table: Table; key: string; profile: TableProfile } | null>(null);
  #profileAsked: { table: Table; key: string } | null = null;

  /**
   * Recomputed when the file or the target changes (churn rates, information gain, leakage depend on it).
   * Big tables are profiled in a worker (seconds of sorting would freeze the page): until it answers,
   * the profile of the previous target stays on screen and training waits (profilePending).
   */
  profile = $derived.by<TableProfile | null>(() => {
    const t = this.table;
    if (!t) return null;
    // A built feature table has no file formats of its own (the log's formats describe other columns).
    const formats = this.mode === 'log' ? undefined : this.file?.parsed.report.formats;
    if (!profilesOffThread(t)) return profileTable(t, this.targetChoice ?? undefined, formats);
    const ready = this.profileReady;
    if (ready?.table === t && ready.key === profileKey(this.targetChoice)) return ready.profile;
    this.#askProfile(t, this.targetChoice, formats);
    return ready?.table === t ? ready.profile : null;
  });

  /** A big table's profile for the current target is still being computed in the worker. */
  profilePending = $derived.by(() => {
    const t = this.table;
    if (!t || !profilesOffThread(t)) return false;
    const ready = this.profileReady;
    return !(ready?.table === t && ready.key === profileKey(this.targetChoice));
  });

  #askProfile(table: Table, target: TargetChoice | null, formats: Record<string, ColumnFormat> | undefined): void {
    const key = profileKey(target);
    const asked = this.#profileAsked;
    if (asked?.table === table && asked.key === key) return;
    this.#profileAsked = { table, key };
    void profileOffThread(table, target, formats).then((profile) => {
      if (this.#profileAsked?.table === table && this.#profileAsked.key === key) this.#profileAsked = null;
      if (this.table === table) this.profileReady = { table, key, profile };
    });
  }

  /** Columns the profile suggests leaving out, with the reason (ids, constants, leaks, free text…). */
  suggestedExclusions = $derived.by(() => {
    const m = new Map<string, ExclusionReason>();
    const t = this.table;
    const p = this.profile;
    if (!t || !p) return m;
    if (this.targetChoice) {
      for (const e of suggestFeatureColumns(t, this.targetChoice, p).excluded) m.set(e.column, e.reason);
    } else {
      for (const c of p.columns) if (c.flags.idLike || c.flags.constant || c.flags.allMissing) m.set(c.name, c.flags.allMissing ? 'allMissing' : c.flags.idLike ? 'id' : 'constant');
    }
    return m;
  });

  /** Features = every column but the target and the id, minus suggested and user exclusions, plus user inclusions. */
  featureColumns = $derived.by(() => {
    const t = this.table;
    if (!t) return [] as string[];
    const { target, idColumn, excluded, included } = this.roles;
    const sug = this.suggestedExclusions;
    return t.columns
      .map((c) => c.name)
      .filter((n) => n !== target && n !== idColumn && !excluded.includes(n) && (!sug.has(n) || included.includes(n)));
  });

  /** Everything a model depends on. Worker threads are left out: results never depend on them. */
  signature = $derived.by(() => {
    const { threads: _threads, ...params } = this.params;
    const log = this.mode === 'log' ? this.logVersion : null;
    // A sample of the same file is other data when its size, seed or stratifying column differ.
    const s = this.file?.parsed.sample;
    const sample = s ? [s.sampledRows, s.seed, s.target] : null;
    return JSON.stringify([this.file?.parsed.sha256 ?? null, this.file?.raggedPolicy ?? null, log, this.roles.target, this.roles.positive, this.roles.idColumn, this.featureColumns, params, sample]);
  });

  stale = $derived(this.training !== null && this.training.signature !== this.signature);

  canTrain = $derived(
    this.table !== null && this.roles.target !== null && this.roles.positive !== null && this.featureColumns.length > 0 && this.busy === null && !this.profilePending,
  );

  t = (key: string, params: MessageParams = {}): string => translate(this.locale, key, params);

  setLocale(l: Locale): void {
    this.locale = l;
    try {
      globalThis.localStorage?.setItem(LOCALE_KEY, l);
    } catch {
      // not remembered; still switched for this session
    }
  }

  stepState(s: StepId): StepState {
    const hasFile = this.table !== null;
    const hasModel = this.training !== null;
    switch (s) {
      case 'load':
        return hasFile || (this.mode === 'log' && this.file !== null) ? 'done' : 'open';
      case 'log':
        if (this.mode !== 'log' || !this.file) return 'locked';
        return this.logFeatures ? 'done' : 'attention';
      case 'profile':
        if (!hasFile) return 'locked';
        return this.roles.target && this.roles.positive ? 'done' : 'attention';
      case 'model':
        if (!hasFile) return 'locked';
        if (!hasModel) return 'open';
        return this.stale ? 'attention' : 'done';
      default:
        if (!hasModel) return 'locked';
        return this.stale ? 'attention' : 'done';
    }
  }

  goto(s: StepId): void {
    if (this.stepState(s) !== 'locked') this.step = s;
  }

  /**
   * Switch between customer table and transaction log. The open file (if any) is read the new way:
   * as a log it waits for the Log step to build its table; as a table it gets its roles guessed again.
   */
  setMode(m: DataMode): void {
    if (m === this.mode) return;
    this.mode = m;
    this.logFeatures = null;
    this.logOffer = null;
    const t = this.file?.parsed.table ?? null;
    if (m === 'log') {
      this.roles = { target: null, positive: null, idColumn: null, excluded: [], included: [] };
      this.detectedTarget = null;
    } else if (t) {
      const { roles, detected } = rolesFor(t);
      this.roles = roles;
      this.detectedTarget = detected;
    }
  }

  /** The Log step built its tables: the training table becomes the customer table, with `churned` as target. */
  useLogFeatures(r: TxLogFeatures): void {
    this.logFeatures = r;
    this.logVersion++;
    this.roles = { target: r.target, positive: r.positive, idColumn: r.idColumn, excluded: [], included: [] };
    this.detectedTarget = r.target;
    this.step = 'profile';
  }

  choosePreset(name: PresetName): void {
    this.preset = name;
    // Keep the user's seed and hold-out choice when switching presets: they are not part of a preset's idea.
    const keep = { seed: this.params.seed, testFraction: this.params.testFraction, threads: this.params.threads };
    this.params = { ...presetParams(name), ...keep };
  }

  /** Any manual change in the Advanced panel turns the preset into "custom". */
  setParam<K extends keyof TrainParams>(key: K, value: TrainParams[K]): void {
    this.params[key] = value;
    this.preset = 'custom';
  }

  /** Choose the target column; its churn value is guessed again (the user can change it). */
  setTarget(column: string | null): void {
    const t = this.table;
    const positive = t && column ? positiveFor(t, column) : null;
    const idColumn = this.roles.idColumn === column ? null : this.roles.idColumn;
    this.roles = { ...this.roles, target: column, positive, idColumn };
  }

  setIdColumn(column: string | null): void {
    this.roles.idColumn = column;
  }

  /** Tick (use) or untick a column as a model input. */
  useColumn(name: string, use: boolean): void {
    const excluded = this.roles.excluded.filter((n) => n !== name);
    const included = this.roles.included.filter((n) => n !== name);
    if (use) {
      if (this.suggestedExclusions.has(name)) included.push(name);
    } else {
      excluded.push(name);
    }
    this.roles.excluded = excluded;
    this.roles.included = included;
  }

  showError(key: string, params: MessageParams = {}): void {
    this.error = { key, params };
  }

  dismissError(): void {
    this.error = null;
  }

  /** The leave-page warning applies while a trained model exists that was neither saved nor exported. */
  get hasUnsavedModel(): boolean {
    return this.training !== null && !this.exported;
  }
}
