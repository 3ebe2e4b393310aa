// xoshiro256** seeded with splitmix64 from (seed, tree index): every tree owns its stream, so a tree
// depends only on (data, params, seed, tree index), never on which worker trains it.
// src/lib/engine/prng.ts mirrors this generator for the host.

let s0: u64 = 0;
let s1: u64 = 0;
let s2: u64 = 0;
let s3: u64 = 0;
let sm: u64 = 0;

@inline function splitmix(): u64 {
  sm += 0x9e3779b97f4a7c15;
  let z = sm;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

export function seedStream(seedLo: u32, seedHi: u32, stream: u32): void {
  sm = ((<u64>seedHi) << 32) | (<u64>seedLo);
  sm ^= (<u64>stream + 1) * 0xd1b54a32d192ed03;
  s0 = splitmix();
  s1 = splitmix();
  s2 = splitmix();
  s3 = splitmix();
}

@inline export function nextU64(): u64 {
  const result = rotl<u64>(s1 * 5, 7) * 9;
  const t = s1 << 17;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u64>(s3, 45);
  return result;
}

/** Uniform integer in [0, n) by multiply-shift of the top 32 bits (bias < n / 2^32). */
@inline export function below(n: u32): u32 {
  return <u32>(((nextU64() >> 32) * (<u64>n)) >> 32);
}
