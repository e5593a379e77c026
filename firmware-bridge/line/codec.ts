/**
 * The AI-lab robot line protocol (PROTOCOL.md beside this file), as pure codecs: no I/O, no clock, no Node imports.
 *
 * - `encodeCommand(id, command)` / `encodeHello()`: host → board lines (with the trailing `\n`). Throws a RangeError
 *   for values outside the ranges of PROTOCOL.md (a caller bug, never board input).
 * - `LineSplitter`: bytes → complete lines, across chunks; CRLF accepted; NUL bytes dropped; lines longer than
 *   `MAX_LINE_BYTES` discarded up to the next `\n` and counted. Never throws.
 * - `parseBoardLine(text)` / `parseHostLine(text)`: one line (without terminator) → a typed value or
 *   `{ kind: 'garbage', reason }`. Never throw.
 */

/** Protocol version this host speaks. A board with another major is refused (PROTOCOL.md "Versions"). */
export const PROTOCOL_VERSION = { major: 1, minor: 0, patch: 0 } as const;
/** The firmware name in the `VER` banner. */
export const FIRMWARE_NAME = 'ailab-robot';
/** Longest line, in bytes, counting its terminator (`\n`, or `\r\n`). */
export const MAX_LINE_BYTES = 128;
/** Command ids run 1…MAX_ID and wrap to 1; 0 means "no id" (a board `ERR 0 …` for a line whose id it could not read). */
export const MAX_ID = 65535;
/** Board sensor-frame field count after the `D`. */
export const FRAME_FIELDS = 11;

/** Error codes a board sends in `ERR <id> <code>`. */
export const ERROR_CODES = ['PARSE', 'VERB', 'ARG', 'CAP', 'BUSY'] as const;
export type BoardErrorCode = (typeof ERROR_CODES)[number];

/** Host → board commands (units as on the wire; see PROTOCOL.md). */
export type LineCommand =
  /** Wheel powers, −100…100 % each; cancels a drive/turn in progress. */
  | { readonly verb: 'M'; readonly left: number; readonly right: number }
  /** Motors 0 and buzzer off; cancels a drive/turn/tone in progress. */
  | { readonly verb: 'S' }
  /** RGB LED, 6 lower-case hex digits (`000000` = off). */
  | { readonly verb: 'LED'; readonly rgb: string }
  /** Buzzer: `hz` 0 (rest) or 20…20000, for `ms` 0…60000; `EV DONE <id>` when it ends. */
  | { readonly verb: 'TONE'; readonly hz: number; readonly ms: number }
  /** Sensor frames per second, 0 (off) … 100. */
  | { readonly verb: 'RATE'; readonly hz: number }
  /** Keeps the watchdog fed; answered `ACK <id>`. */
  | { readonly verb: 'PING' }
  /** Drive straight `mm` (−10000…10000, negative = back) at `speed` 1…100 %; `EV DONE <id>` when there. */
  | { readonly verb: 'DRIVE'; readonly mm: number; readonly speed: number }
  /** Turn on the spot `ddeg` tenths of a degree clockwise (−36000…36000) at `speed` 1…100 %; `EV DONE <id>`. */
  | { readonly verb: 'TURN'; readonly ddeg: number; readonly speed: number }
  /** Display text, printable ASCII, 0…32 characters (boards without the TEXT capability answer `ERR <id> CAP`). */
  | { readonly verb: 'TEXT'; readonly text: string };

export type LineVerb = LineCommand['verb'];

/** One `D` line, fields as on the wire. */
export interface SensorFrame {
  /** Board uptime, ms, wraps at 2^32. */
  readonly ms: number;
  /** Ultrasonic distance, mm, 20…4000; 0 = no echo (nothing in range). */
  readonly distMm: number;
  /** Line sensors as bits, bit 0 = leftmost; 1 = over a dark line. 0…255. */
  readonly lineBits: number;
  /** Ambient light, raw 0…1023. */
  readonly light: number;
  /** Colour sensor, 0…255 each. */
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** Gyro heading, tenths of a degree clockwise since boot, 0…3599. */
  readonly headingDdeg: number;
  readonly bumper: boolean;
  readonly buttonA: boolean;
  readonly buttonB: boolean;
}

export interface VersionBanner {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Board name, e.g. `uno`, `nano`, `mega`, `fake`. */
  readonly board: string;
  /** Capability tokens, e.g. `M`, `LED`, `TONE`, `DRIVE`, `TURN`, `TEXT`, `US`, `LINE3`, `LIGHT`, `RGB`, `GYRO`. */
  readonly capabilities: readonly string[];
}

export type GarbageReason = 'empty' | 'nonAscii' | 'unknown' | 'badNumber' | 'fieldCount' | 'outOfRange' | 'tooLong';

/** A board line, parsed. */
export type BoardLine =
  | ({ readonly kind: 'version' } & VersionBanner)
  /** A banner that is not ours (another firmware, e.g. `VER grbl 1.1`), kept for the message. */
  | { readonly kind: 'foreignVersion'; readonly text: string }
  | { readonly kind: 'ack'; readonly id: number }
  | { readonly kind: 'error'; readonly id: number; readonly code: string }
  | ({ readonly kind: 'frame' } & SensorFrame)
  | { readonly kind: 'event'; readonly name: string; readonly args: readonly string[] }
  /** `# …`: free text for people (serial monitor), ignored by the session. */
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'garbage'; readonly reason: GarbageReason; readonly text: string };

/** A host line as the board reads it (the fake board and the firmware tests use this). */
export type HostLine =
  | { readonly kind: 'hello' }
  | { readonly kind: 'command'; readonly id: number; readonly command: LineCommand }
  /** A line with a readable id but a bad verb or arguments: answer `ERR <id> <code>`. */
  | { readonly kind: 'bad'; readonly id: number; readonly code: BoardErrorCode }
  | { readonly kind: 'garbage'; readonly reason: GarbageReason; readonly text: string };

const RANGES = {
  motor: [-100, 100],
  hz: [20, 20000],
  ms: [0, 60000],
  rate: [0, 100],
  mm: [-10000, 10000],
  ddeg: [-36000, 36000],
  speed: [1, 100],
} as const satisfies Record<string, readonly [number, number]>;

function inRange(v: number, [lo, hi]: readonly [number, number]): boolean {
  return Number.isInteger(v) && v >= lo && v <= hi;
}

const PRINTABLE = /^[\x20-\x7e]*$/;

/** Why `command` cannot be sent, or null when it can. */
export function validateCommand(command: LineCommand): string | null {
  switch (command.verb) {
    case 'M':
      return inRange(command.left, RANGES.motor) && inRange(command.right, RANGES.motor) ? null : 'motor power −100…100';
    case 'S':
    case 'PING':
      return null;
    case 'LED':
      return /^[0-9a-f]{6}$/.test(command.rgb) ? null : 'LED colour: 6 lower-case hex digits';
    case 'TONE':
      return (command.hz === 0 || inRange(command.hz, RANGES.hz)) && inRange(command.ms, RANGES.ms) ? null : 'tone 0|20…20000 Hz, 0…60000 ms';
    case 'RATE':
      return inRange(command.hz, RANGES.rate) ? null : 'rate 0…100 Hz';
    case 'DRIVE':
      return inRange(command.mm, RANGES.mm) && inRange(command.speed, RANGES.speed) ? null : 'drive −10000…10000 mm at 1…100 %';
    case 'TURN':
      return inRange(command.ddeg, RANGES.ddeg) && inRange(command.speed, RANGES.speed) ? null : 'turn −36000…36000 ddeg at 1…100 %';
    case 'TEXT':
      return command.text.length <= 32 && PRINTABLE.test(command.text) && !/^ | $/.test(command.text) ? null : 'text: 0…32 printable ASCII, no edge spaces';
  }
}

function args(command: LineCommand): string {
  switch (command.verb) {
    case 'M':
      return ` ${command.left} ${command.right}`;
    case 'S':
    case 'PING':
      return '';
    case 'LED':
      return ` ${command.rgb}`;
    case 'TONE':
      return ` ${command.hz} ${command.ms}`;
    case 'RATE':
      return ` ${command.hz}`;
    case 'DRIVE':
      return ` ${command.mm} ${command.speed}`;
    case 'TURN':
      return ` ${command.ddeg} ${command.speed}`;
    case 'TEXT':
      return command.text === '' ? '' : ` ${command.text}`;
  }
}

/** `<id> <verb> <args…>\n`. Throws RangeError for an id outside 1…MAX_ID or a value outside PROTOCOL.md's ranges. */
export function encodeCommand(id: number, command: LineCommand): string {
  if (!inRange(id, [1, MAX_ID])) throw new RangeError(`[Line] command id ${id} outside 1…${MAX_ID}`);
  const problem = validateCommand(command);
  if (problem !== null) throw new RangeError(`[Line] ${command.verb}: ${problem}`);
  return `${id} ${command.verb}${args(command)}\n`;
}

export function encodeHello(): string {
  return 'HELLO\n';
}

/** Makes any text safe for `TEXT`: non-printable and non-ASCII characters become `?`, trimmed, at most 32. */
export function sanitizeText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 32).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Board-side encoders (the fake board, and documentation by example).

export function encodeVersion(v: VersionBanner): string {
  return `VER ${FIRMWARE_NAME} ${v.major}.${v.minor}.${v.patch} ${v.board}${v.capabilities.map((c) => ` ${c}`).join('')}\n`;
}

export function encodeFrame(f: SensorFrame): string {
  const b = (x: boolean) => (x ? 1 : 0);
  return `D ${f.ms} ${f.distMm} ${f.lineBits} ${f.light} ${f.r} ${f.g} ${f.b} ${f.headingDdeg} ${b(f.bumper)} ${b(f.buttonA)} ${b(f.buttonB)}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Splitting.

export interface SplitterStats {
  /** Complete lines delivered. */
  lines: number;
  /** Lines longer than MAX_LINE_BYTES, discarded whole. */
  overlong: number;
  /** NUL bytes dropped (line noise while a board resets). */
  nulBytes: number;
}

/**
 * Streaming splitter: `push(chunk)` returns the complete lines in it (without `\n` and a trailing `\r`), keeping a
 * half line for the next chunk. Bytes are read as Latin-1 (one char per byte), so non-ASCII survives to the parser,
 * which calls it garbage. A line whose bytes (terminator included) exceed MAX_LINE_BYTES is dropped up to its `\n`:
 * the buffer never holds more than MAX_LINE_BYTES bytes, so garbage cannot make it grow or stick.
 */
export class LineSplitter {
  readonly stats: SplitterStats = { lines: 0, overlong: 0, nulBytes: 0 };
  private buf: number[] = [];
  private skipping = false;

  push(chunk: Uint8Array | string): string[] {
    const out: string[] = [];
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const byte = typeof chunk === 'string' ? chunk.charCodeAt(i) & 0xff : chunk[i]!;
      if (byte === 0x0a) {
        if (this.skipping) {
          this.skipping = false;
        } else {
          if (this.buf.length > 0 && this.buf[this.buf.length - 1] === 0x0d) this.buf.pop();
          out.push(String.fromCharCode(...this.buf));
          this.stats.lines++;
        }
        this.buf = [];
        continue;
      }
      if (byte === 0x00) {
        this.stats.nulBytes++;
        continue;
      }
      if (this.skipping) continue;
      // MAX_LINE_BYTES counts the `\n`: content (with a possible `\r`) may hold MAX_LINE_BYTES − 1 bytes.
      if (this.buf.length >= MAX_LINE_BYTES - 1) {
        this.stats.overlong++;
        this.skipping = true;
        this.buf = [];
        continue;
      }
      this.buf.push(byte);
    }
    return out;
  }

  /** Bytes held for a line not yet ended (0…MAX_LINE_BYTES − 1). */
  get pending(): number {
    return this.buf.length;
  }

  /** Forget a half line (after a reconnect). */
  reset(): void {
    this.buf = [];
    this.skipping = false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing.

const INT = /^-?(0|[1-9][0-9]{0,9})$/;

/** A decimal integer as the protocol writes it (no `+`, no leading zeros, ≤ 10 digits), or null. */
function int(text: string | undefined): number | null {
  if (text === undefined || !INT.test(text)) return null;
  return Number(text);
}

function garbage(reason: GarbageReason, text: string): { kind: 'garbage'; reason: GarbageReason; text: string } {
  return { kind: 'garbage', reason, text: text.slice(0, MAX_LINE_BYTES) };
}

function precheck(text: string): GarbageReason | null {
  if (text.length > MAX_LINE_BYTES) return 'tooLong';
  if (!PRINTABLE.test(text)) return 'nonAscii';
  if (text.trim() === '') return 'empty';
  return null;
}

const FRAME_LIMITS: readonly (readonly [number, number])[] = [
  [0, 4294967295], // ms
  [0, 4000], // dist mm
  [0, 255], // line bits
  [0, 1023], // light
  [0, 255],
  [0, 255],
  [0, 255], // r g b
  [0, 3599], // heading ddeg
  [0, 1],
  [0, 1],
  [0, 1], // bumper btnA btnB
];

/** One board line (terminator already removed; a stray trailing `\r` is tolerated). Never throws. */
export function parseBoardLine(line: string): BoardLine {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const bad = precheck(text);
  if (bad !== null) return garbage(bad, text);
  if (text.startsWith('#')) return { kind: 'comment', text: text.slice(1).trim() };
  const parts = text.trim().split(/ +/);
  const head = parts[0]!;
  switch (head) {
    case 'ACK': {
      const id = int(parts[1]);
      if (parts.length !== 2) return garbage('fieldCount', text);
      if (id === null) return garbage('badNumber', text);
      return id >= 0 && id <= MAX_ID ? { kind: 'ack', id } : garbage('outOfRange', text);
    }
    case 'ERR': {
      const id = int(parts[1]);
      if (parts.length !== 3) return garbage('fieldCount', text);
      if (id === null) return garbage('badNumber', text);
      if (id < 0 || id > MAX_ID) return garbage('outOfRange', text);
      return { kind: 'error', id, code: parts[2]! };
    }
    case 'D': {
      if (parts.length !== FRAME_FIELDS + 1) return garbage('fieldCount', text);
      const v: number[] = [];
      for (let i = 0; i < FRAME_FIELDS; i++) {
        const n = int(parts[i + 1]);
        if (n === null) return garbage('badNumber', text);
        const [lo, hi] = FRAME_LIMITS[i]!;
        if (n < lo || n > hi) return garbage('outOfRange', text);
        v.push(n);
      }
      return {
        kind: 'frame',
        ms: v[0]!,
        distMm: v[1]!,
        lineBits: v[2]!,
        light: v[3]!,
        r: v[4]!,
        g: v[5]!,
        b: v[6]!,
        headingDdeg: v[7]!,
        bumper: v[8] === 1,
        buttonA: v[9] === 1,
        buttonB: v[10] === 1,
      };
    }
    case 'EV': {
      if (parts.length < 2 || !/^[A-Z][A-Z0-9_]*$/.test(parts[1]!)) return garbage('fieldCount', text);
      return { kind: 'event', name: parts[1]!, args: parts.slice(2) };
    }
    case 'VER': {
      if (parts[1] !== FIRMWARE_NAME) return { kind: 'foreignVersion', text };
      const m = /^(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})$/.exec(parts[2] ?? '');
      if (m === null || parts.length < 4) return { kind: 'foreignVersion', text };
      return { kind: 'version', major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), board: parts[3]!, capabilities: parts.slice(4) };
    }
    default:
      return garbage('unknown', text);
  }
}

const VERB_ARGS: Record<LineVerb, number> = { M: 2, S: 0, LED: 1, TONE: 2, RATE: 1, PING: 0, DRIVE: 2, TURN: 2, TEXT: -1 };

/** One host line as a board reads it. Never throws. */
export function parseHostLine(line: string): HostLine {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const bad = precheck(text);
  if (bad !== null) return garbage(bad, text);
  if (text.trim() === 'HELLO') return { kind: 'hello' };
  const m = /^ *([0-9]{1,5}) +([A-Z]+)(?: (.*))?$/.exec(text);
  const id = m === null ? null : int(m[1]);
  if (m === null || id === null || id < 1 || id > MAX_ID) return garbage('unknown', text);
  const verb = m[2]! as LineVerb;
  if (!(verb in VERB_ARGS)) return { kind: 'bad', id, code: 'VERB' };
  const rest = m[3] ?? '';
  if (verb === 'TEXT') {
    const command: LineCommand = { verb, text: rest.trim() };
    return validateCommand(command) === null ? { kind: 'command', id, command } : { kind: 'bad', id, code: 'ARG' };
  }
  const a = rest.trim() === '' ? [] : rest.trim().split(/ +/);
  if (a.length !== VERB_ARGS[verb]) return { kind: 'bad', id, code: 'ARG' };
  let command: LineCommand;
  if (verb === 'LED') {
    command = { verb, rgb: a[0]! };
  } else {
    const n = a.map(int);
    if (n.some((x) => x === null)) return { kind: 'bad', id, code: 'ARG' };
    const [x, y] = n as number[];
    switch (verb) {
      case 'M':
        command = { verb, left: x!, right: y! };
        break;
      case 'TONE':
        command = { verb, hz: x!, ms: y! };
        break;
      case 'RATE':
        command = { verb, hz: x! };
        break;
      case 'DRIVE':
        command = { verb, mm: x!, speed: y! };
        break;
      case 'TURN':
        command = { verb, ddeg: x!, speed: y! };
        break;
      case 'S':
      case 'PING':
      default:
        command = { verb: verb as 'S' | 'PING' };
    }
  }
  return validateCommand(command) === null ? { kind: 'command', id, command } : { kind: 'bad', id, code: 'ARG' };
}

// ---------------------------------------------------------------------------------------------------------------
// Sensor-kit mode (PROTOCOL.md "Sensor kit"): the same lines, ids, acks and watchdog; a kit banner and a `K` frame.
// Kept apart from `parseBoardLine` so a robot host reads a kit's banner as another firmware (`foreignVersion`).

/** The firmware name a sensor-kit board sends in its `VER` banner. */
export const KIT_FIRMWARE_NAME = 'ailab-kit';
/** Kit sensor-frame field count after the `K`. */
export const KIT_FRAME_FIELDS = 8;

/** One `K` line, raw as the board measures (the host calibrates: calibrations are data on the host). */
export interface KitFrame {
  /** Board uptime, ms, wraps at 2^32. */
  readonly ms: number;
  /** ADC 0…1023 of the temperature, humidity, light, sound (loudest since the last frame) and knob inputs. */
  readonly temperatureRaw: number;
  readonly humidityRaw: number;
  readonly lightRaw: number;
  readonly soundRaw: number;
  readonly knobRaw: number;
  /** PIR output high (motion seen). */
  readonly motion: boolean;
  readonly button: boolean;
}

/** A kit board line: the robot's lines, plus the kit banner and the kit frame. */
export type KitBoardLine = BoardLine | ({ readonly kind: 'kitVersion' } & VersionBanner) | ({ readonly kind: 'kitFrame' } & KitFrame);

const KIT_FRAME_LIMITS: readonly (readonly [number, number])[] = [[0, 4294967295], [0, 1023], [0, 1023], [0, 1023], [0, 1023], [0, 1023], [0, 1], [0, 1]];

/** One line from a sensor-kit board (or any board, when identifying what is plugged in). Never throws. */
export function parseKitBoardLine(line: string): KitBoardLine {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const parts = precheck(text) === null ? text.trim().split(/ +/) : [];
  if (parts[0] === 'K') {
    if (parts.length !== KIT_FRAME_FIELDS + 1) return garbage('fieldCount', text);
    const v: number[] = [];
    for (let i = 0; i < KIT_FRAME_FIELDS; i++) {
      const n = int(parts[i + 1]);
      if (n === null) return garbage('badNumber', text);
      const [lo, hi] = KIT_FRAME_LIMITS[i]!;
      if (n < lo || n > hi) return garbage('outOfRange', text);
      v.push(n);
    }
    return { kind: 'kitFrame', ms: v[0]!, temperatureRaw: v[1]!, humidityRaw: v[2]!, lightRaw: v[3]!, soundRaw: v[4]!, knobRaw: v[5]!, motion: v[6] === 1, button: v[7] === 1 };
  }
  if (parts[0] === 'VER' && parts[1] === KIT_FIRMWARE_NAME) {
    // Same version rules as the robot's banner, read by the robot parser with our name swapped in.
    const parsed = parseBoardLine(['VER', FIRMWARE_NAME, ...parts.slice(2)].join(' '));
    if (parsed.kind !== 'version') return { kind: 'foreignVersion', text };
    const { kind: _kind, ...banner } = parsed;
    return { kind: 'kitVersion', ...banner };
  }
  return parseBoardLine(line);
}

export function encodeKitVersion(v: VersionBanner): string {
  return `VER ${KIT_FIRMWARE_NAME} ${v.major}.${v.minor}.${v.patch} ${v.board}${v.capabilities.map((c) => ` ${c}`).join('')}\n`;
}

export function encodeKitFrame(f: KitFrame): string {
  const b = (x: boolean) => (x ? 1 : 0);
  return `K ${f.ms} ${f.temperatureRaw} ${f.humidityRaw} ${f.lightRaw} ${f.soundRaw} ${f.knobRaw} ${b(f.motion)} ${b(f.button)}\n`;
}
