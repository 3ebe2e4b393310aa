// The audit report page in jsdom: the file's fingerprint, both languages, the buttons, and column
// names shown as text.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, cleanup } from '@testing-library/svelte';
import ReportScreen from '../../../src/ui/report/ReportScreen.svelte';
import { buildManifest, verifyManifest, type AuditManifest } from '../../../src/lib/report/manifest.ts';
import { planRetention } from '../../../src/lib/action/retention.ts';
import { handInput, handTrained, SHA } from '../../unit/report/fixture.ts';
import { M, PH, PW } from '../../../src/ui/report/chart-geometry.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('audit report page', () => {
  it('shows the SHA-256 of the file, the manifest hash and the hand-checked metrics in English', () => {
    const m = buildManifest(handInput());
    render(ReportScreen, { manifest: m, locale: 'en' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Audit report');
    expect(screen.getByTestId('report-sha256').textContent).toBe(SHA);
    expect(screen.getByTestId('report-manifest-sha256').textContent).toBe(m.manifestSha256);
    expect(screen.getByTestId('report-target').textContent).toBe('churn = yes');
    expect(screen.getByTestId('report-test-recall').textContent).toBe('75.0%');
    expect(screen.getByTestId('report-test-precision').textContent).toBe('75.0%');
    expect(screen.getByTestId('report-test-auc').textContent).toBe('0.813');
    expect(screen.getByTestId('report-test-confusion').textContent).toBe('3 / 1 / 1 / 3');
    expect(screen.getByTestId('report-oob-auc').textContent).toBe('—');
    expect(screen.getByTestId('report-param-seed').textContent).toBe('7');
    expect(screen.getByTestId('report-param-maxDepth').textContent).toBe('unlimited');
    expect(screen.getByTestId('report-tier-2').textContent).toBe('3');
    expect(screen.getByTestId('report-tier-1').textContent).toBe('4');
    expect(screen.getByTestId('report-tier-0').textContent).toBe('3');
    expect(screen.getByTestId('report-cli').textContent).toContain("train 'customers q3.csv' --target churn --positive yes");
    expect(screen.getByTestId('report-reproduce').textContent).toContain('ChurnLens 0.1.0 reproduces these numbers exactly.');
    expect(screen.getByTestId('report-fingerprint-match').textContent).toBe('matches this file');
    expect(screen.getByText('(free text)')).toBeTruthy();
    // three charts, each a self-contained SVG with the threshold ring
    for (const id of ['report-roc-chart', 'report-pr-chart', 'report-lift-chart']) {
      const fig = screen.getByTestId(id);
      expect(fig.querySelector('svg')).toBeTruthy();
      expect(fig.querySelector('circle.marker')).toBeTruthy();
    }
    // the ROC ring sits at (false alarm 1/4, recall 3/4) of the plot area
    const ring = screen.getByTestId('report-roc-chart').querySelector('circle.marker')!;
    expect(Number(ring.getAttribute('cx'))).toBeCloseTo(M.left + 0.25 * PW, 6);
    expect(Number(ring.getAttribute('cy'))).toBeCloseTo(M.top + PH - 0.75 * PH, 6);
    // the PR ring at (recall 3/4, precision 3/4)
    const prRing = screen.getByTestId('report-pr-chart').querySelector('circle.marker')!;
    expect(Number(prRing.getAttribute('cx'))).toBeCloseTo(M.left + 0.75 * PW, 6);
    // the page loads nothing from outside
    expect(document.querySelector('img, link, script[src], iframe')).toBeNull();
  });

  it('is in Chinese when the locale is zh, with the same fingerprint', () => {
    const m = buildManifest(handInput({ locale: 'zh' }));
    render(ReportScreen, { manifest: m, locale: 'zh' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('审计报告');
    expect(screen.getByRole('heading', { name: '数据指纹' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '复现方法' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '特征重要性' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '挽留计划' })).toBeTruthy();
    expect(screen.getByText('召回率')).toBeTruthy();
    expect(screen.getByText('精确率')).toBeTruthy();
    expect(screen.getByTestId('report-sha256').textContent).toBe(SHA);
    expect(screen.getByTestId('report-reproduce').textContent).toContain('ChurnLens 0.1.0 可精确复现这些数字');
    expect(screen.getByRole('button', { name: '打印 / 另存为 PDF' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '下载审计清单（JSON）' })).toBeTruthy();
  });

  it('prints with the browser and downloads the manifest as JSON that still verifies', async () => {
    const m = buildManifest(handInput());
    const print = vi.fn();
    window.print = print;
    let blob: Blob | undefined;
    (URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = (b: Blob) => {
      blob = b;
      return 'blob:test/report';
    };
    (URL as unknown as { revokeObjectURL: (u: string) => void }).revokeObjectURL = () => {};
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    render(ReportScreen, { manifest: m, locale: 'en' });
    const actions = screen.getByTestId('report-print').parentElement!;
    expect(actions.classList.contains('no-print')).toBe(true);
    await fireEvent.click(screen.getByTestId('report-print'));
    expect(print).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByTestId('report-download'));
    expect(names).toEqual([`churnlens-audit-${SHA.slice(0, 12)}.json`]);
    expect(blob!.type).toBe('application/json');
    const back = JSON.parse(await blob!.text()) as AuditManifest;
    expect(back.manifestSha256).toBe(m.manifestSha256);
    expect(verifyManifest(back)).toBe(true);
  });

  it('renders column names and values as text, never as markup', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const m = buildManifest(
      handInput({ target: { column: evil, positive: '<b>yes</b>' }, featureColumns: [evil, 'contract'], excludedColumns: [{ name: '<script>x</script>', reason: 'text' }] }),
    );
    render(ReportScreen, { manifest: m, locale: 'en' });
    const page = screen.getByTestId('audit-report');
    expect(page.querySelector('img, b, script')).toBeNull();
    expect(screen.getByTestId('report-target').textContent).toBe(`${evil} = <b>yes</b>`);
    expect(screen.getByTestId('report-reproduce').textContent).toContain(evil);
  });

  it('shows the retention plan with money in the chosen currency', () => {
    const trained = handTrained();
    const input = { probs: trained.rowProb, costPerContact: 10, successRate: 0.5, offerCost: 0, valueSaved: 100, capacity: 5 };
    const m = buildManifest(handInput({ trained, retention: { input, plan: planRetention(input), currency: 'CNY' } }));
    render(ReportScreen, { manifest: m, locale: 'zh' });
    expect(screen.getByTestId('report-retention-k').textContent).toBe('5');
    const out = screen.getByTestId('report-retention-outputs').textContent!;
    // 50 · 3.55 − 50 = 127.5 → ¥128 (currency without decimals)
    expect(out).toContain('¥128');
    expect(out).toContain('已达到可联系人数上限');
  });
});
