// The summary strip: AUC, recall and precision at the current threshold on the held-out rows,
// in the exact text automation reads (data-testid metric-*), and the export buttons.
import { describe, expect, it, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ModelBar from '../../src/ui/exportbar/ModelBar.svelte';
import { AppState } from '../../src/ui/state/app.svelte.ts';
import { defaultThreshold, headlineSet } from '../../src/ui/state/evaluation.ts';
import { presetParams } from '../../src/lib/engine/presets.ts';
import type { TrainedModel } from '../../src/lib/engine/types.ts';
import type { Table } from '../../src/lib/table/types.ts';

/** Six rows; rows 0–3 held out with labels 1,0,1,0 and scores 0.9,0.8,0.3,0.1. */
function trained(): TrainedModel {
  return {
    model: { params: presetParams('recommended'), idColumn: null } as unknown as TrainedModel['model'],
    labels: Uint8Array.from([1, 0, 1, 0, 1, 0]),
    trainRows: Uint32Array.from([4, 5]),
    testRows: Uint32Array.from([0, 1, 2, 3]),
    testProb: Float64Array.from([0.9, 0.8, 0.3, 0.1]),
    oobProb: Float64Array.from([NaN, NaN]),
    rowProb: Float64Array.from([0.9, 0.8, 0.3, 0.1, 0.7, 0.2]),
    rowProbSource: Uint8Array.from([1, 1, 1, 1, 0, 0]),
    excludedRows: 0,
    elapsedMs: 1234,
  };
}

beforeEach(() => localStorage.clear());

describe('model bar', () => {
  it('is absent without a model', () => {
    const app = new AppState();
    render(ModelBar, { app });
    expect(screen.queryByTestId('metric-auc')).toBeNull();
    expect(screen.queryByTestId('export-scores')).toBeNull();
  });

  it('shows AUC and the threshold metrics of the test rows, and follows the threshold', () => {
    const app = new AppState();
    app.setLocale('en');
    const table: Table = { rowCount: 6, columns: [] };
    app.training = { trained: trained(), table, fileName: 't.csv', signature: app.signature };
    app.threshold = 0.5;
    render(ModelBar, { app });
    // pairs (churner, stayer) ranked right: 0.9>0.8, 0.9>0.1, 0.3>0.1; wrong: 0.3<0.8 → 3/4
    expect(screen.getByTestId('metric-auc').textContent).toBe('0.750');
    // at 0.5 flagged: 0.9 (churner), 0.8 (stayer)
    expect(screen.getByTestId('metric-recall').textContent).toBe('50.0%');
    expect(screen.getByTestId('metric-precision').textContent).toBe('50.0%');
    app.threshold = 0.25;
    flushSync();
    expect(screen.getByTestId('metric-recall').textContent).toBe('100.0%');
    expect(screen.getByTestId('metric-precision').textContent).toBe('66.7%');
    expect(screen.getByTestId('export-scores')).toBeTruthy();
    expect(screen.getByText('On 4 held-out customers, threshold 0.250.', { exact: false })).toBeTruthy();
    // 2 churners: wide ranges, and a caution. At 0.25 recall 2/2 → Wilson 34.2%–100.0%; precision 2/3 → 20.8%–93.9%
    expect(screen.getByTestId('metric-ranges').textContent).toContain('recall 34.2%–100.0%, precision 20.8%–93.9%');
    expect(screen.getByTestId('few-churners').textContent).toContain('Only 2 of these 4 customers churned');
  });

  it('starts at the threshold with the best F1 on the headline rows', () => {
    // F1 = 2·tp / (tp + fp + P), P = 2: at 0.9 → 2/3; at 0.8 → 2/4; at 0.3 → 4/5 (best); at 0.1 → 4/6
    expect(defaultThreshold(headlineSet(trained())!.set)).toBe(0.3);
  });
});
