import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../../src/lib/ingest/sha256.ts';

const nodeHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('Sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(new Sha256().update(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).hex()).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto for every length around the block and padding edges, fed in odd pieces', () => {
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (const len of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 4099, 100_003]) {
      const data = new Uint8Array(len).map(() => next());
      const h = new Sha256();
      for (let i = 0; i < len; ) {
        const step = 1 + (next() % 97);
        h.update(data.subarray(i, i + step));
        i += step;
      }
      expect(h.hex(), `length ${len}`).toBe(nodeHex(data));
    }
  });
});
