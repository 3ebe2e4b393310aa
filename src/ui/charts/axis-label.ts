// Left-axis labels of the horizontal charts (importances, contributions). Plot needs the left margin
// before it draws, so label widths are estimated from the characters: Chinese (and other wide)
// characters take a full em, capitals and m/w most of one, everything else about 0.6 em. Names too
// wide for the margin are shortened with "…" rather than cut off at the chart's edge.

const FONT_PX = 11;
/** Tick (6 px), tick padding (3 px) and a little air. */
const PAD_PX = 14;
const MAX_MARGIN_PX = 160;

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x1f300
  );
}

function charPx(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (isWide(c)) return FONT_PX;
  if ((ch >= 'A' && ch <= 'Z') || ch === 'm' || ch === 'w' || ch === '@' || ch === '%') return 0.8 * FONT_PX;
  return 0.6 * FONT_PX;
}

/** Estimated drawn width of `s` in pixels at the charts' 11 px font. */
export function labelWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charPx(ch);
  return w;
}

/** `s`, or its longest start that fits the widest margin followed by "…". */
export function shortLabel(s: string): string {
  const room = MAX_MARGIN_PX - PAD_PX;
  if (labelWidth(s) <= room) return s;
  const budget = room - labelWidth('…');
  let w = 0;
  let out = '';
  for (const ch of s) {
    w += charPx(ch);
    if (w > budget) break;
    out += ch;
  }
  return out + '…';
}

/** Left margin that fits every label once shortened. */
export function labelMargin(labels: string[]): number {
  const widest = labels.reduce((m, s) => Math.max(m, labelWidth(shortLabel(s))), labelWidth('name'));
  return Math.min(MAX_MARGIN_PX, Math.ceil(PAD_PX + widest));
}
