// Recognise files that are not text tables from their first bytes, before any decoding, so the
// user hears "this is an Excel workbook" instead of a parse error about garbage characters.
import { UserError } from '../errors.ts';

function startsWith(b: Uint8Array, sig: number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

function containsAscii(b: Uint8Array, text: string): boolean {
  const n = text.length;
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + n <= b.length; i++) {
    if (b[i] !== first) continue;
    for (let j = 1; j < n; j++) if (b[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/**
 * Throws the UserError that explains what the file is when `head` (the first bytes, ideally
 * 64 KB or more) shows a known binary format, or bytes no text table contains.
 * `utf16` says the encoding sniffer found UTF-16, where NUL bytes are normal.
 */
export function assertTextTable(head: Uint8Array, utf16: boolean): void {
  if (head.length === 0) throw new UserError('ingest.empty');
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw new UserError('ingest.excel');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    // Office Open XML files (xlsx, docx) are zip archives; their entries are named in plain ASCII.
    if (containsAscii(head, 'xl/') || containsAscii(head, '[Content_Types].xml')) throw new UserError('ingest.excel');
    throw new UserError('ingest.zip');
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) throw new UserError('ingest.image', { format: 'PNG' });
  if (startsWith(head, [0xff, 0xd8, 0xff])) throw new UserError('ingest.image', { format: 'JPEG' });
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) throw new UserError('ingest.image', { format: 'GIF' });
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) throw new UserError('ingest.pdf');
  if (startsWith(head, [0x1f, 0x8b])) throw new UserError('ingest.compressed');
  if (utf16) return;
  let control = 0;
  const n = Math.min(head.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) throw new UserError('ingest.binary');
    // Tab, LF, FF, CR and ESC-free text only; a few stray control bytes are tolerated.
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) control++;
  }
  if (control > 8 && control > n / 100) throw new UserError('ingest.binary');
}
