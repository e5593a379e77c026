/**
 * The simulator's public API. Everything else in core/sim is internal to it.
 *
 * - `initPhysics()` once per process/worker, then `SimSession.create({ program, arenaId, seed, robotCount })` for a
 *   live run (sim worker), or `runHeadless({ program, arenaId, seed, seconds })` for a whole run at once (CLI, lesson
 *   checks, competition re-simulation).
 * - `SimWorld` drives virtual devices without an interpreter (device tests, hardware-free tools).
 * - `ARENAS` / `arenaById` are the built-in arenas as data; `Snapshot` is what the stage draws.
 */
export type { Arena, FloorLine, LocalizedText, Pose2D, Prop, Ring, Wall, Zone } from './arena';
export { ARENAS, arenaById } from './arenas/index';
export { DT_MS, DT_S, type SimEvent } from './context';
export { describeSimEvent } from './event-text';
export {
  runHeadless, UnknownArenaError,
  type FinalDronePose, type FinalPose, type HeadlessOptions, type RunEvent, type RunSummary,
} from './headless';
export { KIT_INPUT_NAMES, type KitInputName } from './sensor-kit';
export { SimSession, type InterpreterFactory, type SessionState, type SimSessionOptions } from './session';
export type { BodySnapshot, DroneSnapshot, Quat, RobotSnapshot, SensorKitSnapshot, Snapshot, Vec3 } from './snapshot';
export type { DroneFrame, RobotFrame, SimTrace, TraceEvent, TraceFrame } from './trace';
export { initPhysics, SimWorld, startPose, type SimWorldOptions } from './world';
export { ROBOT_GEOMETRY } from './robot';
export { DRONE_PARAMS } from './drone';
