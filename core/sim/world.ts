/**
 * The deterministic simulated world: rapier's deterministic build stepped at a fixed 20 ms, seeded noise, arenas as
 * data, virtual devices. `(arena, seed, device commands) → the same poses, hash and trace` in every process and in
 * Chromium. Nothing here reads a clock or Math.random.
 *
 *   await initPhysics();                       // once per process / worker
 *   const world = new SimWorld({ arena: 'line-track', seed: 1, kit: 'robot', count: 1 });
 *   every tick: world.deviceSets[i].sample(); …commands…; world.step();
 *   world.snapshot(), world.stateHash, world.trace
 *   world.free() when done (releases the WASM memory).
 */
import RAPIER from '@dimforge/rapier3d-deterministic-compat';
import type { TargetKit } from '../program/ir';
import type { RuntimeEvent } from '../runtime/types';
import type { Arena, Pose2D } from './arena';
import { arenaById } from './arenas/index';
import { DT_MS, DT_S, GROUP_DYNAMIC, GROUP_FLOOR, GROUP_STATIC, groupsOf, type SimContext, type SimEvent } from './context';
import { sinCosDeg, wrapDeg360 } from './det-math';
import { SimDeviceSet } from './device-set';
import { VirtualDrone } from './drone';
import { FloorMap } from './floor';
import { qDeg, qMetres, StateHash } from './hash';
import { createSimRandom, type SimRandom } from './random';
import { ROBOT_GEOMETRY, VirtualRobot } from './robot';
import { VirtualCamera, type CameraTarget } from './camera';
import { VirtualSensorKit } from './sensor-kit';
import type { BodySnapshot, DroneSnapshot, Quat, RobotSnapshot, Snapshot, Vec3 } from './snapshot';
import type { DroneFrame, RobotFrame, SimTrace, TraceEvent, TraceFrame } from './trace';

export { DT_MS, DT_S } from './context';
export type { SimEvent } from './context';

let ready: Promise<void> | null = null;
let initialised = false;

/** Loads rapier's WASM (~100 ms). Call once before creating worlds; later calls return the same promise. */
export function initPhysics(): Promise<void> {
  ready ??= RAPIER.init().then(() => {
    initialised = true;
  });
  return ready;
}

export interface SimWorldOptions {
  /** Arena id (see `ARENAS`) or arena data (lesson units may bring their own). */
  readonly arena: string | Arena;
  /** Seed of every noise source. Same seed, same arena, same commands ⇒ same hash. */
  readonly seed: number;
  /** Which devices each program gets: robot cars, drones, or the sensor kit. Default 'robot'. */
  readonly kit?: TargetKit;
  /** Robots (or drones) in the world, one per program copy; default 1. The sensor kit is always one. */
  readonly count?: number;
  /** Record a trace frame every tick and the events (default true). Benchmarks and UI previews may turn it off. */
  readonly trace?: boolean;
  /**
   * Most trace frames, and most trace events, kept (default 90 000 each: 30 minutes at 50 ticks a second, some tens
   * of MB). Past it `trace.truncated` is set and recording stops; the hash still covers every tick.
   */
  readonly traceLimit?: number;
}

/** Default `traceLimit`: 30 minutes of frames. */
export const DEFAULT_TRACE_LIMIT = 90_000;

/** The world of one run. */
export class SimWorld {
  readonly arena: Arena;
  readonly seed: number;
  readonly kitKind: TargetKit;
  readonly robots: readonly VirtualRobot[];
  readonly drones: readonly VirtualDrone[];
  readonly kit: VirtualSensorKit | null;
  /** One device set per program copy (agent), in robot/drone order. */
  readonly deviceSets: readonly SimDeviceSet[];
  readonly trace: SimTrace = { frames: [], events: [], truncated: false };

  private readonly physics: RAPIER.World;
  private readonly floor: FloorMap;
  private readonly props: { id: string; body: RAPIER.RigidBody }[] = [];
  /** Every prop with its collider, for the robots' AI cameras. */
  private readonly cameraTargets: CameraTarget[] = [];
  private readonly hash = new StateHash();
  /** The `trace` option: keep frames and events at all. */
  private readonly traceEnabled: boolean;
  /** Still appending frames (false once the limit is reached). */
  private recordTrace: boolean;
  private readonly traceLimit: number;
  private readonly listeners = new Set<(event: SimEvent) => void>();
  private readonly zoneScratch: string[] = [];
  private readonly zoneArrays = new Map<string, readonly string[]>();
  private kitSampledTick = -1;
  private tickCount = 0;
  private freed = false;

  constructor(options: SimWorldOptions) {
    if (!initialised) throw new Error('[Sim] initPhysics() must finish before a SimWorld is created');
    const arena = typeof options.arena === 'string' ? arenaById(options.arena) : options.arena;
    if (!arena) throw new Error(`[Sim] unknown arena "${String(options.arena)}"`);
    this.arena = arena;
    this.seed = options.seed;
    this.kitKind = options.kit ?? 'robot';
    this.traceEnabled = options.trace ?? true;
    this.recordTrace = this.traceEnabled;
    this.traceLimit = Math.max(0, Math.floor(options.traceLimit ?? DEFAULT_TRACE_LIMIT));
    const count = Math.max(1, Math.floor(options.count ?? 1));
    const random = createSimRandom(options.seed);

    this.physics = new RAPIER.World({ x: 0, y: -9.81, z: 0 });
    this.physics.timestep = DT_S;
    this.floor = new FloorMap(arena);
    const ctx: SimContext = {
      rapier: RAPIER,
      physics: this.physics,
      arena,
      floor: this.floor,
      timeMs: () => this.tickCount * DT_MS,
      emit: (event) => this.emitSim(event),
    };
    this.buildStatics();

    const robots: VirtualRobot[] = [];
    const drones: VirtualDrone[] = [];
    let kit: VirtualSensorKit | null = null;
    // Each device draws from its own stream, forked in a fixed order, so streams never depend on call order.
    const streams: SimRandom[] = [];
    for (let i = 0; i < count + 1; i++) streams.push(random.fork(i + 1));
    if (this.kitKind === 'robot') {
      for (let i = 0; i < count; i++) robots.push(new VirtualRobot(ctx, i, `robot-${i + 1}`, startPose(arena, i), streams[i]));
    } else if (this.kitKind === 'drone') {
      for (let i = 0; i < count; i++) drones.push(new VirtualDrone(ctx, i, `drone-${i + 1}`, startPose(arena, i), streams[i]));
    }
    if (this.kitKind === 'sensorkit') kit = new VirtualSensorKit(ctx, streams[count]);
    // Cameras draw no random numbers and compute only when read, so they never change a run.
    for (const r of robots) r.cameraDevice = new VirtualCamera(ctx, r, this.cameraTargets, robots);
    this.robots = robots;
    this.drones = drones;
    this.kit = kit;
    const sampleKit = () => {
      if (this.kitSampledTick !== this.tickCount) {
        this.kitSampledTick = this.tickCount;
        kit?.sample();
      }
    };
    if (this.kitKind === 'robot') this.deviceSets = robots.map((r) => new SimDeviceSet(r, null, null, sampleKit));
    else if (this.kitKind === 'drone') this.deviceSets = drones.map((d) => new SimDeviceSet(null, d, null, sampleKit));
    else this.deviceSets = [new SimDeviceSet(null, null, kit, sampleKit)];
    // One settling step before tick 0 (robots are still; cubes settle on the floor): rapier builds its scene-query
    // structures during a step, so without it the first ultrasonic reading would see nothing. Not counted as a tick.
    for (const r of this.robots) r.applyControl();
    this.physics.step();
    for (const r of this.robots) r.afterStep();
    // First sample so readings are valid before the first tick.
    for (const set of this.deviceSets) set.sample();
  }

  /** Device time now, ms (integer: ticks × 20). */
  get timeMs(): number {
    return this.tickCount * DT_MS;
  }

  /** Ticks stepped so far. */
  get tick(): number {
    return this.tickCount;
  }

  /** Rolling FNV-1a 64 hash of every tick's quantised state, 16 hex digits. */
  get stateHash(): string {
    return this.hash.hex();
  }

  /** Advances the world by one fixed step (20 ms): motors → physics → sensors' contacts → drones → hash/trace. */
  step(): void {
    for (const r of this.robots) r.applyControl();
    this.physics.step();
    for (const r of this.robots) r.afterStep();
    for (const d of this.drones) d.step();
    this.tickCount++;
    this.recordTick();
  }

  /** Records a runtime event of agent `agent` in the trace (the session calls this). */
  recordRuntimeEvent(agent: number, event: RuntimeEvent): void {
    if (event.type === 'highlight') return;
    this.pushEvent({ source: 'runtime', agent, event });
  }

  /** Subscribe to simulator events (rings passed, auto-landing…); returns an unsubscribe function. */
  onDidSimEvent(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The state the stage draws. Plain data, safe to post to another thread. */
  snapshot(): Snapshot {
    const g = ROBOT_GEOMETRY;
    const robots: RobotSnapshot[] = this.robots.map((r) => {
      const t = r.body.translation();
      const q = r.body.rotation();
      const front = g.lengthM / 2 + 0.001;
      const from: Vec3 = [r.x + r.fx * front, g.ultrasonicHeightM, r.z + r.fz * front];
      const rd = r.readings();
      return {
        id: r.id,
        position: [t.x, t.y, t.z],
        rotation: [q.x, q.y, q.z, q.w],
        ledColour: r.ledColour,
        displayText: r.displayText,
        toneHz: r.toneHz,
        leftMotorPercent: r.leftPercent,
        rightMotorPercent: r.rightPercent,
        ultrasonic: { from, to: [from[0] + r.fx * r.rayLengthM, from[1], from[2] + r.fz * r.rayLengthM], distanceCm: rd.distanceCm },
        lineSensors: rd.lineSensors.slice(),
        colourUnder: rd.colourUnder,
        headingDeg: rd.headingDeg,
        bumperPressed: rd.bumperPressed,
      };
    });
    const drones: DroneSnapshot[] = this.drones.map((d) => {
      const rd = d.readings();
      return {
        id: d.id,
        position: [d.x, d.y, d.z],
        rotation: droneRotation(d.heading, d.flipPhase, d.flipDirection),
        flying: d.flying,
        heightCm: rd.heightCm,
        batteryPercent: rd.batteryPercent,
        ringsPassed: d.ringsPassed.slice(),
      };
    });
    const props: BodySnapshot[] = this.props.map((p) => {
      const t = p.body.translation();
      const q = p.body.rotation();
      return { id: p.id, position: [t.x, t.y, t.z], rotation: [q.x, q.y, q.z, q.w] };
    });
    const k = this.kit;
    return {
      timeMs: this.timeMs,
      tick: this.tickCount,
      robots,
      drones,
      kit: k ? { ...k.readings(), ledColour: k.ledColour, displayText: k.displayText } : null,
      props,
    };
  }

  /** Releases the physics world's WASM memory. The world is unusable afterwards. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.physics.free();
  }

  // ---- internals ------------------------------------------------------------------------------------------------

  private buildStatics(): void {
    const R = RAPIER;
    const a = this.arena;
    const w = this.physics;
    // Floor slab, a little larger than the arena. Robots float above it (see robot.ts); cubes rest on it.
    w.createCollider(R.ColliderDesc.cuboid(a.width / 2 + 1, 0.05, a.depth / 2 + 1).setTranslation(a.width / 2, -0.05, a.depth / 2).setFriction(0.6).setCollisionGroups(groupsOf(GROUP_FLOOR)));
    for (const wall of a.walls) {
      w.createCollider(R.ColliderDesc.cuboid(wall.w / 2, wall.h / 2, wall.d / 2).setTranslation(wall.x, wall.h / 2, wall.z).setFriction(0.3).setCollisionGroups(groupsOf(GROUP_STATIC)));
    }
    for (const p of a.props) {
      const half = p.size / 2;
      // Fixed obstacles are as tall as wide; cubes are cubes; cylinders stand upright.
      const desc = p.shape === 'cube' ? R.ColliderDesc.cuboid(half, half, half) : R.ColliderDesc.cylinder(half, half);
      desc.setFriction(0.5).setRestitution(0);
      if (p.movable) {
        const body = w.createRigidBody(R.RigidBodyDesc.dynamic().setTranslation(p.x, half, p.z).setLinearDamping(0.5).setAngularDamping(0.5));
        const collider = w.createCollider(desc.setDensity(400).setCollisionGroups(groupsOf(GROUP_DYNAMIC)), body);
        this.props.push({ id: p.id, body });
        this.cameraTargets.push({ prop: p, collider, body });
      } else {
        const collider = w.createCollider(desc.setTranslation(p.x, half, p.z).setCollisionGroups(groupsOf(GROUP_STATIC)));
        this.cameraTargets.push({ prop: p, collider, body: null });
      }
    }
  }

  private pushEvent(event: TraceEvent): void {
    if (!this.traceEnabled) return;
    if (this.trace.events.length < this.traceLimit) this.trace.events.push(event);
    else this.trace.truncated = true;
  }

  private emitSim(event: SimEvent): void {
    this.pushEvent({ source: 'sim', event });
    for (const l of this.listeners) l(event);
  }

  private zonesFor(x: number, z: number): readonly string[] {
    const ids = this.floor.zonesAt(x, z, this.zoneScratch);
    if (ids.length === 0) return NO_ZONES;
    const key = ids.join('\u0000');
    let arr = this.zoneArrays.get(key);
    if (!arr) {
      arr = Object.freeze(ids.slice());
      this.zoneArrays.set(key, arr);
    }
    return arr;
  }

  /** Feeds this tick's quantised state into the hash and (optionally) appends a trace frame. */
  private recordTick(): void {
    const h = this.hash;
    h.int(this.tickCount);
    const robotFrames: RobotFrame[] | null = this.recordTrace ? [] : null;
    for (const r of this.robots) {
      const rd = r.readings();
      const qx = qMetres(r.x), qz = qMetres(r.z);
      const qh = qDeg(wrapDeg360(r.headingUnwrapped));
      const line = (rd.lineSensors[0] ? 1 : 0) | (rd.lineSensors[1] ? 2 : 0);
      h.int(qx); h.int(qz); h.int(qh);
      h.int(Math.round(r.leftPercent * 10)); h.int(Math.round(r.rightPercent * 10));
      h.int(Math.round(rd.distanceCm * 10)); h.int(line | (r.bumper ? 4 : 0) | (r.wallContact ? 8 : 0));
      h.int(parseLed(r.ledColour)); h.int(Math.round(r.toneHz));
      if (robotFrames) {
        robotFrames.push({
          x: qx / 10000, z: qz / 10000, headingDeg: qh / 100, led: r.ledColour, distanceCm: rd.distanceCm,
          line: LINE_PATTERNS[line], zones: this.zonesFor(r.x, r.z), wallContact: r.wallContact, bumper: r.bumper,
        });
      }
    }
    const droneFrames: DroneFrame[] | null = this.recordTrace ? [] : null;
    for (const d of this.drones) {
      const qx = qMetres(d.x), qy = qMetres(d.y), qz = qMetres(d.z);
      const qh = qDeg(wrapDeg360(d.heading));
      h.int(qx); h.int(qy); h.int(qz); h.int(qh);
      h.int((d.flying ? 1 : 0) | (d.ringsPassed.length << 1)); h.int(Math.round(d.battery * 100));
      if (droneFrames) {
        droneFrames.push({
          x: qx / 10000, y: qy / 10000, z: qz / 10000, headingDeg: qh / 100, flying: d.flying,
          ringsPassed: d.ringsPassed.length, zones: this.zonesFor(d.x, d.z),
        });
      }
    }
    for (const p of this.props) {
      const t = p.body.translation();
      h.int(qMetres(t.x)); h.int(qMetres(t.y)); h.int(qMetres(t.z));
    }
    const k = this.kit;
    if (k) {
      const kr = k.readings();
      h.int(Math.round(kr.temperatureC * 10)); h.int(Math.round(kr.humidityPercent * 10)); h.int(Math.round(kr.lightPercent * 10));
      h.int(Math.round(kr.soundPercent * 10)); h.int(Math.round(kr.knobPercent * 10));
      h.int((kr.motion ? 1 : 0) | (kr.buttonPressed ? 2 : 0)); h.int(parseLed(k.ledColour));
    }
    if (robotFrames && droneFrames) {
      const frame: TraceFrame = k
        ? { timeMs: this.timeMs, robots: robotFrames, drones: droneFrames, kit: { ...k.readings(), led: k.ledColour } }
        : { timeMs: this.timeMs, robots: robotFrames, drones: droneFrames };
      if (this.trace.frames.length < this.traceLimit) this.trace.frames.push(frame);
      else {
        this.trace.truncated = true;
        this.recordTrace = false;
      }
    }
  }
}

const NO_ZONES: readonly string[] = Object.freeze([]);
const LINE_PATTERNS: readonly (readonly boolean[])[] = [
  Object.freeze([false, false]), Object.freeze([true, false]), Object.freeze([false, true]), Object.freeze([true, true]),
];

const ledCache = new Map<string, number>();
function parseLed(colour: string): number {
  let v = ledCache.get(colour);
  if (v === undefined) {
    v = Number.parseInt(colour.slice(1), 16) | 0;
    if (ledCache.size < 4096) ledCache.set(colour, v);
  }
  return v;
}

/** Start pose of robot/drone `i`: `start`, then `starts[i − 1]`, else side by side 25 cm apart to the right. */
export function startPose(arena: Arena, i: number): Pose2D {
  if (i === 0) return arena.start;
  const extra = arena.starts?.[i - 1];
  if (extra) return extra;
  const sc = sinCosDeg(arena.start.headingDeg);
  // Right of the heading: (cos h, sin h) on the floor.
  return { x: arena.start.x + sc[1] * 0.25 * i, z: arena.start.z + sc[0] * 0.25 * i, headingDeg: arena.start.headingDeg };
}

/** Yaw quaternion (y up, yaw = −heading) times a flip about the drone's own pitch or roll axis. */
function droneRotation(headingDeg: number, flipPhase: number, dir: 'left' | 'right' | 'forward' | 'back'): Quat {
  const y = sinCosDeg(headingDeg / 2);
  const qy = -y[0], qw = y[1];
  if (flipPhase <= 0) return [0, qy, 0, qw];
  // Forward flip pitches nose-down: about local +x by −angle; right flip rolls about local −z (right wing down).
  const sign = dir === 'forward' || dir === 'right' ? -1 : 1;
  const f = sinCosDeg((sign * flipPhase * 360) / 2);
  const fs = f[0], fc = f[1];
  if (dir === 'forward' || dir === 'back') {
    // (0, qy, 0, qw) ⊗ (fs, 0, 0, fc)
    return [qw * fs, qy * fc, -qy * fs, qw * fc];
  }
  // (0, qy, 0, qw) ⊗ (0, 0, fs, fc)
  return [qy * fs, qy * fc, qw * fs, qw * fc];
}
