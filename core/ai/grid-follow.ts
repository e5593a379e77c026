/**
 * Drives a robot car along a path of grid moves, cell by cell: for each move, turn on the spot to the move's compass
 * heading, then drive one cell edge. It uses only the `Robot` contract (turnDeg, driveCm, the gyro heading), so the
 * same code drives the simulated car and a real one on a printed grid mat.
 *
 * Closed loop on the gyro: each turn aims at the absolute heading (start heading + gyro reading), so small turn
 * errors do not add up over a long path. Distance is dead reckoning (the car's own odometry): a grid cell is 50 cm
 * and the simulated car drives to ±0.5 mm, so it stays within a few millimetres of the cell centres.
 *
 * The follow is a Completion: the interpreter polls `isDone()` once a tick after sampling the sensors, and each poll
 * may issue the next turn or drive. The `CellTracker` it updates is what the "grid row/column" blocks read.
 */
import type { Completion } from '../device/completion';
import type { Robot } from '../device/robot';
import { ACTION_HEADING_DEG, cellIndex, type Action, type Cell, type GridWorld } from './grid-world';

/** Speed of grid moves, percent (a steady speed keeps the odometry and gyro stops precise). */
export const FOLLOW_SPEED_PERCENT = 50;
/** Turns smaller than this are skipped, degrees (the heading is already right). */
const TURN_TOLERANCE_DEG = 1;

/** Where one robot is on the grid, as far as the grid moves it made tell (dead reckoning). */
export interface CellTracker {
  /** Current cell, or null before the robot has followed a path. */
  cell: Cell | null;
  /** Grid the cell belongs to (the last one followed). */
  world: GridWorld | null;
}

export const newCellTracker = (): CellTracker => ({ cell: null, world: null });

/** Wraps an angle to −180 … 180 degrees. */
function wrap180(deg: number): number {
  const d = ((deg % 360) + 360) % 360;
  return d > 180 ? d - 360 : d;
}

export class GridFollow implements Completion {
  private index = 0;
  private phase: 'turn' | 'drive' | 'done' = 'turn';
  private current: Completion | null = null;

  /**
   * Starts following `actions` from `from` at once (the first turn is issued here). `cells` are the cells after each
   * move (the path's cells without its first), so the tracker moves on when a drive ends.
   */
  constructor(
    private readonly robot: Robot,
    private readonly world: GridWorld,
    private readonly actions: readonly Action[],
    private readonly cells: readonly Cell[],
    private readonly tracker: CellTracker,
    from: Cell,
  ) {
    tracker.world = world;
    tracker.cell = from;
    if (actions.length === 0) this.phase = 'done';
    else this.advance();
  }

  isDone(): boolean {
    while (this.phase !== 'done') {
      if (this.current && !this.current.isDone()) return false;
      if (this.phase === 'drive') {
        this.tracker.cell = this.cells[this.index];
        this.index++;
        this.phase = this.index < this.actions.length ? 'turn' : 'done';
      } else {
        this.phase = 'drive';
      }
      if (this.phase !== 'done') this.advance();
    }
    return true;
  }

  /** Issues the command of the current phase. */
  private advance(): void {
    const action = this.actions[this.index];
    if (this.phase === 'turn') {
      const headingNow = this.world.startHeadingDeg + this.robot.readings().headingDeg;
      const turn = wrap180(ACTION_HEADING_DEG[action] - headingNow);
      this.current = Math.abs(turn) < TURN_TOLERANCE_DEG ? null : this.robot.turnDeg(turn, FOLLOW_SPEED_PERCENT);
    } else {
      this.current = this.robot.driveCm(this.world.cellSizeM * 100, FOLLOW_SPEED_PERCENT);
    }
  }
}

/** Cell index the tracker holds, or −1 when it has none. */
export function trackedIndex(tracker: CellTracker): number {
  return tracker.cell && tracker.world ? cellIndex(tracker.world, tracker.cell) : -1;
}
