// A plain aligned text table for terminals: first column left-aligned, the others right-aligned
// (they hold numbers), columns separated by two spaces.

export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (c === 0 ? padEnd(cell, widths[c]) : padStart(cell, widths[c])))
      .join('  ')
      .trimEnd();
  return all.map(line).join('\n') + '\n';
}

/** Fixed decimals; "—" for a value that is undefined (NaN), e.g. AUC with one class. */
export function fixed(v: number | undefined, digits: number): string {
  return v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

// CJK characters take two terminal cells, so Chinese labels still line up.
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - displayWidth(s)));
}

function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - displayWidth(s))) + s;
}
