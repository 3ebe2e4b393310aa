// The transaction-log path wired into the shell: the Load mode switch, the Log step handing its
// tables to the app (roles, time split, staleness), the log offer for a table that looks like a
// log, the Model step's time-split line, and the scored customers with no-activity rows and sparklines.
import { describe, expect, it, beforeAll, beforeEach } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import App from '../../../src/App.svelte';
import CustomersLogHarness from './CustomersLogHarness.svelte';
import { AppState } from '../../../src/ui/state/app.svelte.ts';
import { looksLikeLog } from '../../../src/ui/load/log-detect.ts';
import { NO_ACTIVITY_SOURCE, scoringModel, withInactiveRows } from '../../../src/ui/state/log-scoring.ts';
import { buildTxLogFeatures, cutoffChoices, type TxLogFeatures } from '../../../src/ui/txlog/build-features.ts';
import { prepareLog } from '../../../src/lib/features/index.ts';
import { cellText, type Table } from '../../../src/lib/table/types.ts';
import { monthlyLog, cat, num } from '../txlog/fixture.ts';
import { fixtureTrained } from '../results/fixture.ts';
import { installResizeObserver } from '../results/setup-dom.ts';

beforeAll(installResizeObserver);
beforeEach(() => localStorage.clear());

function withFile(app: AppState, table: Table, name = 'log.csv'): void {
  app.file = {
    name,
    size: 100,
    file: new File(['x'], name),
    parsed: {
      table,
      sha256: '11'.repeat(32),
      report: { encoding: 'utf-8', delimiter: ',', rows: table.rowCount, columns: table.columns.length, raggedRows: { count: 0, first: [] }, droppedRows: 0, blankRows: 0, warnings: [], formats: {} },
    },
    raggedPolicy: 'keep',
  };
}

/** The fixture log's tables as the Log step builds them (W = 6, H = 1: train 2024-06, validate 2024-07, score 2024-08). */
async function fixtureFeatures(): Promise<TxLogFeatures> {
  const prep = prepareLog(monthlyLog(), { customer: 'Customer ID', date: 'Txn Date', amount: 'Amount', kind: 'Type', balance: 'Balance' }, {});
  const choices = cutoffChoices(prep, 1);
  const settings = { window: 6, horizon: 1, cutoff: choices[choices.length - 1], declineMonths: 3, belowAmount: 0, belowMonths: 3, carry: [] };
  const res = await buildTxLogFeatures(prep, settings, () => {});
  return { ...res, description: 'built from log.csv' };
}

describe('log scoring view', () => {
  it('appends the inactive customers with only their id, and scores them 1 without a model', () => {
    const scoring: Table = { rowCount: 2, columns: [cat('id', ['A', 'B'], 'id'), num('x', [1, 2]), cat('k', ['u', 'v'])] };
    const t = withInactiveRows(scoring, 'id', [{ customer: 'Z', lastActiveMonth: 0 }, { customer: 'A2', lastActiveMonth: 0 }]);
    expect(t.rowCount).toBe(4);
    expect([0, 1, 2, 3].map((r) => cellText(t.columns[0], r))).toEqual(['A', 'B', 'Z', 'A2']);
    expect([...(t.columns[1] as { values: Float64Array }).values]).toEqual([1, 2, NaN, NaN]);
    expect([...(t.columns[2] as { codes: Int32Array }).codes]).toEqual([0, 1, -1, -1]);
    // the scoring table itself is left as it was
    expect(scoring.rowCount).toBe(2);
    expect((scoring.columns[0] as { levels: string[] }).levels).toEqual(['A', 'B']);

    const m = scoringModel(fixtureTrained(), Float64Array.from([0.2, 0.7]), 2);
    expect([...m.rowProb]).toEqual([0.2, 0.7, 1, 1]);
    expect([...m.rowProbSource]).toEqual([0, 0, NO_ACTIVITY_SOURCE, NO_ACTIVITY_SOURCE]);
    expect([...m.labels]).toEqual([255, 255, 255, 255]);
    expect(m.testRows.length + m.trainRows.length).toBe(0);
  });
});

describe('log detection (offered, not forced)', () => {
  it('recognises a log by date, customer and amount with repeated customers', () => {
    expect(looksLikeLog(monthlyLog())).toEqual({ customer: 'Customer ID', date: 'Txn Date', amount: 'Amount' });
  });
  it('leaves a customer table (one row per customer) alone, even with a date and an amount', () => {
    const table: Table = {
      rowCount: 5,
      columns: [
        cat('customer_id', ['a', 'b', 'c', 'd', 'e'], 'id'),
        cat('signup_date', ['2024-01-03', '2024-02-05', '2024-03-01', '2024-03-09', '2024-04-11'], 'text'),
        num('amount', [10, 20, 30, 40, 50]),
        cat('churn', ['yes', 'no', 'no', 'yes', 'no']),
      ],
    };
    expect(looksLikeLog(table)).toBeNull();
  });
});

describe('app state in log mode', () => {
  it('adds the Log step, takes the built table with churned/1 as target, and a rebuild makes the model stale', async () => {
    const app = new AppState();
    withFile(app, monthlyLog());
    app.setMode('log');
    expect(app.steps).toEqual(['load', 'log', 'profile', 'model', 'results', 'customers', 'act', 'report']);
    expect(app.table).toBeNull();
    expect(app.stepState('log')).toBe('attention');
    expect(app.stepState('profile')).toBe('locked');

    const r = await fixtureFeatures();
    app.useLogFeatures(r);
    expect(app.table).toBe(r.table);
    expect(app.roles).toMatchObject({ target: 'churned', positive: '1', idColumn: 'Customer ID' });
    expect(app.step).toBe('profile');
    expect(app.stepState('log')).toBe('done');
    expect(app.timeSplit).toBe(true);
    // A is active in 2024-06 and 2024-07 …; the stack holds cutoffs 2024-06 (train) and 2024-07 (validation)
    expect(r.report.trainRows.length).toBeGreaterThan(0);
    expect(r.report.validationRows.length).toBeGreaterThan(0);
    expect(app.featureColumns).not.toContain('Customer ID');
    expect(app.featureColumns).not.toContain('churned');

    const before = app.signature;
    app.useLogFeatures(await fixtureFeatures());
    expect(app.signature).not.toBe(before);

    // back to a customer table: the file's own columns, roles guessed again
    app.setMode('table');
    expect(app.steps).not.toContain('log');
    expect(app.table).toBe(app.file!.parsed.table);
    expect(app.logFeatures).toBeNull();
  });
});

describe('shell in log mode', () => {
  it('Load switches mode; the Log step builds features and lands on Profile with churned as target', async () => {
    const app = new AppState();
    app.setLocale('en');
    render(App, { app });
    await fireEvent.click(screen.getByTestId('mode-log'));
    expect(app.mode).toBe('log');
    expect(screen.getByText('Open your transaction log')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Log/ })).toBeTruthy();

    withFile(app, monthlyLog());
    app.step = 'log';
    flushSync();
    expect(screen.getByTestId('txlog-screen')).toBeTruthy();
    const build = (await waitFor(() => screen.getByTestId('txlog-build'))) as HTMLButtonElement;
    await waitFor(() => expect(build.disabled).toBe(false));
    await fireEvent.click(build);
    await waitFor(() => expect(app.step).toBe('profile'), { timeout: 5000 });
    flushSync();
    expect((screen.getByTestId('target-select') as HTMLSelectElement).value).toBe('churned');
    expect(screen.getByTestId('log-built').textContent).toContain('log.csv');

    app.step = 'model';
    flushSync();
    expect(screen.getByTestId('time-split').textContent).toMatch(/trained on the cutoffs 2024-06 to 2024-06 .*validated on the cutoff 2024-07/);
    expect(screen.queryByText('Held out for testing')).toBeNull();
  });

  it('offers the log path on Profile when a table looks like a log, and takes it on request', async () => {
    const app = new AppState();
    app.setLocale('en');
    withFile(app, monthlyLog());
    app.logOffer = looksLikeLog(monthlyLog());
    app.step = 'profile';
    render(App, { app });
    expect(screen.getByTestId('log-offer').textContent).toContain('customer “Customer ID”, date “Txn Date”, amount “Amount”');
    await fireEvent.click(screen.getByTestId('log-offer-accept'));
    expect(app.mode).toBe('log');
    expect(app.step).toBe('log');
    expect(screen.getByTestId('txlog-screen')).toBeTruthy();
  });
});

describe('customers of the scoring month', () => {
  it('shows scored and no-activity customers, each with a monthly sparkline', async () => {
    const r = await fixtureFeatures();
    const scoring = r.scoringTable!;
    // 2024-08, window 2024-03..2024-08: A, B, C, E active; D (only January) inactive through the window
    expect(scoring.rowCount).toBe(4);
    expect(r.report.inactiveAtScoring.map((x) => x.customer)).toEqual(['D']);
    const fixture = fixtureTrained();
    const validated = { ...fixture, model: { ...fixture.model, idColumn: 'Customer ID' } };
    const prob = Float64Array.from([0.1, 0.9, 0.4, 0.2]);
    const trained = scoringModel(validated, prob, 1);
    const table = withInactiveRows(scoring, 'Customer ID', r.report.inactiveAtScoring);
    render(CustomersLogHarness, { trained, table, validated, prepared: r.report.prepared, modelRows: 4 });
    expect(screen.getByTestId('log-customers-intro').textContent).toBe(
      'Customers of 2024-08, whose next month is still unknown: 4 scored by the model trained on earlier months, and 1 with no transaction in the last 6 months, listed as churned without a model.',
    );
    const rows = screen.getAllByTestId('customer-row');
    expect(rows.length).toBe(5);
    // highest first: D (no activity, 100%), then the model's 90%
    expect(rows[0].querySelector('.id')!.textContent).toBe('D');
    expect(rows[0].textContent).toContain('no activity');
    expect(screen.getAllByTestId('customer-sparkline').length).toBe(5);
    // D's sparkline: one point per month 2024-01..2024-08, labelled with the span
    const spark = rows[0].querySelector('svg')!;
    expect(spark.getAttribute('aria-label')).toBe('D: monthly amount, 2024-01 to 2024-08');
    expect(spark.querySelector('path')!.getAttribute('d')!.match(/[ML]/g)!.length).toBe(8);
    await fireEvent.click(rows[0]);
    expect(screen.getByTestId('customer-detail').textContent).toContain('No transaction since 2024-01 (7 months without activity');
  });
});
