// The report step mounted on the real app state: it reads the loaded file and the trained model,
// and a language switch re-labels the page without changing the manifest.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, cleanup } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ReportStep from '../../../src/ui/report/ReportStep.svelte';
import { AppState, type LoadedFile } from '../../../src/ui/state/app.svelte.ts';
import type { ReportSource } from '../../../src/ui/report/from-app.ts';
import type { Table } from '../../../src/lib/table/types.ts';
import { handTrained, SHA } from '../../unit/report/fixture.ts';

beforeEach(() => localStorage.clear());
afterEach(() => cleanup());

function table(): Table {
  const n = 10;
  const cat = (name: string, levels: string[]) => ({ kind: 'categorical' as const, name, codes: new Int32Array(n), levels, semantic: 'category' as const });
  return {
    rowCount: n,
    columns: [
      cat('id', ['C01']),
      { kind: 'numeric', name: 'tenure', values: new Float64Array(n), semantic: 'number' },
      cat('contract', ['Monthly']),
      cat('notes', ['x']),
      cat('churn', ['yes', 'no']),
    ],
  };
}

function loaded(sha: string): LoadedFile {
  const t = table();
  return {
    name: 'customers.csv',
    size: 321,
    file: new File(['x'], 'customers.csv'),
    raggedPolicy: 'keep',
    parsed: {
      table: t,
      sha256: sha,
      report: { encoding: 'utf-8', delimiter: ',', rows: 10, columns: 5, raggedRows: { count: 0, first: [] }, droppedRows: 0, blankRows: 0, warnings: [], formats: {} },
    },
  };
}

// Built apart from the assignment so it type-checks whether or not Training has grown more fields.
function training(file: LoadedFile) {
  const t = { trained: handTrained(), table: file.parsed.table, fileName: file.name, signature: 'sig' };
  return t;
}

describe('report step', () => {
  it('says what is missing before a model is trained', () => {
    const app = new AppState();
    app.setLocale('zh');
    render(ReportStep, { app });
    expect(screen.getByTestId('report-unavailable').textContent).toContain('请先载入文件并训练模型');
  });

  it('builds the report from the app state and keeps the manifest hash across a language switch', () => {
    const app = new AppState();
    app.setLocale('en');
    const src: ReportSource = app; // the app state is a report source as it is
    expect(src).toBe(app);
    app.file = loaded(SHA);
    app.training = training(app.file);
    app.threshold = 0.5;
    app.tierCuts = { atRisk: 0.35, churned: 0.7 };
    render(ReportStep, { app });
    expect(screen.getByTestId('report-sha256').textContent).toBe(SHA);
    expect(screen.getByTestId('report-fingerprint-match').textContent).toBe('matches this file');
    expect(screen.getByTestId('report-target').textContent).toBe('churn = yes');
    expect(screen.getByTestId('report-test-recall').textContent).toBe('75.0%');
    const hash = screen.getByTestId('report-manifest-sha256').textContent;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    app.setLocale('zh');
    flushSync();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('审计报告');
    expect(screen.getByTestId('report-manifest-sha256').textContent).toBe(hash);
    app.threshold = 0.4;
    flushSync();
    expect(screen.getByTestId('report-manifest-sha256').textContent).not.toBe(hash);
  });

  it('shows when the loaded file is not the one the model was trained on', () => {
    const app = new AppState();
    app.setLocale('en');
    app.file = loaded('cd'.repeat(32));
    app.training = training(app.file);
    render(ReportStep, { app });
    expect(screen.getByTestId('report-fingerprint-match').textContent).toBe('does NOT match this file: the model was trained on other data');
  });
});
