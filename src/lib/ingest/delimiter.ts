// Which character separates the cells: the candidate whose count per line, outside quotes, is the
// same on most of the first lines (and at least 1) wins; ties go to the larger count, then to
// the order below (comma first).

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Counts per line of each candidate in the first `maxLines` records of `sample`, quote-aware. */
function countsPerLine(sample: string, maxLines: number): number[][] {
  const lines: number[][] = [];
  let cur = [0, 0, 0, 0];
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < sample.length && lines.length < maxLines; i++) {
    const ch = sample[i];
    if (inQuotes) {
      if (ch === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      lines.push(cur);
      cur = [0, 0, 0, 0];
      atFieldStart = true;
      continue;
    }
    const k = DELIMITERS.indexOf(ch as Delimiter);
    if (k >= 0) {
      cur[k]++;
      atFieldStart = true;
    } else if (ch !== ' ') {
      atFieldStart = false;
    }
  }
  if (lines.length < maxLines && (cur[0] || cur[1] || cur[2] || cur[3])) lines.push(cur);
  return lines;
}

export function detectDelimiter(sample: string): Delimiter {
  // The last line of a sample may be cut off mid-record; leave it out when there are others.
  const all = countsPerLine(sample, 101);
  const lines = all.length > 2 ? all.slice(0, -1).filter((c) => c[0] + c[1] + c[2] + c[3] > 0) : all;
  let best: Delimiter = ',';
  let bestConsistency = 0;
  let bestCount = 0;
  for (let k = 0; k < DELIMITERS.length; k++) {
    const freq = new Map<number, number>();
    for (const c of lines) freq.set(c[k], (freq.get(c[k]) ?? 0) + 1);
    let mode = 0;
    let modeLines = 0;
    for (const [count, n] of freq) if (count > 0 && (n > modeLines || (n === modeLines && count > mode))) { mode = count; modeLines = n; }
    if (mode === 0) continue;
    const consistency = modeLines / lines.length;
    if (consistency > bestConsistency + 1e-9 || (Math.abs(consistency - bestConsistency) <= 1e-9 && mode > bestCount)) {
      best = DELIMITERS[k];
      bestConsistency = consistency;
      bestCount = mode;
    }
  }
  return best;
}

/** '\r' alone (old Mac files) or '\n'; a '\r' before '\n' is trimmed off cells later. */
export function detectNewline(sample: string): '\n' | '\r' {
  const n = sample.indexOf('\n');
  const r = sample.indexOf('\r');
  if (r >= 0 && (n < 0 || n > r + 1)) return '\r';
  return '\n';
}
