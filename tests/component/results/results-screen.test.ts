import { describe, it, expect, beforeAll } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import ResultsHarness from './ResultsHarness.svelte';
import ActScreen from '../../../src/ui/act/ActScreen.svelte';
import { fixtureTable, fixtureTrained } from './fixture.ts';
import { installResizeObserver } from './setup-dom.ts';
import { planFor, retentionChoice } from '../../../src/ui/act/retention-choice.svelte.ts';

beforeAll(installResizeObserver);

const cm = () => ['cm-tp', 'cm-fp', 'cm-fn', 'cm-tn'].map((id) => screen.getByTestId(id).querySelector('.n')!.textContent);

describe('Results screen', () => {
  it('recomputes the confusion matrix live when the threshold slider moves', async () => {
    render(ResultsHarness, { trained: fixtureTrained(), table: fixtureTable(), locale: 'en' });
    // test probs 0.9 … 0.1, labels 1,1,0,1,0,1,0,0
    expect(cm()).toEqual(['3', '1', '1', '3']);
    const slider = screen.getByTestId('threshold-slider') as HTMLInputElement;
    expect(slider.type).toBe('range');
    await fireEvent.input(slider, { target: { value: '0.25' } });
    expect(cm()).toEqual(['4', '2', '0', '2']);
    // recall 4/4, precision 4/6
    expect(screen.getByTestId('result-test-recall').textContent).toBe('100.0%');
    expect(screen.getByTestId('result-test-precision').textContent).toBe('66.7%');
    await fireEvent.input(slider, { target: { value: '0.95' } });
    expect(cm()).toEqual(['0', '0', '4', '4']);
  });

  it('shows AUC on the test set and says OOB is not available for a single tree', () => {
    render(ResultsHarness, { trained: fixtureTrained('tree'), table: fixtureTable(), locale: 'en' });
    // positives at 0.9, 0.8, 0.6, 0.3; negatives at 0.7, 0.4, 0.2, 0.1 → 13 of 16 pairs ordered
    expect(screen.getByTestId('result-test-auc').textContent).toBe('0.813');
    expect(screen.getByText('not available for a single tree')).toBeTruthy();
    expect(screen.getByTestId('tree-rules').querySelectorAll('li').length).toBe(3);
  });

  it('renders in Chinese with domain terms', () => {
    render(ResultsHarness, { trained: fixtureTrained(), table: fixtureTable(), locale: 'zh' });
    expect(screen.getByText('混淆矩阵')).toBeTruthy();
    expect(screen.getByText('召回率（查全率）')).toBeTruthy();
    expect(screen.getByText('精确率')).toBeTruthy();
  });
});

describe('Act screen', () => {
  it('renders value at risk, a retention plan and segments from the fixture', () => {
    render(ActScreen, { trained: fixtureTrained(), table: fixtureTable(), locale: 'en', tierCuts: { atRisk: 0.3, churned: 0.6 } });
    // value column guessed: charges; Σ p × charges = 0.9·100 + 0.8·80 + 0.7·60 + 0.6·50 + 0.4·40 + 0.3·30 + 0.2·20 + 0.1·10 + 0.55·90 + 0.35·70 = 330
    expect(screen.getByTestId('total-expected-loss').textContent).toBe('330.00');
    expect(screen.getAllByTestId('segment-row').length).toBe(2);
    expect(screen.getByTestId('retention-plan')).toBeTruthy();
  });

  it('hands the plan made for this model to the audit report, and keeps its inputs across visits', async () => {
    const trained = fixtureTrained();
    const first = render(ActScreen, { trained, table: fixtureTable(), locale: 'en', tierCuts: { atRisk: 0.3, churned: 0.6 } });
    const capacity = screen.getByTestId('plan-capacity') as HTMLInputElement;
    await fireEvent.change(capacity, { target: { value: '3' } });
    const plan = planFor(trained.model)!;
    expect(plan.input.capacity).toBe(3);
    expect(plan.valueColumn).toBe('charges');
    expect(plan.plan.recommendedK).toBeLessThanOrEqual(3);
    expect(planFor(fixtureTrained().model)).toBeNull(); // another model: no plan for it
    first.unmount();
    render(ActScreen, { trained, table: fixtureTable(), locale: 'en', tierCuts: { atRisk: 0.3, churned: 0.6 } });
    expect((screen.getByTestId('plan-capacity') as HTMLInputElement).value).toBe('3');
    retentionChoice.capacity = 500;
  });
});

describe('Results screen without honest predictions', () => {
  it('explains why nothing can be checked and still shows the tree', () => {
    const trained = fixtureTrained('tree');
    const none = { ...trained, testRows: new Uint32Array(0), testProb: new Float64Array(0), trainRows: new Uint32Array(0), oobProb: new Float64Array(0) };
    render(ResultsHarness, { trained: none, table: fixtureTable(), locale: 'en' });
    expect(screen.getByText(/cannot be checked/)).toBeTruthy();
    expect(screen.queryByTestId('threshold-slider')).toBeNull();
    expect(screen.getByTestId('tree-rules').querySelectorAll('li').length).toBe(3);
  });
});
