/**
 * A HuskyLens emulator written from the protocol document (PROTOCOL.md): answers knock, algorithm switches and
 * requests the way the module does, with detections a test scripts per algorithm. Pure bytes in, bytes out (`handle`);
 * `attachEmulator` puts it behind anything that carries bytes (a serialport on one end of a socat pty pair, a
 * stream). Used by the tests and for trying the camera blocks without the module.
 */
import {
  ALGORITHM, COMMAND, decodeFrame, encodeArrow, encodeBlock, encodeInfo, encodeOk, FrameSplitter,
  type WireArrow, type WireBlock,
} from './codec';

/** What the module "sees" while running one algorithm. */
export interface EmulatedView {
  readonly blocks?: readonly WireBlock[];
  readonly arrows?: readonly WireArrow[];
}

export interface EmulatorOptions {
  /** Algorithm running at power-up (the module remembers its last one; default face recognition). */
  readonly algorithm?: number;
  /** Detections per algorithm number. */
  readonly views?: Readonly<Record<number, EmulatedView>>;
}

export class HuskyLensEmulator {
  algorithm: number;
  private readonly views = new Map<number, EmulatedView>();
  private readonly splitter = new FrameSplitter();
  private frameNumber = 0;
  /** When true the module does not answer (unplugged TX, wrong baud rate). */
  silent = false;
  /** Commands received, in order (tests read it). */
  readonly received: number[] = [];

  constructor(options: EmulatorOptions = {}) {
    this.algorithm = options.algorithm ?? ALGORITHM.FACE_RECOGNITION;
    for (const [k, v] of Object.entries(options.views ?? {})) this.views.set(Number(k), v);
  }

  /** Sets what the module sees while running `algorithm`. */
  setView(algorithm: number, view: EmulatedView): void {
    this.views.set(algorithm, view);
  }

  /** Host bytes in → the module's answer bytes (empty when it has nothing to say). */
  handle(chunk: Uint8Array): Uint8Array {
    const out: Uint8Array[] = [];
    for (const frame of this.splitter.push(chunk)) {
      const m = decodeFrame(frame);
      this.received.push(frame.command);
      if (this.silent) continue;
      switch (m.kind) {
        case 'knock':
          out.push(encodeOk());
          break;
        case 'algorithm':
          this.algorithm = m.algorithm;
          out.push(encodeOk());
          break;
        case 'request':
          out.push(...this.answer(m.command, m.id));
          break;
        default:
          // The module ignores what it does not understand.
          break;
      }
    }
    return concat(out);
  }

  private answer(command: number, id: number | undefined): Uint8Array[] {
    const view = this.views.get(this.algorithm) ?? {};
    let blocks = view.blocks ?? [];
    let arrows = view.arrows ?? [];
    const learned = command === COMMAND.REQUEST_LEARNED || command === COMMAND.REQUEST_BLOCKS_LEARNED || command === COMMAND.REQUEST_ARROWS_LEARNED;
    if (learned) {
      blocks = blocks.filter((b) => b.id > 0);
      arrows = arrows.filter((a) => a.id > 0);
    }
    if (id !== undefined) {
      blocks = blocks.filter((b) => b.id === id);
      arrows = arrows.filter((a) => a.id === id);
    }
    if (command === COMMAND.REQUEST_BLOCKS || command === COMMAND.REQUEST_BLOCKS_LEARNED || command === COMMAND.REQUEST_BLOCKS_BY_ID) arrows = [];
    if (command === COMMAND.REQUEST_ARROWS || command === COMMAND.REQUEST_ARROWS_LEARNED || command === COMMAND.REQUEST_ARROWS_BY_ID) blocks = [];
    this.frameNumber = (this.frameNumber + 1) & 0xffff;
    const learnedIds = new Set([...(view.blocks ?? []), ...(view.arrows ?? [])].map((d) => d.id).filter((i) => i > 0)).size;
    return [
      encodeInfo({ count: blocks.length + arrows.length, learnedIds, frameNumber: this.frameNumber }),
      ...blocks.map(encodeBlock),
      ...arrows.map(encodeArrow),
    ];
  }
}

/** Something that carries bytes both ways: a serialport, a socket, a Duplex stream. */
export interface BytePort {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  write(bytes: Uint8Array): unknown;
}

/** Lets `emulator` answer everything arriving on `port`. Returns a function that stops it. */
export function attachEmulator(emulator: HuskyLensEmulator, port: BytePort & { off?(event: 'data', listener: (chunk: Uint8Array) => void): unknown }): () => void {
  const listener = (chunk: Uint8Array) => {
    const answer = emulator.handle(chunk);
    if (answer.length > 0) port.write(answer);
  };
  port.on('data', listener);
  return () => port.off?.('data', listener);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
