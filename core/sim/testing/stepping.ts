/** Test helpers that step a SimWorld the way a tick does (sample every device set, then step the world). */
import type { Completion } from '../../device/completion';
import type { SimWorld } from '../world';

/** Steps until `c` is done (or `maxTicks` pass), sampling once more at the end; returns the ticks taken. */
export function runUntil(world: SimWorld, c: Completion, maxTicks = 5000): number {
  let n = 0;
  while (!c.isDone() && n < maxTicks) {
    for (const s of world.deviceSets) s.sample();
    world.step();
    n++;
  }
  for (const s of world.deviceSets) s.sample();
  return n;
}

/** Steps `n` ticks. */
export function steps(world: SimWorld, n: number): void {
  for (let i = 0; i < n; i++) {
    for (const s of world.deviceSets) s.sample();
    world.step();
  }
}
