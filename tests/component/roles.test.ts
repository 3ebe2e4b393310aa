// The Profile step's roles panel and the state behind it: detected target, churn value, id column,
// the "others count as stayed" explanation, feature suggestions and stale results.
import { describe, expect, it, beforeEach } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import RolesPanel from '../../src/ui/profile/RolesPanel.svelte';
import { AppState } from '../../src/ui/state/app.svelte.ts';
import { rolesFor } from '../../src/ui/state/roles.ts';
import type { Table } from '../../src/lib/table/types.ts';
import type { TrainedModel } from '../../src/lib/engine/types.ts';

function cat(name: string, values: string[], semantic: 'category' | 'id' = 'category') {
  const levels: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    let k = levels.indexOf(v);
    if (k < 0) k = levels.push(v) - 1;
    return k;
  });
  return { kind: 'categorical' as const, name, codes, levels, semantic };
}

/** 8 customers: 3 churned (Yes), no column predicting it perfectly. Plan has three values; Region is constant. */
function table(): Table {
  const churn = ['Yes', 'No', 'No', 'Yes', 'No', 'No', 'No', 'Yes'];
  return {
    rowCount: 8,
    columns: [
      cat('customerID', ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'], 'id'),
      { kind: 'numeric', name: 'tenure', values: Float64Array.from([1, 30, 30, 1, 50, 12, 12, 50]), semantic: 'number' },
      cat('Plan', ['basic', 'gold', 'silver', 'basic', 'gold', 'silver', 'basic', 'gold']),
      cat('Region', ['north', 'north', 'north', 'north', 'north', 'north', 'north', 'north']),
      cat('Churn', churn),
    ],
  };
}

function loaded(): AppState {
  const app = new AppState();
  app.setLocale('en');
  const t = table();
  app.file = {
    name: 'c.csv',
    size: 100,
    file: new File(['x'], 'c.csv'),
    parsed: {
      table: t,
      sha256: 'ab'.repeat(32),
      report: { encoding: 'utf-8', delimiter: ',', rows: 8, columns: 5, raggedRows: { count: 0, first: [] }, droppedRows: 0, blankRows: 0, warnings: [], formats: {} },
    },
    raggedPolicy: 'keep',
  };
  const { roles, detected } = rolesFor(t);
  app.roles = roles;
  app.detectedTarget = detected;
  return app;
}

beforeEach(() => localStorage.clear());

describe('roles panel', () => {
  it('pre-selects the detected target, its churn value and the id column', () => {
    const app = loaded();
    render(RolesPanel, { app });
    const target = screen.getByTestId('target-select') as HTMLSelectElement;
    expect(target.value).toBe('Churn');
    expect([...target.options].map((o) => o.value)).toEqual(['', 'customerID', 'tenure', 'Plan', 'Region', 'Churn']);
    expect((screen.getByLabelText('Value that means “left”') as HTMLSelectElement).value).toBe('Yes');
    expect((screen.getByLabelText('Customer id column') as HTMLSelectElement).value).toBe('customerID');
    expect(screen.getByText('Churn rate: 37.5% (3 of 8 customers).')).toBeTruthy();
    // id, target and the constant Region are not features; tenure and Plan are
    expect(app.featureColumns).toEqual(['tenure', 'Plan']);
    expect((screen.getByTestId('train-button') as HTMLButtonElement).disabled).toBe(false);
  });

  it('changing the target re-guesses the churn value and explains that other values count as stayed', async () => {
    const app = loaded();
    render(RolesPanel, { app });
    await fireEvent.change(screen.getByTestId('target-select'), { target: { value: 'Plan' } });
    expect(app.roles.target).toBe('Plan');
    // no churn word among basic/gold/silver: the rarest value (silver, 2 rows) is proposed
    expect(app.roles.positive).toBe('silver');
    expect(screen.getByText('The other values (basic, gold) count as stayed.')).toBeTruthy();
    expect(app.featureColumns).toEqual(['tenure', 'Churn']);
  });

  it('warns when the chosen churn value would make most customers churners (a value that means stayed)', async () => {
    const app = loaded();
    render(RolesPanel, { app });
    expect(screen.queryByTestId('churn-majority')).toBeNull();
    await fireEvent.change(screen.getByLabelText('Value that means “left”'), { target: { value: 'No' } });
    expect(app.roles.positive).toBe('No');
    expect(screen.getByText('Churn rate: 62.5% (5 of 8 customers).')).toBeTruthy();
    expect(screen.getByTestId('churn-majority').textContent).toContain('If “No” means they stayed, pick the other value.');
  });

  it('without a target the train button is disabled and says why', async () => {
    const app = loaded();
    render(RolesPanel, { app });
    await fireEvent.change(screen.getByTestId('target-select'), { target: { value: '' } });
    expect((screen.getByTestId('train-button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Choose the target column first.')).toBeTruthy();
  });
});

describe('app state', () => {
  it('a user can put a suggested exclusion back and take a feature out', () => {
    const app = loaded();
    app.useColumn('Region', true);
    app.useColumn('tenure', false);
    expect(app.featureColumns).toEqual(['Plan', 'Region']);
  });

  it('changing roles or settings after training marks results stale, changing back un-stales them', () => {
    const app = loaded();
    app.training = { trained: {} as TrainedModel, table: app.table!, fileName: 'c.csv', signature: app.signature };
    expect(app.stale).toBe(false);
    expect(app.stepState('results')).toBe('done');
    app.setParam('trees', 7);
    flushSync();
    expect(app.stale).toBe(true);
    expect(app.stepState('results')).toBe('attention');
    expect(app.training).not.toBeNull(); // never silently discarded
    app.choosePreset('recommended');
    expect(app.stale).toBe(false);
    app.setParam('threads', 1); // speed only: the model would be the same
    expect(app.stale).toBe(false);
  });

  it('locks later steps until there is a file and a model', () => {
    const app = new AppState();
    expect(app.stepState('profile')).toBe('locked');
    expect(app.stepState('results')).toBe('locked');
    app.goto('results');
    expect(app.step).toBe('load');
  });
});
