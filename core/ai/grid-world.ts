/**
 * The grid world Q-learning trains in, derived from an arena's own data (walls and zones), so the cells the agent
 * learns about are the cells the simulated robot later drives through.
 *
 * Why a grid model and not the rapier simulation for training: one move of the simulated robot from cell to cell
 * (turn, then drive 50 cm at 0.4 m/s) takes ~1.5–2.5 s of device time, ~100 ticks; an episode of up to 50 moves is
 * ~5,000 ticks, about half a second of CPU — a few episodes per second, far from the ≥ 50 episodes/s a lesson needs
 * (hundreds of episodes while the class waits). The grid model takes its walls, start, goal and trap from the same
 * arena geometry, so training sees exactly the arena's structure; the trained policy then drives the real simulated
 * robot (`ai_q_follow`), which is where physics matters. `bench/ai-rl.bench.ts` measures both.
 *
 * Cells: `row` counts from the north edge (z = 0), `col` from the west edge (x = 0); cell index = row × cols + col.
 * Actions N/E/S/W move one cell towards −z / +x / +z / −x. A move into a wall or the border leaves the agent where
 * it is (a "bump").
 */
import type { Arena } from '../sim/arena';
import { arenaById } from '../sim/arenas/index';

export const ACTIONS = ['N', 'E', 'S', 'W'] as const;
export type Action = (typeof ACTIONS)[number];

/** Row and column change of each action, in ACTIONS order. */
const D_ROW = [-1, 0, 1, 0] as const;
const D_COL = [0, 1, 0, -1] as const;
/** Wall bit of each side of a cell, in ACTIONS order. */
export const SIDE_BIT = [1, 2, 4, 8] as const;

export interface Cell {
  readonly row: number;
  readonly col: number;
}

/** What a cell is; the episode ends on entering a goal or a trap. */
export type CellKind = 'free' | 'goal' | 'trap';

/** A grid world as plain data (it is saved inside a Q-learning model, so the model can be drawn without the arena). */
export interface GridWorld {
  readonly arenaId: string;
  readonly rows: number;
  readonly cols: number;
  /** Cell edge, metres. */
  readonly cellSizeM: number;
  readonly start: Cell;
  /** Robot heading at the start, degrees clockwise from north (the arena's start heading). */
  readonly startHeadingDeg: number;
  /** Closed sides of each cell by index: bit 1 = N, 2 = E, 4 = S, 8 = W (border sides are always closed). */
  readonly walls: readonly number[];
  /** Kind of each cell by index. */
  readonly kinds: readonly CellKind[];
}

/** Grid size of the arenas Q-learning can use, as data (an arena is a grid only if its walls lie on cell edges). */
export const GRID_ARENAS: Readonly<Record<string, { readonly rows: number; readonly cols: number }>> = {
  'grid-5x5': { rows: 5, cols: 5 },
  maze: { rows: 4, cols: 4 },
};

/** Ids of the arenas that can be grids, in a stable order (for block dropdowns). */
export const GRID_ARENA_IDS: readonly string[] = Object.keys(GRID_ARENAS);

/**
 * Reads a grid world off an arena: cell size = width / cols; a side of a cell is closed when a wall box covers
 * the edge (sampled at a quarter, half and three quarters along it); a cell is a goal when the centre of a zone whose
 * id starts with `goal` or `finish` lies in it, a trap for ids starting with `trap`.
 */
export function gridWorldFromArena(arena: Arena, rows: number, cols: number): GridWorld {
  const cellSizeM = arena.width / cols;
  if (Math.abs(arena.depth / rows - cellSizeM) > 1e-9) throw new Error(`[GridWorld] ${arena.id} is not a ${rows} × ${cols} grid of square cells`);
  const inWall = (x: number, z: number) =>
    arena.walls.some((w) => Math.abs(x - w.x) <= w.w / 2 && Math.abs(z - w.z) <= w.d / 2);
  /** True when the edge from (x0, z0) to (x1, z1) is covered by a wall at any of three sample points. */
  const edgeClosed = (x0: number, z0: number, x1: number, z1: number) =>
    [0.25, 0.5, 0.75].some((t) => inWall(x0 + (x1 - x0) * t, z0 + (z1 - z0) * t));

  const walls: number[] = [];
  const kinds: CellKind[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const x0 = col * cellSizeM, x1 = x0 + cellSizeM, z0 = row * cellSizeM, z1 = z0 + cellSizeM;
      let bits = 0;
      if (row === 0 || edgeClosed(x0, z0, x1, z0)) bits |= SIDE_BIT[0];
      if (col === cols - 1 || edgeClosed(x1, z0, x1, z1)) bits |= SIDE_BIT[1];
      if (row === rows - 1 || edgeClosed(x0, z1, x1, z1)) bits |= SIDE_BIT[2];
      if (col === 0 || edgeClosed(x0, z0, x0, z1)) bits |= SIDE_BIT[3];
      walls.push(bits);
      kinds.push('free');
    }
  }
  const cellAt = (x: number, z: number): Cell => ({
    row: Math.min(rows - 1, Math.max(0, Math.floor(z / cellSizeM))),
    col: Math.min(cols - 1, Math.max(0, Math.floor(x / cellSizeM))),
  });
  for (const zone of arena.zones) {
    const kind: CellKind | null = /^(goal|finish)/.test(zone.id) ? 'goal' : /^trap/.test(zone.id) ? 'trap' : null;
    if (!kind) continue;
    const c = cellAt(zone.x, zone.z);
    kinds[c.row * cols + c.col] = kind;
  }
  return {
    arenaId: arena.id, rows, cols, cellSizeM,
    start: cellAt(arena.start.x, arena.start.z),
    startHeadingDeg: arena.start.headingDeg,
    walls, kinds,
  };
}

/** The grid world of a built-in arena listed in GRID_ARENAS, or undefined. */
export function gridWorldForArena(arenaId: string): GridWorld | undefined {
  const size = Object.prototype.hasOwnProperty.call(GRID_ARENAS, arenaId) ? GRID_ARENAS[arenaId] : undefined;
  const arena = arenaById(arenaId);
  return size && arena ? gridWorldFromArena(arena, size.rows, size.cols) : undefined;
}

export const cellIndex = (world: GridWorld, cell: Cell): number => cell.row * world.cols + cell.col;
export const cellOf = (world: GridWorld, index: number): Cell => ({ row: Math.floor(index / world.cols), col: index % world.cols });
export const actionIndex = (a: Action): number => ACTIONS.indexOf(a);

/**
 * The cell index reached by taking action `a` (index into ACTIONS) in cell `s`: `s` itself when that side is
 * closed. Kept allocation-free: training calls it millions of times.
 */
export function moveIndex(world: GridWorld, s: number, a: number): number {
  if (world.walls[s] & SIDE_BIT[a]) return s;
  return s + D_ROW[a] * world.cols + D_COL[a];
}

/** Heading in degrees (clockwise from north) of each action, for driving the robot. */
export const ACTION_HEADING_DEG: Readonly<Record<Action, number>> = { N: 0, E: 90, S: 180, W: 270 };

/**
 * Shortest number of moves from the start to any goal without entering a trap (breadth-first search), or null when
 * no goal can be reached. The tests use it as the known answer Q-learning must find.
 */
export function shortestPathLength(world: GridWorld, from: Cell = world.start): number | null {
  const n = world.rows * world.cols;
  const dist = new Array<number>(n).fill(-1);
  const start = cellIndex(world, from);
  dist[start] = 0;
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    if (world.kinds[s] === 'goal') return dist[s];
    if (world.kinds[s] === 'trap') continue;
    for (let a = 0; a < ACTIONS.length; a++) {
      const t = moveIndex(world, s, a);
      if (t !== s && dist[t] < 0) {
        dist[t] = dist[s] + 1;
        queue.push(t);
      }
    }
  }
  return null;
}
