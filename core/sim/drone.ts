/**
 * The virtual Tello-class drone: a point body with first-order flight dynamics (it flies towards a set point at a
 * speed proportional to the distance, capped), not a rapier body, so it costs almost nothing per step.
 *
 * Behaviour follows the Tello SDK: take-off climbs to 80 cm; moves are 20–500 cm (clamped); rotations any angle;
 * flips take one second; it lands by itself after 15 s without a command and when the battery falls to 10 %.
 * Commands while landed (other than take-off) are refused and done at once (the event log says so).
 * Battery: 100 % at the start, −0.2 %/s flying, −0.01 %/s on the ground.
 */
import { SettableCompletion, type Completion } from '../device/completion';
import { DONE } from '../device/completion';
import type { Drone, DroneDirection, DroneReadings, FlipDirection } from '../device/drone';
import type { Pose2D, Ring } from './arena';
import { DT_MS, DT_S, type SimContext } from './context';
import { sinCosDeg, wrapDeg360 } from './det-math';
import type { SimRandom } from './random';

export const DRONE_PARAMS = {
  takeoffHeightM: 0.8,
  maxSpeedMps: 1.0,
  climbSpeedMps: 0.6,
  /** First-order gain: speed = gain × distance to the set point (1/s), capped by the max speed. */
  gainPerS: 3,
  maxYawRateDps: 120,
  yawGainPerS: 4,
  ceilingM: 3,
  idleLandMs: 15_000,
  flipMs: 1_000,
  drainFlyingPerS: 0.2,
  drainIdlePerS: 0.01,
  lowBatteryPercent: 10,
  positionToleranceM: 0.01,
  yawToleranceDeg: 0.5,
} as const;

type Action =
  | { kind: 'none' }
  | { kind: 'goto'; completion: SettableCompletion }
  | { kind: 'land'; completion: SettableCompletion | null }
  | { kind: 'flip'; completion: SettableCompletion; direction: FlipDirection; endMs: number }
  | { kind: 'fall' };

interface MutableDroneReadings {
  heightCm: number;
  batteryPercent: number;
  flying: boolean;
  yawDeg: number;
}

export class VirtualDrone implements Drone {
  readonly kind = 'drone' as const;
  x: number;
  y = 0;
  z: number;
  /** World heading, degrees clockwise from −z (continuous). */
  heading: number;
  private readonly startHeading: number;
  // Set point.
  private tx: number;
  private ty = 0;
  private tz: number;
  private tHeading: number;
  private vy = 0;
  flying = false;
  battery = 100;
  private lastCommandMs = 0;
  private action: Action = { kind: 'none' };
  /** Ring ids passed so far, in order, each once. */
  readonly ringsPassed: string[] = [];
  /** 0–1 progress of a flip in progress (for the stage), and its direction. */
  flipPhase = 0;
  flipDirection: FlipDirection = 'forward';
  private readonly ringNormals: { ring: Ring; nx: number; nz: number }[];
  private readonly readingsNow: MutableDroneReadings = { heightCm: 0, batteryPercent: 100, flying: false, yawDeg: 0 };

  constructor(
    private readonly ctx: SimContext,
    readonly index: number,
    readonly id: string,
    start: Pose2D,
    private readonly random: SimRandom,
  ) {
    this.x = this.tx = start.x;
    this.z = this.tz = start.z;
    this.heading = this.tHeading = this.startHeading = start.headingDeg;
    this.ringNormals = ctx.arena.rings.map((ring) => {
      const sc = sinCosDeg(ring.headingDeg);
      return { ring, nx: sc[0], nz: -sc[1] };
    });
  }

  // ---- Drone contract -------------------------------------------------------------------------------------------

  readings(): DroneReadings {
    return this.readingsNow;
  }

  takeoff(): Completion {
    this.touch();
    if (this.flying) return DONE;
    if (this.battery <= DRONE_PARAMS.lowBatteryPercent) return this.refuse('takeoff', 'battery');
    this.flying = true;
    this.vy = 0;
    this.tx = this.x;
    this.tz = this.z;
    this.ty = DRONE_PARAMS.takeoffHeightM;
    return this.startGoto();
  }

  land(): Completion {
    this.touch();
    if (!this.flying) return DONE;
    this.endAction();
    const completion = new SettableCompletion();
    this.action = { kind: 'land', completion };
    this.tx = this.x;
    this.tz = this.z;
    this.ty = 0;
    return completion;
  }

  move(direction: DroneDirection, cm: number): Completion {
    this.touch();
    if (!this.flying) return this.refuse(`move ${direction}`, 'notFlying');
    const m = Math.min(500, Math.max(20, Math.abs(cm))) / 100;
    const sc = sinCosDeg(this.tHeading);
    const fx = sc[0], fz = -sc[1];
    switch (direction) {
      case 'up': this.ty += m; break;
      case 'down': this.ty -= m; break;
      case 'forward': this.tx += fx * m; this.tz += fz * m; break;
      case 'back': this.tx -= fx * m; this.tz -= fz * m; break;
      case 'right': this.tx += -fz * m; this.tz += fx * m; break;
      case 'left': this.tx -= -fz * m; this.tz -= fx * m; break;
    }
    this.clampSetPoint();
    return this.startGoto();
  }

  rotateDeg(deg: number): Completion {
    this.touch();
    if (!this.flying) return this.refuse('rotate', 'notFlying');
    this.tHeading += deg;
    return this.startGoto();
  }

  flip(direction: FlipDirection): Completion {
    this.touch();
    if (!this.flying) return this.refuse(`flip ${direction}`, 'notFlying');
    this.endAction();
    const completion = new SettableCompletion();
    this.action = { kind: 'flip', completion, direction, endMs: this.ctx.timeMs() + DRONE_PARAMS.flipMs };
    this.flipDirection = direction;
    return completion;
  }

  emergency(): void {
    this.touch();
    this.endAction();
    if (this.flying) this.action = { kind: 'fall' };
  }

  safeState(): void {
    if (this.flying && this.action.kind !== 'land' && this.action.kind !== 'fall') {
      this.endAction();
      this.action = { kind: 'land', completion: null };
      this.tx = this.x;
      this.tz = this.z;
      this.ty = 0;
    }
  }

  // ---- Simulator side -------------------------------------------------------------------------------------------

  /** True while flying (or falling). */
  get moving(): boolean {
    return this.flying;
  }

  sample(): void {
    const r = this.readingsNow;
    // Height from the downward sensor: ±0.5 cm noise while flying.
    r.heightCm = this.flying ? Math.max(0, Math.round(this.y * 100 + this.random.symmetric(0.5))) : 0;
    r.batteryPercent = Math.max(0, Math.floor(this.battery));
    r.flying = this.flying;
    r.yawDeg = Math.round(wrapDeg360(this.heading - this.startHeading) * 10) / 10 % 360;
  }

  /** Advances the flight by one step. */
  step(): void {
    const P = DRONE_PARAMS;
    const now = this.ctx.timeMs() + DT_MS;
    this.battery = Math.max(0, this.battery - (this.flying ? P.drainFlyingPerS : P.drainIdlePerS) * DT_S);

    if (this.flying && this.action.kind !== 'land' && this.action.kind !== 'fall') {
      if (now - this.lastCommandMs >= P.idleLandMs) this.autoLand('idle');
      else if (this.battery <= P.lowBatteryPercent) this.autoLand('battery');
    }

    const px = this.x, py = this.y, pz = this.z;
    const a = this.action;
    if (a.kind === 'fall') {
      this.vy -= 9.81 * DT_S;
      this.y = Math.max(0, this.y + this.vy * DT_S);
      if (this.y === 0) this.touchDown(null);
    } else if (this.flying) {
      if (a.kind === 'flip') {
        this.flipPhase = Math.min(1, 1 - (a.endMs - now) / P.flipMs);
        if (now >= a.endMs) {
          this.flipPhase = 0;
          a.completion.done = true;
          this.action = { kind: 'none' };
        }
      } else {
        this.approach();
      }
      if (a.kind === 'land' && this.y <= P.positionToleranceM) {
        this.y = 0;
        this.touchDown(a.completion);
      } else if (a.kind === 'goto' && this.atSetPoint()) {
        a.completion.done = true;
        this.action = { kind: 'none' };
      }
    }
    if (this.flying || a.kind === 'fall') this.checkRings(px, py, pz);
  }

  // ---- internals ------------------------------------------------------------------------------------------------

  private approach(): void {
    const P = DRONE_PARAMS;
    // Horizontal: speed proportional to distance, capped; vertical likewise with the climb cap.
    const dx = this.tx - this.x, dz = this.tz - this.z;
    const dist = Math.sqrt(dx * dx + dz * dz);
    if (dist > 0) {
      const speed = Math.min(P.maxSpeedMps, P.gainPerS * dist);
      const stepM = Math.min(dist, speed * DT_S);
      this.x += (dx / dist) * stepM;
      this.z += (dz / dist) * stepM;
    }
    const dy = this.ty - this.y;
    const vy = Math.max(-P.climbSpeedMps, Math.min(P.climbSpeedMps, P.gainPerS * dy));
    this.y += Math.abs(vy * DT_S) > Math.abs(dy) ? dy : vy * DT_S;
    const dh = this.tHeading - this.heading;
    const rate = Math.max(-P.maxYawRateDps, Math.min(P.maxYawRateDps, P.yawGainPerS * dh));
    this.heading += Math.abs(rate * DT_S) > Math.abs(dh) ? dh : rate * DT_S;
  }

  private atSetPoint(): boolean {
    const P = DRONE_PARAMS;
    const dx = this.tx - this.x, dy = this.ty - this.y, dz = this.tz - this.z;
    return dx * dx + dy * dy + dz * dz <= P.positionToleranceM * P.positionToleranceM && Math.abs(this.tHeading - this.heading) <= P.yawToleranceDeg;
  }

  /** A ring is passed when the step's segment crosses the ring's plane inside its radius. */
  private checkRings(px: number, py: number, pz: number): void {
    for (const { ring, nx, nz } of this.ringNormals) {
      const before = (px - ring.x) * nx + (pz - ring.z) * nz;
      const after = (this.x - ring.x) * nx + (this.z - ring.z) * nz;
      if ((before < 0 && after >= 0) || (before > 0 && after <= 0)) {
        const t = before / (before - after);
        const cx = px + (this.x - px) * t - ring.x;
        const cy = py + (this.y - py) * t - ring.y;
        const cz = pz + (this.z - pz) * t - ring.z;
        if (cx * cx + cy * cy + cz * cz <= ring.radius * ring.radius && !this.ringsPassed.includes(ring.id)) {
          this.ringsPassed.push(ring.id);
          this.ctx.emit({ type: 'ringPassed', timeMs: this.ctx.timeMs() + DT_MS, drone: this.index, ringId: ring.id, order: this.ringsPassed.length });
        }
      }
    }
  }

  private clampSetPoint(): void {
    const a = this.ctx.arena;
    const margin = 0.1;
    this.tx = Math.max(margin, Math.min(a.width - margin, this.tx));
    this.tz = Math.max(margin, Math.min(a.depth - margin, this.tz));
    this.ty = Math.max(0.2, Math.min(DRONE_PARAMS.ceilingM, this.ty));
  }

  private startGoto(): Completion {
    this.endAction();
    const completion = new SettableCompletion();
    this.action = { kind: 'goto', completion };
    return completion;
  }

  private endAction(): void {
    const a = this.action;
    if ((a.kind === 'goto' || a.kind === 'flip') && !a.completion.done) a.completion.done = true;
    if (a.kind === 'land' && a.completion) a.completion.done = true;
    this.flipPhase = 0;
    this.action = { kind: 'none' };
  }

  private autoLand(reason: 'idle' | 'battery'): void {
    this.ctx.emit({ type: 'droneAutoLand', timeMs: this.ctx.timeMs() + DT_MS, drone: this.index, reason });
    this.endAction();
    this.action = { kind: 'land', completion: null };
    this.tx = this.x;
    this.tz = this.z;
    this.ty = 0;
  }

  private touchDown(completion: SettableCompletion | null): void {
    this.flying = false;
    this.vy = 0;
    this.flipPhase = 0;
    if (completion) completion.done = true;
    this.action = { kind: 'none' };
    this.tx = this.x;
    this.ty = 0;
    this.tz = this.z;
    this.tHeading = this.heading;
    this.ctx.emit({ type: 'droneLanded', timeMs: this.ctx.timeMs() + DT_MS, drone: this.index });
  }

  private refuse(command: string, reason: 'notFlying' | 'battery'): Completion {
    this.ctx.emit({ type: 'droneRefused', timeMs: this.ctx.timeMs(), drone: this.index, command, reason });
    return DONE;
  }

  /** Any command resets the 15 s idle watchdog. */
  private touch(): void {
    this.lastCommandMs = this.ctx.timeMs();
  }
}
