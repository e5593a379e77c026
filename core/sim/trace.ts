/**
 * The run trace lesson checks and replays read: one compact frame per tick, plus every runtime and simulator event.
 * Values are quantised as the state hash sees them (positions to 0.1 mm, angles to 0.01°), so a frame compares equal
 * across processes and engines.
 */
import type { RuntimeEvent } from '../runtime/types';
import type { SimEvent } from './context';

export interface RobotFrame {
  /** Metres. */
  readonly x: number;
  readonly z: number;
  /** World heading, degrees 0–360 clockwise from −z. */
  readonly headingDeg: number;
  /** `#rrggbb`. */
  readonly led: string;
  /** The ultrasonic reading sampled this tick, cm. */
  readonly distanceCm: number;
  /** Line sensors, left → right. */
  readonly line: readonly boolean[];
  /** Ids of the arena zones the robot's centre is in. */
  readonly zones: readonly string[];
  /** Touching a wall or fixed obstacle. */
  readonly wallContact: boolean;
  readonly bumper: boolean;
}

export interface DroneFrame {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly headingDeg: number;
  readonly flying: boolean;
  /** How many rings have been passed so far (ids in the events and the snapshot). */
  readonly ringsPassed: number;
  readonly zones: readonly string[];
}

/** The sensor kit in one tick: its LED and every input as the program read it (after noise and clamping). */
export interface KitFrame {
  /** `#rrggbb`. */
  readonly led: string;
  readonly temperatureC: number;
  readonly humidityPercent: number;
  readonly lightPercent: number;
  readonly soundPercent: number;
  readonly motion: boolean;
  readonly knobPercent: number;
  readonly buttonPressed: boolean;
}

export interface TraceFrame {
  /** Device time at the end of the tick, ms. */
  readonly timeMs: number;
  readonly robots: readonly RobotFrame[];
  readonly drones: readonly DroneFrame[];
  /** Present when the run drives the sensor kit. */
  readonly kit?: KitFrame;
}

/** A runtime event from agent `agent`'s interpreter, or something the world noticed. */
export type TraceEvent =
  | { readonly source: 'runtime'; readonly agent: number; readonly event: RuntimeEvent }
  | { readonly source: 'sim'; readonly event: SimEvent };

export interface SimTrace {
  readonly frames: TraceFrame[];
  readonly events: TraceEvent[];
  /**
   * True once the run outgrew the trace limit (`SimWorldOptions.traceLimit`): frames and events after that point
   * were not kept (the hash still covers every tick). Keeps a long live session from growing without bound.
   */
  truncated: boolean;
}
