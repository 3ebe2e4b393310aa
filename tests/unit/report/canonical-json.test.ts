import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalSha256, sha256Text } from '../../../src/lib/report/canonical-json.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth, so insertion order does not matter', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalSha256(a)).toBe(canonicalSha256(b));
  });

  it('keeps array order, writes non-finite numbers as null and drops undefined members, like JSON', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ x: NaN, y: Infinity, z: undefined, w: null, v: -0 })).toBe('{"v":0,"w":null,"x":null,"y":null}');
    expect(canonicalJson(Float64Array.from([0.1, 1e21]))).toBe('[0.1,1e+21]');
    expect(canonicalJson({ s: 'a"b\\c\n中' })).toBe(JSON.stringify({ s: 'a"b\\c\n中' }));
  });

  it('agrees with JSON.parse: parsing the text gives back the same canonical text', () => {
    const v = { k: [1.5, 'two', true, false, null, { '中文': 1, 'A': 2, 'a': 3 }] };
    const t = canonicalJson(v);
    expect(canonicalJson(JSON.parse(t))).toBe(t);
    // code-unit order: upper-case before lower-case, CJK after ASCII
    expect(t).toBe('{"k":[1.5,"two",true,false,null,{"A":2,"a":3,"中文":1}]}');
  });

  it('hashes UTF-8 with SHA-256 (FIPS 180-2 test vectors), also when fed in pieces', () => {
    expect(sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // a value whose canonical text is well over the 64 KiB piece size hashes like the whole text
    const big = { rows: Array.from({ length: 20_000 }, (_, i) => ({ i, s: `行${i}` })) };
    expect(canonicalSha256(big)).toBe(sha256Text(canonicalJson(big)));
  });
});
