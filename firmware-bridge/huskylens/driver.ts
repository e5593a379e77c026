/**
 * A real AI vision module (HuskyLens protocol, PROTOCOL.md) as the robot's `AiCamera`: the same camera blocks read
 * it as they read the simulator's camera.
 *
 * The module runs one algorithm at a time. `frame(need)` answers at once from the latest poll and, when the program
 * asks for another part (tags after colours), switches the module's algorithm: that part is empty until the first
 * poll after the switch (one or two poll periods) unless it was seen within the last second; the other parts keep
 * what their last poll saw. A program that reads several parts (colours and tags) gets them in turn: the module
 * stays `dwellPolls` polls on each part asked for within the last second, so each updates a few times a second
 * instead of the last one asked winning.
 *
 * Polling: every `pollMs` the driver sends REQUEST and collects RETURN_INFO plus the blocks/arrows it announces. An
 * answer missing after `timeoutMs` is dropped (the part keeps its last frame); `maxMissed` in a row end the
 * connection with a `huskylens.noAnswer` error. Learned ids map to what the camera contract reports through
 * `colourIds` / `objectIds` (data, as the student trained the module); tag ids are the tag numbers.
 */
import { translateBoth } from '../../core/i18n/index';
import {
  EMPTY_CAMERA_FRAME, type AiCamera, type BlobColour, type CameraFrame, type CameraNeed, type ColourBlob, type LineArrow,
  type ObjectClass, type ObjectDetection, type TagDetection,
} from '../../core/device/camera';
import type { Robot } from '../../core/device/robot';
import {
  ALGORITHM, decodeFrame, encodeAlgorithm, encodeKnock, encodeRequest, FrameSplitter,
  type HuskyMessage, type WireArrow, type WireBlock,
} from './codec';

/** Bytes to and from the module (a serial port, a socket …). `write` never throws. */
export interface ByteTransport {
  /** For messages, e.g. `/dev/ttyUSB0`. */
  readonly address: string;
  write(bytes: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  close(): Promise<void>;
}

export interface HuskyLensOptions {
  /** Learned colour id → colour (default 1 red, 2 green, 3 blue, 4 yellow: learn them in that order). */
  readonly colourIds?: Readonly<Record<number, BlobColour>>;
  /** Learned object id → class (object recognition reports learned ids). Default: none learned. */
  readonly objectIds?: Readonly<Record<number, ObjectClass>>;
  /** Poll period, ms (default 50: HuskyLens updates ~25–30 times a second). */
  readonly pollMs?: number;
  /** How long an answer may take, ms (default 300; 9600 baud moves ~1 byte per ms). */
  readonly timeoutMs?: number;
  /** Polls in a row on one part before switching to another part also asked for (default 3). */
  readonly dwellPolls?: number;
  /** Unanswered polls in a row before the camera counts as gone (default 10). */
  readonly maxMissed?: number;
  /** Baud rate, only for messages. */
  readonly baudRate?: number;
  readonly log?: (line: string) => void;
}

export const DEFAULT_COLOUR_IDS: Readonly<Record<number, BlobColour>> = { 1: 'red', 2: 'green', 3: 'blue', 4: 'yellow' };

/** Parts asked for within this long take turns on the module, ms. */
const ASKED_RECENTLY_MS = 1000;
const NEED_ORDER: readonly CameraNeed[] = ['colour', 'tag', 'line', 'object'];

/** Which algorithm serves which part of the frame. */
const ALGORITHM_FOR: Readonly<Record<CameraNeed, number>> = {
  colour: ALGORITHM.COLOR_RECOGNITION,
  tag: ALGORITHM.TAG_RECOGNITION,
  line: ALGORITHM.LINE_TRACKING,
  object: ALGORITHM.OBJECT_RECOGNITION,
};

export type HuskyLensErrorCode = 'huskylens.noAnswer' | 'huskylens.timeout' | 'huskylens.closed';

/** A failure with its message in both languages (`camera` namespace). */
export class HuskyLensError extends Error {
  readonly localized: { readonly 'zh-CN': string; readonly en: string };
  constructor(readonly code: HuskyLensErrorCode, readonly params: Record<string, string | number>) {
    const localized = translateBoth('camera', code, params);
    super(`[HuskyLens] ${localized.en}`);
    this.localized = localized;
  }
}

type Waiter = { accept(m: HuskyMessage): boolean; resolve(): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> };

export class HuskyLensCamera implements AiCamera {
  private readonly splitter = new FrameSplitter();
  private readonly unsubscribe: () => void;
  private waiter: Waiter | null = null;
  private parts: { colour: ColourBlob[]; tag: TagDetection[]; object: ObjectDetection[]; line: LineArrow | null } = { colour: [], tag: [], object: [], line: null };
  private frameCache: CameraFrame = EMPTY_CAMERA_FRAME;
  /** The algorithm the module runs (as far as we know) and the one the program last asked for. */
  private running = -1;
  /** When each part was last asked for (wall ms); parts asked for within `ASKED_RECENTLY_MS` take turns. */
  private readonly asked = new Map<CameraNeed, number>([['colour', 0]]);
  private serving: CameraNeed = 'colour';
  /** When each part was last filled from an answer (wall ms). */
  private readonly partAt = new Map<CameraNeed, number>();
  private servedPolls = 0;
  private closed = false;
  private missed = 0;
  private loop: Promise<void> | null = null;
  private readonly errorListeners = new Set<(e: HuskyLensError) => void>();
  /** Polls answered so far (tests and the status line read it). */
  polls = 0;

  private constructor(private readonly transport: ByteTransport, private readonly options: HuskyLensOptions) {
    this.unsubscribe = transport.onData((chunk) => this.onBytes(chunk));
  }

  /**
   * Knocks (up to 3 times) and starts polling. Rejects with `huskylens.noAnswer` when the module never answers;
   * the transport is closed then.
   */
  static async connect(transport: ByteTransport, options: HuskyLensOptions = {}): Promise<HuskyLensCamera> {
    const cam = new HuskyLensCamera(transport, options);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await cam.exchange(encodeKnock(), (m) => m.kind === 'ok');
        cam.loop = cam.pollForever();
        return cam;
      } catch {
        cam.splitter.reset();
      }
    }
    await cam.close();
    throw new HuskyLensError('huskylens.noAnswer', { port: transport.address, baud: options.baudRate ?? 9600 });
  }

  frame(need: CameraNeed): CameraFrame {
    this.asked.set(need, Date.now());
    return this.frameCache;
  }

  /**
   * The latest frame without asking for a part: for showing what the module sees (the device panel's readings)
   * without making it switch algorithms under a running program. Idle, the module serves colours.
   */
  get latestFrame(): CameraFrame {
    return this.frameCache;
  }

  /** The part to poll next: stay on the one being served for `dwellPolls`, then the next one asked for recently. */
  private nextNeed(): CameraNeed {
    const now = Date.now();
    const recent = NEED_ORDER.filter((n) => now - (this.asked.get(n) ?? -Infinity) <= ASKED_RECENTLY_MS);
    if (recent.length === 0) {
      // Nobody asked lately: keep the last part asked for.
      let last: CameraNeed = this.serving, at = -Infinity;
      for (const [n, t] of this.asked) if (t > at) { last = n; at = t; }
      return last;
    }
    if (recent.includes(this.serving) && (recent.length === 1 || this.servedPolls < (this.options.dwellPolls ?? 3))) return this.serving;
    const i = recent.indexOf(this.serving);
    return recent[(i + 1) % recent.length];
  }

  /** Called once if the module stops answering while polling. */
  onError(listener: (e: HuskyLensError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Frames the splitter threw away (noise, bad checksums). */
  get droppedFrames(): number {
    return this.splitter.dropped;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waiter?.reject(new HuskyLensError('huskylens.closed', {}));
    this.unsubscribe();
    await this.transport.close();
    await this.loop?.catch(() => {});
  }

  // ---- polling --------------------------------------------------------------------------------------------------

  private async pollForever(): Promise<void> {
    const pollMs = this.options.pollMs ?? 50;
    const maxMissed = this.options.maxMissed ?? 10;
    while (!this.closed) {
      try {
        const need = this.nextNeed();
        if (need !== this.serving) {
          this.serving = need;
          this.servedPolls = 0;
        }
        const algorithm = ALGORITHM_FOR[need];
        if (this.running !== algorithm) {
          await this.exchange(encodeAlgorithm(algorithm), (m) => m.kind === 'ok');
          this.running = algorithm;
          // A part last seen long ago says nothing now: it starts empty. One seen a moment ago (parts taking
          // turns) stays until the next answer, so "sees red" does not flicker off at every switch.
          if (Date.now() - (this.partAt.get(need) ?? -Infinity) > ASKED_RECENTLY_MS) this.setPart(need, [], []);
        }
        const { blocks, arrows } = await this.requestAll();
        this.setPart(need, blocks, arrows);
        this.servedPolls++;
        this.polls++;
        this.missed = 0;
      } catch (e) {
        if (this.closed) return;
        this.splitter.reset();
        this.options.log?.(`[HuskyLens] ${(e as Error).message}`);
        if (++this.missed >= maxMissed) {
          const err = new HuskyLensError('huskylens.noAnswer', { port: this.transport.address, baud: this.options.baudRate ?? 9600 });
          for (const l of this.errorListeners) l(err);
          return;
        }
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /** REQUEST → INFO + the blocks and arrows it announces. */
  private async requestAll(): Promise<{ blocks: WireBlock[]; arrows: WireArrow[] }> {
    const blocks: WireBlock[] = [];
    const arrows: WireArrow[] = [];
    let expected = -1;
    await this.exchange(encodeRequest(), (m) => {
      if (expected < 0) {
        if (m.kind !== 'info') return false;
        expected = Math.min(m.info.count, 64);
      } else if (m.kind === 'block') blocks.push(m.block);
      else if (m.kind === 'arrow') arrows.push(m.arrow);
      return blocks.length + arrows.length >= expected;
    });
    return { blocks, arrows };
  }

  /** Sends `bytes`; resolves when `accept` has returned true for an arriving message, rejects after the timeout. */
  private exchange(bytes: Uint8Array, accept: (m: HuskyMessage) => boolean): Promise<void> {
    if (this.closed) return Promise.reject(new HuskyLensError('huskylens.closed', {}));
    const timeoutMs = this.options.timeoutMs ?? 300;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new HuskyLensError('huskylens.timeout', { command: `0x${bytes[4].toString(16)}`, ms: timeoutMs }));
      }, timeoutMs);
      this.waiter = {
        accept,
        resolve: () => { clearTimeout(timer); this.waiter = null; resolve(); },
        reject: (e) => { clearTimeout(timer); this.waiter = null; reject(e); },
        timer,
      };
      this.transport.write(bytes);
    });
  }

  private onBytes(chunk: Uint8Array): void {
    for (const f of this.splitter.push(chunk)) {
      const m = decodeFrame(f);
      const w = this.waiter;
      if (w && w.accept(m)) w.resolve();
    }
  }

  private setPart(need: CameraNeed, blocks: readonly WireBlock[], arrows: readonly WireArrow[]): void {
    this.partAt.set(need, Date.now());
    const colourIds = this.options.colourIds ?? DEFAULT_COLOUR_IDS;
    const objectIds = this.options.objectIds ?? {};
    const box = (b: WireBlock) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
    const p = this.parts;
    switch (need) {
      case 'colour':
        p.colour = blocks.flatMap((b) => (colourIds[b.id] ? [{ colour: colourIds[b.id], ...box(b) }] : []));
        break;
      case 'tag':
        p.tag = blocks.flatMap((b) => (b.id > 0 ? [{ id: b.id, ...box(b) }] : []));
        break;
      case 'object':
        p.object = blocks.flatMap((b) => (objectIds[b.id] ? [{ objectClass: objectIds[b.id], ...box(b) }] : []));
        break;
      case 'line': {
        // Prefer the learned line (id 1 …); an unlearned arrow is still a line in view.
        const a = arrows.find((x) => x.id > 0) ?? arrows[0];
        p.line = a ? { xTail: a.xTail, yTail: a.yTail, xHead: a.xHead, yHead: a.yHead } : null;
        break;
      }
    }
    this.frameCache = Object.freeze({ blobs: p.colour, tags: p.tag, objects: p.object, line: p.line });
  }
}

/**
 * `robot` with `camera` as its AI camera (a real robot car and the module on it, driven as one device). A robot
 * with `sample()` (a live driver) keeps it, so `robotDeviceSet(withCamera(robot, camera))` works as before.
 */
export function withCamera(robot: Robot & { sample(): void }, camera: AiCamera): Robot & { sample(): void };
export function withCamera(robot: Robot, camera: AiCamera): Robot;
export function withCamera(robot: Robot & { sample?(): void }, camera: AiCamera): Robot & { sample(): void } {
  return {
    kind: 'robot',
    readings: () => robot.readings(),
    driveCm: (cm, speed) => robot.driveCm(cm, speed),
    turnDeg: (deg, speed) => robot.turnDeg(deg, speed),
    setMotors: (l, r) => robot.setMotors(l, r),
    stopMotors: () => robot.stopMotors(),
    setLed: (c) => robot.setLed(c),
    playTone: (hz, beats) => robot.playTone(hz, beats),
    showText: (t) => robot.showText(t),
    safeState: () => robot.safeState(),
    sample: () => robot.sample?.(),
    camera: (need) => camera.frame(need),
  };
}
