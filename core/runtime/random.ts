/**
 * Seeded PRNG for programs (the "random integer/fraction" blocks) and anything else in a run that needs chance.
 * core never uses Math.random: a run is `(program, arena, seed) → trace`, so every random value must come from here.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { mersenne } from 'pure-rand/generator/mersenne';

/**
 * A generator of floats in [0, 1) with 53 bits of randomness, fully determined by `seed` (any number; it is
 * truncated to a 32-bit integer, so `createRandom(1.5)` and `createRandom(1)` give the same sequence).
 * The same seed yields the same sequence on every machine and in every process (pure integer arithmetic).
 * Mersenne Twister rather than xoroshiro128+: pure-rand seeds xoroshiro from the raw 32-bit seed, and its first
 * outputs for small seeds (0, 1, 2, 42…) were all ≈ 1.0 — a "random" block would give the same first answer to
 * every student. MT19937's seeding mixes the seed over its whole state.
 */
export function createRandom(seed: number): () => number {
  const rng = mersenne(seed | 0);
  return () => uniformFloat64(rng);
}
