/**
 * Seeded noise for the simulator. core never uses Math.random: every run is `(program, arena, seed) → trace`.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 32-bit integer state) — only integer ops, so the same
 * seed gives the same numbers in every engine. Each device draws from its own stream (`fork`), so adding a sensor
 * read to one robot never shifts another robot's noise.
 */
export interface SimRandom {
  /** Float in [0, 1). */
  next(): number;
  /** Float in [−amplitude, amplitude). */
  symmetric(amplitude: number): number;
  /** A new independent stream derived from this one and `salt`. */
  fork(salt: number): SimRandom;
}

export function createSimRandom(seed: number): SimRandom {
  // Split the seed into two 32-bit words (seeds up to 2^53 are honoured) and mix with fixed constants.
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return makeSfc32(0x9e3779b9 ^ lo, 0x243f6a88 ^ hi, 0xb7e15162 ^ Math.imul(lo, 0x85ebca6b), 1);
}

function makeSfc32(a0: number, b0: number, c0: number, d0: number): SimRandom {
  let a = a0 | 0, b = b0 | 0, c = c0 | 0, d = d0 | 0;
  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up: discard the first outputs so nearby seeds diverge.
  for (let i = 0; i < 15; i++) nextU32();
  const rng: SimRandom = {
    next: () => nextU32() / 4294967296,
    symmetric: (amplitude) => (nextU32() / 2147483648 - 1) * amplitude,
    fork: (salt) => makeSfc32(nextU32() ^ Math.imul(salt | 0, 0x27d4eb2d), nextU32(), nextU32() ^ (salt | 0), 1),
  };
  return rng;
}
