// Canonical JSON: the same value always gives the same text, whatever order its keys were added in,
// so a hash of it identifies the content. Keys are sorted (by UTF-16 code units, as Array#sort does),
// arrays keep their order, numbers print as JSON.stringify prints them (shortest round-trip form, so
// equal doubles give equal text), and non-finite numbers become null exactly as JSON.stringify does.
import { Sha256 } from '../ingest/sha256.ts';

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, { push: (...s: string[]) => void out.push(...s) });
  return out.join('');
}

interface Sink {
  push(...s: string[]): void;
}

function write(v: unknown, out: Sink): void {
  if (v === null || v === undefined) {
    out.push('null');
    return;
  }
  switch (typeof v) {
    case 'number':
      out.push(Number.isFinite(v) ? JSON.stringify(v) : 'null');
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'object':
      break;
    default:
      // functions, symbols, bigints have no JSON form; the manifest never holds them
      throw new TypeError(`canonicalJson: cannot encode a ${typeof v}`);
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    // typed arrays hold only numbers: the native stringify of a plain copy is the same text, far faster
    out.push(JSON.stringify(Array.from(v as unknown as ArrayLike<number>)));
    return;
  }
  if (Array.isArray(v)) {
    // Model trees are long arrays of numbers; JSON.stringify writes exactly our form for them
    // (shortest round-trip digits, non-finite → null) about ten times faster than one by one.
    if (v.every((x) => typeof x === 'number' || x === null)) {
      out.push(JSON.stringify(v));
      return;
    }
    const a = v as ArrayLike<unknown>;
    out.push('[');
    for (let i = 0; i < a.length; i++) {
      if (i > 0) out.push(',');
      write(a[i], out);
    }
    out.push(']');
    return;
  }
  const o = v as Record<string, unknown>;
  // undefined members are left out, as JSON.stringify leaves them out
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  out.push('{');
  keys.forEach((k, i) => {
    if (i > 0) out.push(',');
    out.push(JSON.stringify(k), ':');
    write(o[k], out);
  });
  out.push('}');
}

/** SHA-256 (lower-case hex) of the UTF-8 bytes of a string. */
export function sha256Text(text: string): string {
  return new Sha256().update(new TextEncoder().encode(text)).hex();
}

/**
 * SHA-256 of the canonical JSON of a value, fed to the hasher in pieces: a model with hundreds of
 * trees would otherwise need its whole text (tens of MB) as one string first.
 */
export function canonicalSha256(value: unknown): string {
  const hash = new Sha256();
  const enc = new TextEncoder();
  let buf = '';
  write(value, {
    push(...s: string[]) {
      for (const x of s) buf += x;
      if (buf.length >= 1 << 16) {
        hash.update(enc.encode(buf));
        buf = '';
      }
    },
  });
  if (buf) hash.update(enc.encode(buf));
  return hash.hex();
}
