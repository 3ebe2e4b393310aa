// Character encoding: decided from the first bytes, then text is decoded chunk by chunk
// (TextDecoder with stream: true) so a multi-hundred-MB file never exists as one string.

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export interface EncodingGuess {
  encoding: EncodingName;
  /** Number of BOM bytes to skip. */
  bomLength: number;
}

/** Looks at BOMs, the NUL pattern of BOM-less UTF-16, then UTF-8 validity; anything else is GB18030. */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isValidUtf8Prefix(head)) return { encoding: 'utf-8', bomLength: 0 };
  // Chinese exports (GBK / GB18030) are the common non-UTF-8 case; bytes that are not valid
  // GB18030 either (é followed by a comma, say) come from a Western Windows code page.
  return { encoding: isValid(head, 'gb18030') ? 'gb18030' : 'windows-1252', bomLength: 0 };
}

/** ASCII text in UTF-16 has a NUL in every other byte: odd positions for LE, even for BE. */
function utf16WithoutBom(head: Uint8Array): EncodingName | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** True when `head` is valid UTF-8, allowing a multi-byte sequence cut off at the end. */
export function isValidUtf8Prefix(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function isValid(head: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A streaming decoder; `decode(chunk)` returns the text completed so far, `end()` the remainder. */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  private skip: number;
  constructor(guess: EncodingGuess) {
    // ignoreBOM: the BOM is skipped by byte count, so a U+FEFF inside the data is kept as data.
    this.decoder = new TextDecoder(guess.encoding, { ignoreBOM: true });
    this.skip = guess.bomLength;
  }
  decode(chunk: Uint8Array): string {
    if (this.skip > 0) {
      const s = Math.min(this.skip, chunk.length);
      this.skip -= s;
      chunk = chunk.subarray(s);
    }
    return this.decoder.decode(chunk, { stream: true });
  }
  end(): string {
    return this.decoder.decode();
  }
}
