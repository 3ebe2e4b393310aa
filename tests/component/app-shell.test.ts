// The whole shell in jsdom: the file input is always in the DOM, the rail locks steps without a
// file or model, and the Profile step offers the target select and the train button together.
import { describe, expect, it, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import App from '../../src/App.svelte';
import { AppState } from '../../src/ui/state/app.svelte.ts';
import { rolesFor } from '../../src/ui/state/roles.ts';
import type { Table } from '../../src/lib/table/types.ts';

function tinyTable(): Table {
  const churn = ['yes', 'no', 'no', 'no', 'yes', 'no'];
  return {
    rowCount: 6,
    columns: [
      { kind: 'numeric', name: 'tenure', values: Float64Array.from([1, 20, 20, 1, 40, 5]), semantic: 'number' },
      { kind: 'categorical', name: 'churn', codes: Int32Array.from(churn, (v) => (v === 'yes' ? 0 : 1)), levels: ['yes', 'no'], semantic: 'category' },
    ],
  };
}

beforeEach(() => localStorage.clear());

describe('app shell', () => {
  it('starts on Load with later steps locked and the file input present', () => {
    const app = new AppState();
    app.setLocale('en');
    render(App, { app });
    expect(screen.getByTestId('file-input').getAttribute('accept')).toBe('.csv,.txt,.tsv,text/csv');
    expect(screen.getByTestId('lang-switch')).toBeTruthy();
    expect(screen.getByText('Local only: your data never leaves this computer')).toBeTruthy();
    const rail = (name: string) => screen.getByRole('button', { name: new RegExp('^' + name) }) as HTMLButtonElement;
    expect(rail('Profile').disabled).toBe(true);
    expect(rail('Results').disabled).toBe(true);
    expect(screen.queryByTestId('target-select')).toBeNull();
  });

  it('on Profile shows the target select and the train button, and the file input stays', () => {
    const app = new AppState();
    app.setLocale('en');
    const table = tinyTable();
    app.file = {
      name: 't.csv',
      size: 10,
      file: new File(['x'], 't.csv'),
      parsed: {
        table,
        sha256: '00'.repeat(32),
        report: { encoding: 'utf-8', delimiter: ',', rows: 6, columns: 2, raggedRows: { count: 0, first: [] }, droppedRows: 0, blankRows: 0, warnings: [], formats: {} },
      },
      raggedPolicy: 'keep',
    };
    app.roles = rolesFor(table).roles;
    app.step = 'profile';
    render(App, { app });
    flushSync();
    expect((screen.getByTestId('target-select') as HTMLSelectElement).value).toBe('churn');
    expect((screen.getByTestId('train-button') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('file-input')).toBeTruthy();
    // no model yet: no metrics, no export
    expect(screen.queryByTestId('metric-auc')).toBeNull();
    expect(screen.queryByTestId('export-scores')).toBeNull();
  });
});
