/**
 * What a virtual device may reach in the simulated world. Passed in by `SimWorld`; devices never create worlds.
 */
import type RAPIER from '@dimforge/rapier3d-deterministic-compat';
import type { Arena } from './arena';
import type { FloorMap } from './floor';

/** Fixed simulation step, integer milliseconds (50 ticks per simulated second), so device time is exact. */
export const DT_MS = 20;
/** The same step in seconds. */
export const DT_S = DT_MS / 1000;

/** Something the world noticed that a lesson check or the UI may care about (not a runtime event). */
export type SimEvent =
  | { readonly type: 'ringPassed'; readonly timeMs: number; readonly drone: number; readonly ringId: string; readonly order: number }
  | { readonly type: 'droneAutoLand'; readonly timeMs: number; readonly drone: number; readonly reason: 'idle' | 'battery' }
  | { readonly type: 'droneLanded'; readonly timeMs: number; readonly drone: number }
  | { readonly type: 'droneRefused'; readonly timeMs: number; readonly drone: number; readonly command: string; readonly reason: 'notFlying' | 'battery' }
  | { readonly type: 'actionTimedOut'; readonly timeMs: number; readonly robot: number; readonly action: 'drive' | 'turn' };

/**
 * Collision groups (rapier: membership in the high 16 bits, filter in the low 16). Static colliders are the only
 * members of STATIC, so a shape query filtered to STATIC finds walls without a per-collider JS callback.
 */
export const GROUP_DYNAMIC = 0x0001;
export const GROUP_STATIC = 0x0002;
export const GROUP_FLOOR = 0x0004;
/** Groups value for a collider that is a member of `membership` and collides with everything. */
export const groupsOf = (membership: number): number => ((membership << 16) | 0xffff) >>> 0;
/** Groups value for a query that only hits members of `filter`. */
export const queryOnly = (filter: number): number => ((0xffff << 16) | filter) >>> 0;

export interface SimContext {
  readonly rapier: typeof RAPIER;
  readonly physics: RAPIER.World;
  readonly arena: Arena;
  readonly floor: FloorMap;
  /** Device time now, ms. */
  timeMs(): number;
  emit(event: SimEvent): void;
}
