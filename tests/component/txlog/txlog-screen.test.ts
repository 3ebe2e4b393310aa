// The transaction-log screen in jsdom: roles pre-filled, the day/month question, and Build features
// handing a stacked training table (hand-computed labels) and a scoring table to the app.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import TxLogScreen from '../../../src/ui/txlog/TxLogScreen.svelte';
import Sparkline from '../../../src/ui/txlog/Sparkline.svelte';
import { customerMonthlySeries } from '../../../src/ui/txlog/series.ts';
import type { TxLogFeatures } from '../../../src/ui/txlog/build-features.ts';
import { prepareLog, formatMonth } from '../../../src/lib/features/index.ts';
import { cellText, type NumericColumn, type Table } from '../../../src/lib/table/types.ts';
import { ambiguousLog, monthlyLog, num, cat } from './fixture.ts';

const select = (role: string) => screen.getByTestId('txlog-role-' + role) as HTMLSelectElement;

describe('TxLogScreen', () => {
  it('pre-fills the roles from the log and previews its first rows', async () => {
    render(TxLogScreen, { log: monthlyLog(), fileName: 'log.csv', locale: 'en', onFeatures: () => {} });
    expect(select('customer').value).toBe('Customer ID');
    expect(select('date').value).toBe('Txn Date');
    expect(select('amount').value).toBe('Amount');
    expect(select('kind').value).toBe('Type');
    expect(select('balance').value).toBe('Balance');
    const preview = screen.getByTestId('txlog-preview');
    expect(preview.querySelectorAll('tbody tr').length).toBe(10);
    expect(preview.querySelector('tbody tr td')?.textContent).toBe('2024-01-15');
    // 8 + 6 + 7 + 1 + 2 = 24 transactions, 5 customers, 8 months
    await waitFor(() => expect(screen.getByTestId('txlog-summary').textContent).toContain('24 transactions from 5 customers, 2024-01 to 2024-08 (8 months)'));
  });

  it('asks day-first or month-first for 01/02/2024-style dates and reads them as answered', async () => {
    render(TxLogScreen, { log: ambiguousLog(), fileName: 'a.csv', locale: 'en', onFeatures: () => {} });
    const q = screen.getByTestId('txlog-date-question');
    expect(q.textContent).toContain('01/02/2024');
    expect(q.textContent).toContain('1 February 2024'); // day-first reading
    expect(q.textContent).toContain('2 January 2024'); // month-first reading
    // nothing is built on a guess
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('txlog-build')).toBeNull();
    await fireEvent.click(screen.getByTestId('txlog-day-first'));
    await waitFor(() => expect(screen.getByTestId('txlog-summary').textContent).toContain('2024-02 to 2024-08 (7 months)'));
    await fireEvent.click(screen.getByTestId('txlog-month-first'));
    await waitFor(() => expect(screen.getByTestId('txlog-summary').textContent).toContain('2024-01 to 2024-01 (1 months)'));
  });

  it('asks too when the ingest layer read n/n/yyyy dates month-first, and swaps them for day-first', async () => {
    // Ingest stored 01/02/2024 … 01/04/2024 month-first: 2 to 4 January.
    const days = (d: number) => Date.UTC(2024, 0, d) / 86400000;
    const log: Table = {
      rowCount: 6,
      columns: [
        cat('customer_id', ['a', 'b', 'a', 'b', 'a', 'b'], 'id'),
        num('date', [days(2), days(2), days(3), days(3), days(4), days(4)], 'date'),
        num('amount', [1, 2, 3, 4, 5, 6]),
      ],
    };
    render(TxLogScreen, { log, fileName: 'i.csv', locale: 'en', onFeatures: () => {}, ingestWarnings: [{ key: 'ingest.ambiguousDate', params: { column: 'date' } }] });
    expect(screen.getByTestId('txlog-date-question').textContent).toContain('01/02/2024');
    const firstDate = () => screen.getByTestId('txlog-preview').querySelector('tbody tr td:nth-child(2)')?.textContent;
    expect(firstDate()).toBe('01/02/2024'); // as written, not one of the two readings
    await fireEvent.click(screen.getByTestId('txlog-day-first'));
    await waitFor(() => expect(screen.getByTestId('txlog-summary').textContent).toContain('2024-02 to 2024-04 (3 months)'));
    expect(firstDate()).toBe('2024-02-01');
  });

  it('Build features stacks past cutoffs with hand-computed labels and adds the scoring table', async () => {
    const onFeatures = vi.fn<(r: TxLogFeatures) => void>();
    render(TxLogScreen, { log: monthlyLog(), fileName: 'log.csv', locale: 'en', onFeatures });
    const button = await screen.findByTestId('txlog-build');
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(button);
    await waitFor(() => expect(onFeatures).toHaveBeenCalledTimes(1));
    const r = onFeatures.mock.calls[0][0];
    expect(r.target).toBe('churned');
    expect(r.positive).toBe('1');
    expect(r.idColumn).toBe('Customer ID');
    const names = r.table.columns.map((c) => c.name);
    expect(names).toContain('Customer ID');
    expect(names).toContain('churned');
    expect(names).toContain('Region'); // carried by default
    expect(names).not.toContain('cutoff');
    const id = r.table.columns.find((c) => c.name === 'Customer ID')!;
    const churned = r.table.columns.find((c) => c.name === 'churned') as NumericColumn;
    const rows = Array.from({ length: r.table.rowCount }, (_, i) => `${formatMonth(r.report.rowCutoff[i])} ${cellText(id, i)} ${churned.values[i]}`);
    // cutoff 2024-06 (training): window Jan–Jun; churned = nothing in July.
    // cutoff 2024-07 (validation): window Feb–Jul (D gone, E new); churned = nothing in August.
    expect(rows).toEqual([
      '2024-06 A 0', '2024-06 B 1', '2024-06 C 0', '2024-06 D 1',
      '2024-07 A 0', '2024-07 B 1', '2024-07 C 1', '2024-07 E 0',
    ]);
    expect(Array.from(r.report.trainRows)).toEqual([0, 1, 2, 3]);
    expect(Array.from(r.report.validationRows)).toEqual([4, 5, 6, 7]);
    expect(r.report.timeSplit).toBe(true);
    // scoring at 2024-08: window Mar–Aug holds A, B, C, E; labels unknown; D is already gone
    const s = r.scoringTable!;
    expect(s.columns.map((c) => c.name)).toEqual(names);
    const sid = s.columns.find((c) => c.name === 'Customer ID')!;
    expect(Array.from({ length: s.rowCount }, (_, i) => cellText(sid, i))).toEqual(['A', 'B', 'C', 'E']);
    expect(Array.from((s.columns.find((c) => c.name === 'churned') as NumericColumn).values).every(Number.isNaN)).toBe(true);
    expect(r.report.inactiveAtScoring.map((x) => x.customer)).toEqual(['D']);
    expect(r.description).toContain('4 training rows');
    expect(customerMonthlySeries(r.report.prepared, 'B').amounts).toEqual([101, 102, 103, 104, 105, 106, 0, 0]);
  });

  it('trains on the single labelled cutoff when the log is short, and refuses a log with no labelled month', async () => {
    const two: Table = {
      rowCount: 3,
      columns: [cat('customer_id', ['p', 'q', 'p'], 'id'), cat('date', ['2024-01-10', '2024-01-12', '2024-02-03'], 'text'), num('amount', [5, 6, 7])],
    };
    const onFeatures = vi.fn<(r: TxLogFeatures) => void>();
    const { unmount } = render(TxLogScreen, { log: two, fileName: 'two.csv', locale: 'en', onFeatures });
    const button = (await screen.findByTestId('txlog-build')) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(false));
    await fireEvent.click(button);
    await waitFor(() => expect(onFeatures).toHaveBeenCalledTimes(1));
    const r = onFeatures.mock.calls[0][0];
    expect(r.report.timeSplit).toBe(false);
    const id = r.table.columns.find((c) => c.name === 'customer_id')!;
    const churned = r.table.columns.find((c) => c.name === 'churned') as NumericColumn;
    // cutoff 2024-01: p comes back in February (0), q does not (1)
    expect(Array.from({ length: r.table.rowCount }, (_, i) => `${cellText(id, i)} ${churned.values[i]}`)).toEqual(['p 0', 'q 1']);
    expect(Array.from(r.report.trainRows)).toEqual([0, 1]);
    expect(r.report.validationRows.length).toBe(0);
    unmount();

    const one: Table = { rowCount: 2, columns: [cat('customer_id', ['p', 'q'], 'id'), cat('date', ['2024-01-10', '2024-01-12'], 'text'), num('amount', [5, 6])] };
    render(TxLogScreen, { log: one, fileName: 'one.csv', locale: 'en', onFeatures });
    await waitFor(() => expect(screen.getByText(/too short to see what any customer did/)).toBeTruthy());
    expect((screen.getByTestId('txlog-build') as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists inactive customers as churned and the rule hits, filterable', async () => {
    render(TxLogScreen, { log: monthlyLog(), fileName: 'log.csv', locale: 'en', onFeatures: () => {} });
    const list = await screen.findByTestId('txlog-rules');
    await fireEvent.click(screen.getByTestId('txlog-filter-inactive'));
    const cells = Array.from(list.querySelectorAll('tbody tr')).map((tr) => tr.querySelector('td')?.textContent);
    expect(cells).toEqual(['D']);
    // B's last month is June: at August it has been below 0 (nothing spent) for 2 months < 3, so no below-threshold hit
    await fireEvent.click(screen.getByTestId('txlog-filter-below_threshold'));
    expect(list.textContent).toContain('No customer is in this group.');
  });

  it('maps a new log afresh when the log prop changes', async () => {
    const { rerender } = render(TxLogScreen, { log: monthlyLog(), fileName: 'log.csv', locale: 'en', onFeatures: () => {} });
    expect(select('customer').value).toBe('Customer ID');
    await rerender({ log: ambiguousLog(), fileName: 'a.csv' });
    expect(select('customer').value).toBe('customer_id');
    expect(select('kind').value).toBe('');
    expect(screen.getByTestId('txlog-date-question')).toBeTruthy();
  });

  it('shows Chinese labels in Chinese', async () => {
    render(TxLogScreen, { log: monthlyLog(), fileName: 'log.csv', locale: 'zh', onFeatures: () => {} });
    expect(screen.getByText('1. 各列分别是什么？')).toBeTruthy();
    expect(await screen.findByText('观察窗口（月）')).toBeTruthy();
    expect(screen.getByText('预测期（月）')).toBeTruthy();
  });
});

describe('customerMonthlySeries and Sparkline', () => {
  it('returns one summed amount per month of the log, zero where the customer had nothing', () => {
    const prep = prepareLog(monthlyLog(), { customer: 'Customer ID', date: 'Txn Date', amount: 'Amount' });
    const e = customerMonthlySeries(prep, 'E');
    expect(e.months.map(formatMonth)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08']);
    expect(e.amounts).toEqual([0, 0, 0, 0, 0, 0, 107, 108]);
    expect(customerMonthlySeries(prep, 'nobody')).toEqual({ months: [], amounts: [] });
  });

  it('draws a labelled line through every value', () => {
    render(Sparkline, { values: [0, 10, 5], width: 100, height: 20, label: 'C1: monthly amount' });
    const svg = screen.getByRole('img', { name: 'C1: monthly amount' });
    // x from 2 to 98 in two steps; y: 0 → 18 (bottom), 10 → 2 (top), 5 → 10
    expect(svg.querySelector('path')?.getAttribute('d')).toBe('M2.0,18.0L50.0,2.0L98.0,10.0');
  });
});
