// "About 4 min left" under a progress bar. Long jobs (reasons for every customer of a big forest,
// scoring a file of millions of rows) run for minutes; the user decides whether to wait or cancel.
// A straight-line guess from the share done: the work is spread evenly over rows or trees.

/** Milliseconds left, or null while the guess would be noise (too early, or nothing measured yet). */
export function timeLeftMs(elapsedMs: number, fraction: number | null): number | null {
  if (fraction === null || !(fraction >= 0.03) || fraction >= 1 || !(elapsedMs >= 3000)) return null;
  return (elapsedMs * (1 - fraction)) / fraction;
}

/** The message key and its number: seconds rounded up to 5 under 90 s, else whole minutes (rounded up). */
export function timeLeftText(ms: number): { key: 'ui.progress.leftSeconds' | 'ui.progress.leftMinutes'; n: number } {
  const s = ms / 1000;
  if (s < 90) return { key: 'ui.progress.leftSeconds', n: Math.max(5, Math.ceil(s / 5) * 5) };
  return { key: 'ui.progress.leftMinutes', n: Math.ceil(s / 60) };
}
