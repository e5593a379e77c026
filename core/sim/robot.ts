/**
 * The virtual two-wheel robot car: a rapier dynamic body whose wheel speeds set its velocity each step, so it stops
 * at walls, pushes cubes and bumps other robots. Implements the `Robot` contract exactly as a hardware driver does.
 *
 * Geometry (metres): body 0.12 wide × 0.15 long × 0.06 high, floating 5 mm above the floor (no floor friction: the
 * wheels are modelled by setting the velocity); wheel track 0.10; 100 % motor power = 0.4 m/s.
 * Sensors: ultrasonic at the front, 4 cm up (sees 5 cm cubes), 2–400 cm, ±0.3 cm seeded noise; two line sensors 6.5 cm ahead of the
 * centre, 1 cm either side of the centre line (a 3 cm tape is seen by both when the robot is centred); colour sensor
 * 3 cm ahead; light (arena light, shaded within 30 cm of walls, plus lamps it faces — lamps.ts — ±1 % noise); gyro; front bumper (contact).
 */
import type RAPIER from '@dimforge/rapier3d-deterministic-compat';
import { SettableCompletion, type Completion } from '../device/completion';
import { DONE } from '../device/completion';
import type { CameraFrame, CameraNeed } from '../device/camera';
import { EMPTY_CAMERA_FRAME } from '../device/camera';
import type { ColourName, Robot, RobotReadings } from '../device/robot';
import type { Pose2D } from './arena';
import { DT_MS, DT_S, GROUP_DYNAMIC, GROUP_FLOOR, GROUP_STATIC, queryOnly, type SimContext } from './context';
import { atan2, DEG_TO_RAD, RAD_TO_DEG, sinCosDeg, wrapDeg180, wrapDeg360 } from './det-math';
import { lampLightPercent } from './lamps';
import type { SimRandom } from './random';

export const ROBOT_GEOMETRY = {
  widthM: 0.12,
  lengthM: 0.15,
  heightM: 0.06,
  clearanceM: 0.005,
  trackM: 0.1,
  maxSpeedMps: 0.4,
  lineSensorForwardM: 0.065,
  lineSensorSideM: 0.01,
  colourSensorForwardM: 0.03,
  ultrasonicHeightM: 0.04,
  ultrasonicMaxCm: 400,
  ultrasonicMinCm: 2,
} as const;

/** Half-diagonal of the body footprint plus the 3 mm contact margin and 1 cm to spare, metres. */
const HULL_REACH_M = Math.sqrt(0.06 * 0.06 + 0.075 * 0.075) + 0.013;
const STATIC_ONLY = queryOnly(GROUP_STATIC);

/** Most characters the display shows. */
const DISPLAY_CHARS = 32;
/** A drive ends when within this of its target, metres; a turn within `TURN_TOLERANCE_DEG`. */
const DRIVE_TOLERANCE_M = 0.0005;
const TURN_TOLERANCE_DEG = 0.05;
/** Fastest spin for turns, rad/s at 100 % (wheels at ±max speed). */
const MAX_SPIN_RADPS = (2 * ROBOT_GEOMETRY.maxSpeedMps) / ROBOT_GEOMETRY.trackM;

type Mode =
  | { kind: 'motors' }
  | { kind: 'drive'; completion: SettableCompletion; targetM: number; sign: number; startX: number; startZ: number; dirX: number; dirZ: number; holdHeading: number; speedMps: number; ticks: number; timeoutTicks: number }
  | { kind: 'turn'; completion: SettableCompletion; targetDeg: number; sign: number; startHeading: number; spinRadps: number; ticks: number; timeoutTicks: number };

interface MutableReadings {
  distanceCm: number;
  lineSensors: boolean[];
  lightPercent: number;
  colourUnder: ColourName;
  headingDeg: number;
  bumperPressed: boolean;
  buttonA: boolean;
  buttonB: boolean;
}

export class VirtualRobot implements Robot {
  readonly kind = 'robot' as const;
  readonly body: RAPIER.RigidBody;
  readonly collider: RAPIER.Collider;

  // Pose after the last physics step (updated in `afterStep`).
  x: number;
  z: number;
  /** Unit forward vector on the floor. */
  fx = 0;
  fz = -1;
  /** World heading, degrees clockwise from −z, unwrapped (continuous across 360°). */
  headingUnwrapped: number;
  private readonly startHeading: number;

  leftPercent = 0;
  rightPercent = 0;
  private mode: Mode = { kind: 'motors' };
  ledColour = '#000000';
  displayText = '';
  toneHz = 0;
  private toneEndMs = 0;
  private toneCompletion: SettableCompletion | null = null;
  private buttonA = false;
  private buttonB = false;
  /** Front bumper touching something, and any contact with a wall or fixed obstacle (after the last step). */
  bumper = false;
  wallContact = false;
  /** Ultrasonic ray end for the HUD, metres from the sensor along `forward`. */
  rayLengthM = 4;

  private readonly readingsNow: MutableReadings = {
    distanceCm: 400, lineSensors: [false, false], lightPercent: 0, colourUnder: 'none', headingDeg: 0,
    bumperPressed: false, buttonA: false, buttonB: false,
  };
  private readonly ray: RAPIER.Ray;
  private readonly bumperShape: RAPIER.Cuboid;
  private readonly hullShape: RAPIER.Cuboid;
  private readonly queryPos = { x: 0, y: 0, z: 0 };
  /** Reused velocity vectors (rapier copies them), so a step allocates nothing for control. */
  private readonly linvel = { x: 0, y: 0, z: 0 };
  private readonly angvel = { x: 0, y: 0, z: 0 };

  constructor(
    private readonly ctx: SimContext,
    readonly index: number,
    readonly id: string,
    start: Pose2D,
    private readonly random: SimRandom,
  ) {
    const R = ctx.rapier;
    const g = ROBOT_GEOMETRY;
    const sc = sinCosDeg(start.headingDeg / 2);
    // Yaw about +y is anticlockwise seen from above, our heading clockwise: yaw = −heading.
    const desc = R.RigidBodyDesc.dynamic()
      .setTranslation(start.x, g.clearanceM + g.heightM / 2, start.z)
      .setRotation({ x: 0, y: -sc[0], z: 0, w: sc[1] })
      .setGravityScale(0)
      .enabledTranslations(true, false, true)
      .enabledRotations(false, true, false)
      .setCanSleep(false);
    this.body = ctx.physics.createRigidBody(desc);
    this.collider = ctx.physics.createCollider(
      R.ColliderDesc.cuboid(g.widthM / 2, g.heightM / 2, g.lengthM / 2).setDensity(460).setFriction(0.3).setRestitution(0)
        // The body floats above the floor (wheels are modelled by velocity), so skip the floor pair entirely.
        .setCollisionGroups(((GROUP_DYNAMIC << 16) | (0xffff & ~GROUP_FLOOR)) >>> 0),
      this.body,
    );
    this.x = start.x;
    this.z = start.z;
    this.headingUnwrapped = start.headingDeg;
    this.startHeading = start.headingDeg;
    const f = sinCosDeg(start.headingDeg);
    this.fx = f[0];
    this.fz = -f[1];
    this.ray = new R.Ray({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: -1 });
    this.bumperShape = new R.Cuboid(g.widthM / 2 - 0.002, 0.02, 0.003);
    this.hullShape = new R.Cuboid(g.widthM / 2 + 0.003, 0.02, g.lengthM / 2 + 0.003);
  }

  // ---- Robot contract -------------------------------------------------------------------------------------------

  readings(): RobotReadings {
    return this.readingsNow;
  }

  driveCm(cm: number, speedPercent: number): Completion {
    this.cancelAction();
    const targetM = Math.abs(cm) / 100;
    if (targetM < DRIVE_TOLERANCE_M) return DONE;
    const speedMps = (clamp(speedPercent, 1, 100) / 100) * ROBOT_GEOMETRY.maxSpeedMps;
    const completion = new SettableCompletion();
    this.mode = {
      kind: 'drive', completion, targetM, sign: cm < 0 ? -1 : 1, startX: this.x, startZ: this.z, dirX: this.fx, dirZ: this.fz,
      holdHeading: this.headingUnwrapped, speedMps, ticks: 0,
      // Generous: twice the time the drive should take plus one second, so a robot pushing a wall ends eventually.
      timeoutTicks: Math.ceil((2 * targetM) / speedMps / DT_S) + 50,
    };
    return completion;
  }

  turnDeg(deg: number, speedPercent: number): Completion {
    this.cancelAction();
    const targetDeg = Math.abs(deg);
    if (targetDeg < TURN_TOLERANCE_DEG) return DONE;
    const spinRadps = (clamp(speedPercent, 1, 100) / 100) * MAX_SPIN_RADPS;
    const completion = new SettableCompletion();
    this.mode = {
      kind: 'turn', completion, targetDeg, sign: deg < 0 ? -1 : 1, startHeading: this.headingUnwrapped, spinRadps, ticks: 0,
      timeoutTicks: Math.ceil((2 * targetDeg * DEG_TO_RAD) / spinRadps / DT_S) + 50,
    };
    return completion;
  }

  setMotors(leftPercent: number, rightPercent: number): void {
    this.cancelAction();
    this.leftPercent = clamp(leftPercent, -100, 100);
    this.rightPercent = clamp(rightPercent, -100, 100);
  }

  stopMotors(): void {
    this.setMotors(0, 0);
  }

  setLed(colour: string): void {
    this.ledColour = /^#[0-9a-fA-F]{6}$/.test(colour) ? colour.toLowerCase() : '#000000';
  }

  playTone(frequencyHz: number, beats: number): Completion {
    if (this.toneCompletion) this.toneCompletion.done = true;
    const durationMs = Math.round(beats * 500);
    if (durationMs <= 0) {
      this.toneHz = 0;
      return DONE;
    }
    this.toneHz = Math.max(0, frequencyHz);
    this.toneEndMs = this.ctx.timeMs() + durationMs;
    this.toneCompletion = new SettableCompletion();
    return this.toneCompletion;
  }

  showText(text: string): void {
    this.displayText = String(text).slice(0, DISPLAY_CHARS);
  }

  safeState(): void {
    this.cancelAction();
    this.leftPercent = 0;
    this.rightPercent = 0;
    this.toneHz = 0;
    if (this.toneCompletion) this.toneCompletion.done = true;
    this.toneCompletion = null;
    try {
      this.body.setLinvel({ x: 0, y: 0, z: 0 }, true);
      this.body.setAngvel({ x: 0, y: 0, z: 0 }, true);
    } catch {
      // Never throw from the safe state; the next step applies zero motors anyway.
    }
  }

  /** The AI camera's view (core/sim/camera.ts), computed only when asked, at most once per tick and part. */
  camera(need: CameraNeed): CameraFrame {
    return this.cameraDevice?.frame(need) ?? EMPTY_CAMERA_FRAME;
  }

  // ---- Simulator side -------------------------------------------------------------------------------------------

  /** The camera on this robot (the world attaches one to every robot). */
  cameraDevice: { frame(need: CameraNeed): CameraFrame; fullFrame(): CameraFrame } | null = null;

  /** Buttons A/B as the UI holds them (the interpreter's button trigger is fired by the session). */
  setButton(button: 'A' | 'B', pressed: boolean): void {
    if (button === 'A') this.buttonA = pressed;
    else this.buttonB = pressed;
  }

  /** True while a drive or turn is running or the motors are on. */
  get moving(): boolean {
    return this.mode.kind !== 'motors' || this.leftPercent !== 0 || this.rightPercent !== 0;
  }

  /** Takes one reading of every sensor from the pose after the last step. Reads within a tick agree. */
  sample(): void {
    const g = ROBOT_GEOMETRY;
    const r = this.readingsNow;
    const fx = this.fx, fz = this.fz;
    // Right-hand vector on the floor: heading + 90°.
    const rx = -fz, rz = fx;

    // Ultrasonic: a ray from just past the front face, straight ahead, ignoring the robot itself.
    const frontM = g.lengthM / 2 + 0.001;
    const ray = this.ray;
    ray.origin.x = this.x + fx * frontM;
    ray.origin.y = g.ultrasonicHeightM;
    ray.origin.z = this.z + fz * frontM;
    ray.dir.x = fx;
    ray.dir.y = 0;
    ray.dir.z = fz;
    const maxM = g.ultrasonicMaxCm / 100;
    const hit = this.ctx.physics.castRay(ray, maxM, true, undefined, undefined, undefined, this.body);
    if (hit) {
      this.rayLengthM = hit.timeOfImpact;
      const cm = hit.timeOfImpact * 100 + this.random.symmetric(0.3);
      r.distanceCm = Math.round(clamp(cm, g.ultrasonicMinCm, g.ultrasonicMaxCm) * 10) / 10;
    } else {
      this.rayLengthM = maxM;
      r.distanceCm = g.ultrasonicMaxCm;
    }

    // Line sensors: analytic point-to-polyline distance.
    const sx = this.x + fx * g.lineSensorForwardM, sz = this.z + fz * g.lineSensorForwardM;
    r.lineSensors[0] = this.ctx.floor.onLine(sx - rx * g.lineSensorSideM, sz - rz * g.lineSensorSideM);
    r.lineSensors[1] = this.ctx.floor.onLine(sx + rx * g.lineSensorSideM, sz + rz * g.lineSensorSideM);

    r.colourUnder = this.ctx.floor.colourAt(this.x + fx * g.colourSensorForwardM, this.z + fz * g.colourSensorForwardM);

    // Light: the arena's level, shaded to 70 % against a wall, plus the lamps the sensor faces, plus ±1 % noise.
    const wallM = this.ctx.floor.wallDistance(this.x, this.z);
    const shade = wallM >= 0.3 ? 1 : 0.7 + wallM;
    const light = this.ctx.arena.lightPercent * shade + lampLightPercent(this.ctx.arena.lights, this.x, this.z, fx, fz) + this.random.symmetric(1);
    r.lightPercent = Math.round(clamp(light, 0, 100) * 10) / 10;

    r.headingDeg = Math.round(wrapDeg360(this.headingUnwrapped - this.startHeading) * 10) / 10 % 360;
    r.bumperPressed = this.bumper;
    r.buttonA = this.buttonA;
    r.buttonB = this.buttonB;
  }

  /** Sets the body's velocity from the motors or the running action; called just before the physics step. */
  applyControl(): void {
    const g = ROBOT_GEOMETRY;
    let vl: number, vr: number;
    const m = this.mode;
    if (m.kind === 'drive') {
      const travelled = ((this.x - m.startX) * m.dirX + (this.z - m.startZ) * m.dirZ) * m.sign;
      const v = Math.min(m.speedMps, Math.max(0, (m.targetM - travelled) / DT_S));
      // Hold the heading the drive started with (pushing a cube can twist the body).
      const err = m.holdHeading - this.headingUnwrapped;
      const spin = clamp(err * DEG_TO_RAD * 5, -1, 1) * 0.5;
      vl = m.sign * v + (spin * g.trackM) / 2;
      vr = m.sign * v - (spin * g.trackM) / 2;
    } else if (m.kind === 'turn') {
      const turned = (this.headingUnwrapped - m.startHeading) * m.sign;
      const w = Math.min(m.spinRadps, Math.max(0, ((m.targetDeg - turned) * DEG_TO_RAD) / DT_S));
      vl = (m.sign * w * g.trackM) / 2;
      vr = -vl;
    } else {
      vl = (this.leftPercent / 100) * g.maxSpeedMps;
      vr = (this.rightPercent / 100) * g.maxSpeedMps;
    }
    if (m.kind !== 'motors') {
      this.leftPercent = Math.round((vl / g.maxSpeedMps) * 1000) / 10;
      this.rightPercent = Math.round((vr / g.maxSpeedMps) * 1000) / 10;
    }
    const v = (vl + vr) / 2;
    const spinCw = (vl - vr) / g.trackM;
    const lin = this.linvel, ang = this.angvel;
    lin.x = this.fx * v;
    lin.z = this.fz * v;
    ang.y = -spinCw;
    this.body.setLinvel(lin, true);
    this.body.setAngvel(ang, true);
  }

  /** Reads the pose back after the physics step, updates contacts, finishes actions and tones. */
  afterStep(): void {
    const t = this.body.translation();
    const q = this.body.rotation();
    this.x = t.x;
    this.z = t.z;
    // Forward = rotation applied to (0, 0, −1); rotations about x and z are locked, so only yaw matters.
    const fx = -2 * (q.x * q.z + q.w * q.y);
    const fz = -(1 - 2 * (q.x * q.x + q.y * q.y));
    const n = Math.sqrt(fx * fx + fz * fz) || 1;
    this.fx = fx / n;
    this.fz = fz / n;
    const raw = atan2(this.fx, -this.fz) * RAD_TO_DEG;
    this.headingUnwrapped += wrapDeg180(raw - this.headingUnwrapped);

    this.updateContacts();

    const m = this.mode;
    if (m.kind === 'drive') {
      m.ticks++;
      const travelled = ((this.x - m.startX) * m.dirX + (this.z - m.startZ) * m.dirZ) * m.sign;
      if (m.targetM - travelled <= DRIVE_TOLERANCE_M) this.finishAction();
      else if (m.ticks >= m.timeoutTicks) {
        this.ctx.emit({ type: 'actionTimedOut', timeMs: this.ctx.timeMs() + DT_MS, robot: this.index, action: 'drive' });
        this.finishAction();
      }
    } else if (m.kind === 'turn') {
      m.ticks++;
      const turned = (this.headingUnwrapped - m.startHeading) * m.sign;
      if (m.targetDeg - turned <= TURN_TOLERANCE_DEG) this.finishAction();
      else if (m.ticks >= m.timeoutTicks) {
        this.ctx.emit({ type: 'actionTimedOut', timeMs: this.ctx.timeMs() + DT_MS, robot: this.index, action: 'turn' });
        this.finishAction();
      }
    }
    if (this.toneCompletion && this.ctx.timeMs() + DT_MS >= this.toneEndMs) {
      this.toneCompletion.done = true;
      this.toneCompletion = null;
      this.toneHz = 0;
    }
  }

  /**
   * Bumper: anything (not the floor, not the robot) inside a thin box covering the front face and 5 mm ahead of it.
   * Wall contact: a wall or fixed obstacle within 3 mm of the body. Shape queries rather than contact manifolds, so
   * a robot resting against a wall reads pressed even when the solver reports a small separation.
   */
  private updateContacts(): void {
    const g = ROBOT_GEOMETRY;
    const world = this.ctx.physics;
    const rot = this.body.rotation();
    const ahead = g.lengthM / 2 + 0.002;
    const p = this.queryPos;
    p.x = this.x + this.fx * ahead;
    p.y = g.clearanceM + g.heightM / 2;
    p.z = this.z + this.fz * ahead;
    this.bumper = world.intersectionWithShape(p, rot, this.bumperShape, undefined, undefined, undefined, this.body) !== null;
    // Far from every wall and fixed obstacle (centre further than the half-diagonal plus margin) → no contact, no query.
    if (this.ctx.floor.staticDistance(this.x, this.z) > HULL_REACH_M) {
      this.wallContact = false;
      return;
    }
    p.x = this.x;
    p.z = this.z;
    this.wallContact = world.intersectionWithShape(p, rot, this.hullShape, undefined, STATIC_ONLY, undefined, this.body) !== null;
  }

  private cancelAction(): void {
    if (this.mode.kind !== 'motors') {
      this.mode.completion.done = true;
      this.mode = { kind: 'motors' };
      this.leftPercent = 0;
      this.rightPercent = 0;
    }
  }

  private finishAction(): void {
    this.cancelAction();
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
