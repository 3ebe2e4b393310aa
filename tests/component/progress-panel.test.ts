// The progress card: elapsed time always, and a time-left guess once a long job has measured enough.
import { describe, expect, it, beforeEach, vi, afterEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ProgressPanel from '../../src/ui/common/ProgressPanel.svelte';
import { AppState } from '../../src/ui/state/app.svelte.ts';
import { timeLeftMs, timeLeftText } from '../../src/ui/common/time-left.ts';

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('time left', () => {
  it('is a straight-line guess from the share done, and none while it would be noise', () => {
    expect(timeLeftMs(10_000, 0.25)).toBe(30_000);
    expect(timeLeftMs(60_000, 0.5)).toBe(60_000);
    expect(timeLeftMs(2_000, 0.5)).toBeNull(); // too early
    expect(timeLeftMs(10_000, 0.01)).toBeNull(); // too little done
    expect(timeLeftMs(10_000, null)).toBeNull(); // no measure of progress
    expect(timeLeftMs(10_000, 1)).toBeNull();
  });

  it('reads in seconds (up to the next 5) under 90 s, then in whole minutes', () => {
    expect(timeLeftText(1_000)).toEqual({ key: 'ui.progress.leftSeconds', n: 5 });
    expect(timeLeftText(41_000)).toEqual({ key: 'ui.progress.leftSeconds', n: 45 });
    expect(timeLeftText(89_000)).toEqual({ key: 'ui.progress.leftSeconds', n: 90 });
    expect(timeLeftText(90_000)).toEqual({ key: 'ui.progress.leftMinutes', n: 2 });
    expect(timeLeftText(301_000)).toEqual({ key: 'ui.progress.leftMinutes', n: 6 });
  });

  it('shows under the bar once enough is done, in the user\'s language', () => {
    const app = new AppState();
    app.setLocale('en');
    const start = Date.now();
    app.busy = { kind: 'score', labelKey: 'ui.progress.reasons', labelParams: { rows: '100,000' }, detailKey: null, detailParams: {}, fraction: 0.1, startedAt: start, cancel: () => {} };
    render(ProgressPanel, { app });
    expect(screen.getByTestId('progress-time').textContent).not.toContain('left');
    vi.advanceTimersByTime(20_000);
    flushSync();
    // 20 s for 10%: 180 s to go
    expect(screen.getByTestId('progress-time').textContent).toContain('about 3 min left');
    app.setLocale('zh');
    flushSync();
    expect(screen.getByTestId('progress-time').textContent).toContain('约剩 3 分钟');
  });
});
