import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import CustomersHarness from './CustomersHarness.svelte';
import type { TrainedModel } from '../../../src/lib/engine/types.ts';
import type { Table } from '../../../src/lib/table/types.ts';
import { fixtureModel, fixtureTable, fixtureTrained } from './fixture.ts';
import { installResizeObserver } from './setup-dom.ts';
import { setExplainPool } from '../../../src/ui/customers/contributions.ts';
import { createInlinePool } from '../../../src/lib/engine/pool-inline.ts';

beforeAll(installResizeObserver);
// the detail panel's reasons come from the engine workers; an in-process pool stands in here
beforeAll(() => setExplainPool(createInlinePool(readFileSync('src/lib/engine/wasm/engine.wasm'))));
afterAll(() => setExplainPool(null));

/** n customers with probabilities i/n (seeded pattern, no randomness needed). */
function big(n: number): { trained: TrainedModel; table: Table } {
  const tenure = new Float64Array(n);
  const contract = new Int32Array(n);
  const rowProb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tenure[i] = i % 60;
    contract[i] = i % 2;
    rowProb[i] = (i % 1000) / 1000;
  }
  const table: Table = {
    rowCount: n,
    columns: [
      { kind: 'numeric', name: 'tenure', values: tenure, semantic: 'number' },
      { kind: 'categorical', name: 'contract', codes: contract, levels: ['Monthly', 'Yearly'], semantic: 'category' },
    ],
  };
  const model = { ...fixtureModel(), idColumn: null };
  const trained: TrainedModel = {
    model, labels: new Uint8Array(n).fill(255), trainRows: new Uint32Array(0), testRows: new Uint32Array(0), testProb: new Float64Array(0),
    oobProb: new Float64Array(0), rowProb, rowProbSource: new Uint8Array(n), excludedRows: n, elapsedMs: 1,
  };
  return { trained, table };
}

describe('Customers screen', () => {
  it('renders only a window of rows for 100k customers', () => {
    const { trained, table } = big(100_000);
    render(CustomersHarness, { trained, table, locale: 'en', cuts: { atRisk: 0.3, churned: 0.6 } });
    const rows = screen.getAllByTestId('customer-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    // highest probability first: 0.999 (rows 999, 1999, …)
    expect(rows[0].textContent).toContain('99.9%');
    // tier counts: p = k/1000 for k in 0..999, 100 times each: churned k ≥ 600 → 40,000; at risk 300 ≤ k < 600 → 30,000
    expect(screen.getByTestId('tier-count-2').textContent).toBe('40,000');
    expect(screen.getByTestId('tier-count-1').textContent).toBe('30,000');
    expect(screen.getByTestId('tier-count-0').textContent).toBe('30,000');
  });

  it('filters by tier, searches by id and opens the detail with reasons', async () => {
    render(CustomersHarness, { trained: fixtureTrained(), table: fixtureTable(), locale: 'en', cuts: { atRisk: 0.3, churned: 0.6 } });
    // rowProb 0.9 0.8 0.7 0.6 | 0.4 0.3 0.55 0.35 | 0.2 0.1
    expect(screen.getByTestId('tier-count-2').textContent).toBe('4');
    expect(screen.getByTestId('tier-count-1').textContent).toBe('4');
    expect(screen.getByTestId('tier-count-0').textContent).toBe('2');
    await fireEvent.click(screen.getByTestId('tier-filter-1'));
    expect(screen.getAllByTestId('customer-row').map((r) => r.querySelector('.id')!.textContent)).toEqual(['C09', 'C05', 'C10', 'C06']);
    await fireEvent.click(screen.getByTestId('tier-filter-all'));
    await fireEvent.input(screen.getByTestId('customer-search'), { target: { value: 'c0' } });
    expect(screen.getAllByTestId('customer-row').length).toBe(9);
    await fireEvent.click(screen.getAllByTestId('customer-row')[0]);
    // the engine workers answer later: a short "computing" state first, never a frozen page
    expect(screen.getByTestId('reasons-loading').textContent).toBe('Computing the reasons…');
    const reasons = (await screen.findByTestId('top-reasons')).querySelectorAll('li');
    expect(Array.from(reasons).map((l) => l.textContent)).toEqual(['tenure = 2 raises risk by 14.5 points', 'contract = Monthly raises risk by 14 points']);
    expect(screen.queryByTestId('reasons-loading')).toBeNull();
  });

  it('a newer click supersedes the customer still being explained', async () => {
    render(CustomersHarness, { trained: fixtureTrained(), table: fixtureTable(), locale: 'en', cuts: { atRisk: 0.3, churned: 0.6 } });
    await fireEvent.input(screen.getByTestId('customer-search'), { target: { value: 'C01' } });
    await fireEvent.click(screen.getAllByTestId('customer-row')[0]);
    await fireEvent.input(screen.getByTestId('customer-search'), { target: { value: 'C03' } });
    await fireEvent.click(screen.getAllByTestId('customer-row')[0]);
    expect(screen.getByTestId('reasons-loading')).toBeTruthy();
    // C03 (tenure 30, Yearly): only its reasons ever show, whatever order the answers come in
    await waitFor(() => expect(screen.getByTestId('top-reasons').textContent).toContain('contract = Yearly lowers risk by 17.3 points'));
    expect(screen.getByTestId('customer-detail').textContent).toContain('C03');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId('top-reasons').textContent).not.toContain('Monthly');
  });

  it('moving a tier cut changes the counts', async () => {
    render(CustomersHarness, { trained: fixtureTrained(), table: fixtureTable(), locale: 'en', cuts: { atRisk: 0.3, churned: 0.6 } });
    await fireEvent.input(screen.getByTestId('tier-cut-churned'), { target: { value: '0.85' } });
    expect(screen.getByTestId('tier-count-2').textContent).toBe('1');
    expect(screen.getByTestId('tier-count-1').textContent).toBe('7');
  });
});

describe('Customer detail with a table that lacks a model column', () => {
  it('says which column is missing instead of failing', async () => {
    const table = fixtureTable();
    const without = { ...table, columns: table.columns.filter((c) => c.name !== 'contract') };
    render(CustomersHarness, { trained: fixtureTrained(), table: without, locale: 'en', cuts: { atRisk: 0.3, churned: 0.6 } });
    await fireEvent.click(screen.getAllByTestId('customer-row')[0]);
    await waitFor(() => expect(screen.getByTestId('customer-detail').textContent).toContain('These columns are missing from the data: contract'));
  });
});
