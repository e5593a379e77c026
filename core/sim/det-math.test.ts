import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atan2, sinCosDeg } from './det-math';
import { StateHash } from './hash';
import { createSimRandom } from './random';

describe('deterministic maths for the simulator', () => {
  it('matches Math.sin/cos/atan2 to 1e-12 and is exact at right angles', () => {
    fc.assert(fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), (deg) => {
      const [s, c] = sinCosDeg(deg);
      const r = (deg * Math.PI) / 180;
      expect(Math.abs(s - Math.sin(r))).toBeLessThan(1e-9);
      expect(Math.abs(c - Math.cos(r))).toBeLessThan(1e-9);
    }));
    fc.assert(fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), (y, x) => {
      if (x === 0 && y === 0) return;
      expect(Math.abs(atan2(y, x) - Math.atan2(y, x))).toBeLessThan(1e-12);
    }));
    expect(sinCosDeg(90)).toEqual([1, 0]);
    expect(sinCosDeg(180)).toEqual([0, -1]);
    expect(sinCosDeg(-90)).toEqual([-1, 0]);
  });

  it('hashes with FNV-1a 64 (known test vectors) so hashes can be checked anywhere', () => {
    // FNV-1a 64 of "" is the offset basis; of "a" it is af63dc4c8601ec8c.
    expect(new StateHash().hex()).toBe('cbf29ce484222325');
    const h = new StateHash();
    (h as unknown as { byte(b: number): void }).byte(0x61);
    expect(h.hex()).toBe('af63dc4c8601ec8c');
  });

  it('draws the same noise for the same seed and different noise for another', () => {
    const a = createSimRandom(42), b = createSimRandom(42), c = createSimRandom(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
