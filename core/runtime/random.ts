/**
 * Seeded PRNG for programs (the "random integer/fraction" blocks) and anything else in a run that needs chance.
 * core never uses Math.random: a run is `(program, arena, seed) → trace`, so every random value must come from here.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A generator of floats in [0, 1) with 53 bits of randomness, fully determined by `seed` (any number; it is
 * truncated to a 32-bit integer, so `createRandom(1.5)` and `createRandom(1)` give the same sequence).
 * The same seed yields the same sequence on every machine and in every process (pure integer arithmetic).
 */
export function createRandom(seed: number): () => number {
  const rng = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(rng);
}
