/**
 * The Tello SDK 2.0 text protocol as pure functions (no sockets): command encoding with range checks, parsing of
 * command text (for the emulator), of replies and of the state string. Facts from the public SDK 2.0 document:
 * - commands are ASCII text in one UDP datagram to the drone's port 8889; the reply comes back to the sender's port;
 * - `command` enters SDK mode; flight commands answer `ok` when done or `error…`; queries (`battery?` …) answer a value;
 * - `rc a b c d` (each −100…100) gets no reply;
 * - the drone sends a state string `key:value;…;\r\n` about 10 times a second to UDP port 8890 of the client.
 * Parsers never throw: any input (garbage bytes, half lines, overlong text) gives a value or null.
 */

export type TelloMoveDirection = 'up' | 'down' | 'left' | 'right' | 'forward' | 'back';
export type TelloFlipDirection = 'l' | 'r' | 'f' | 'b';
export type TelloQuery = 'battery' | 'height' | 'time' | 'sdk' | 'speed' | 'wifi';

export type TelloCommand =
  | { readonly kind: 'command' }
  | { readonly kind: 'takeoff' }
  | { readonly kind: 'land' }
  | { readonly kind: 'emergency' }
  /** Move `cm` (integer 20–500) in `direction`, relative to the drone's heading. */
  | { readonly kind: 'move'; readonly direction: TelloMoveDirection; readonly cm: number }
  /** Rotate `deg` (integer 1–360), `cw` clockwise seen from above. */
  | { readonly kind: 'rotate'; readonly direction: 'cw' | 'ccw'; readonly deg: number }
  | { readonly kind: 'flip'; readonly direction: TelloFlipDirection }
  /** Set the move speed, cm/s (integer 10–100). */
  | { readonly kind: 'speed'; readonly cmPerS: number }
  /** Remote-control sticks, each integer −100…100: left/right, forward/back, up/down, yaw. No reply. */
  | { readonly kind: 'rc'; readonly a: number; readonly b: number; readonly c: number; readonly d: number }
  | { readonly kind: 'query'; readonly what: TelloQuery };

export const TELLO_LIMITS = {
  moveCm: { min: 20, max: 500 },
  rotateDeg: { min: 1, max: 360 },
  speedCmPerS: { min: 10, max: 100 },
  rc: { min: -100, max: 100 },
} as const;

/** Default UDP ports from the SDK document. */
export const TELLO_COMMAND_PORT = 8889;
export const TELLO_STATE_PORT = 8890;
/** The drone lands by itself after this long without a command (SDK document). */
export const TELLO_IDLE_LAND_MS = 15_000;

/** Longest reply or state line worth parsing; anything longer is not from a Tello. */
export const MAX_LINE_CHARS = 1024;

const MOVE_DIRECTIONS: readonly TelloMoveDirection[] = ['up', 'down', 'left', 'right', 'forward', 'back'];
const FLIP_DIRECTIONS: readonly TelloFlipDirection[] = ['l', 'r', 'f', 'b'];
const QUERIES: readonly TelloQuery[] = ['battery', 'height', 'time', 'sdk', 'speed', 'wifi'];

const intIn = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** Why `c` cannot be sent (a value out of range or not an integer), or null when it is valid. */
export function validateCommand(c: TelloCommand): string | null {
  switch (c.kind) {
    case 'move':
      if (!MOVE_DIRECTIONS.includes(c.direction)) return `bad direction ${String(c.direction)}`;
      return intIn(c.cm, TELLO_LIMITS.moveCm.min, TELLO_LIMITS.moveCm.max) ? null : `cm ${c.cm} not an integer 20-500`;
    case 'rotate':
      if (c.direction !== 'cw' && c.direction !== 'ccw') return `bad direction ${String(c.direction)}`;
      return intIn(c.deg, TELLO_LIMITS.rotateDeg.min, TELLO_LIMITS.rotateDeg.max) ? null : `deg ${c.deg} not an integer 1-360`;
    case 'flip':
      return FLIP_DIRECTIONS.includes(c.direction) ? null : `bad flip ${String(c.direction)}`;
    case 'speed':
      return intIn(c.cmPerS, TELLO_LIMITS.speedCmPerS.min, TELLO_LIMITS.speedCmPerS.max) ? null : `speed ${c.cmPerS} not an integer 10-100`;
    case 'rc':
      return [c.a, c.b, c.c, c.d].every((v) => intIn(v, TELLO_LIMITS.rc.min, TELLO_LIMITS.rc.max)) ? null : 'rc values not integers -100..100';
    case 'query':
      return QUERIES.includes(c.what) ? null : `bad query ${String(c.what)}`;
    default:
      return null;
  }
}

/** The command text to send (no line ending; the SDK sends one command per datagram). Throws RangeError when invalid. */
export function encodeCommand(c: TelloCommand): string {
  const problem = validateCommand(c);
  if (problem) throw new RangeError(`[Tello] ${problem}`);
  switch (c.kind) {
    case 'command':
    case 'takeoff':
    case 'land':
    case 'emergency':
      return c.kind;
    case 'move':
      return `${c.direction} ${c.cm}`;
    case 'rotate':
      return `${c.direction} ${c.deg}`;
    case 'flip':
      return `flip ${c.direction}`;
    case 'speed':
      return `speed ${c.cmPerS}`;
    case 'rc':
      return `rc ${c.a} ${c.b} ${c.c} ${c.d}`;
    case 'query':
      return `${c.what}?`;
  }
}

/**
 * What the drone would understand in `text` (one datagram; surrounding whitespace and a trailing `\r\n` ignored):
 * a command, `{ error: 'range' }` for a known command with a value out of range, or null for anything else.
 */
export function parseCommandText(text: string): TelloCommand | { readonly error: 'range'; readonly text: string } | null {
  if (text.length > MAX_LINE_CHARS) return null;
  const words = text.trim().split(/\s+/);
  const [word, ...args] = words;
  if (!word) return null;
  const n = (s: string | undefined) => (s !== undefined && /^-?\d+$/.test(s) ? Number(s) : NaN);
  let c: TelloCommand | null = null;
  if (args.length === 0 && (word === 'command' || word === 'takeoff' || word === 'land' || word === 'emergency')) c = { kind: word };
  else if (args.length === 0 && word.endsWith('?') && QUERIES.includes(word.slice(0, -1) as TelloQuery)) c = { kind: 'query', what: word.slice(0, -1) as TelloQuery };
  else if (args.length === 1 && MOVE_DIRECTIONS.includes(word as TelloMoveDirection)) c = { kind: 'move', direction: word as TelloMoveDirection, cm: n(args[0]) };
  else if (args.length === 1 && (word === 'cw' || word === 'ccw')) c = { kind: 'rotate', direction: word, deg: n(args[0]) };
  else if (args.length === 1 && word === 'flip') c = { kind: 'flip', direction: args[0] as TelloFlipDirection };
  else if (args.length === 1 && word === 'speed') c = { kind: 'speed', cmPerS: n(args[0]) };
  else if (args.length === 4 && word === 'rc') c = { kind: 'rc', a: n(args[0]), b: n(args[1]), c: n(args[2]), d: n(args[3]) };
  if (!c) return null;
  return validateCommand(c) === null ? c : { error: 'range', text: text.trim() };
}

export type TelloReply =
  | { readonly kind: 'ok' }
  /** `error…`, `out of range`, `unknown command…`: the command was refused; `text` is the reply as sent. */
  | { readonly kind: 'error'; readonly text: string }
  /** A query answer: the number and its unit suffix if any (`10dm` → 10, 'dm'; `87` → 87, ''). */
  | { readonly kind: 'value'; readonly value: number; readonly unit: string; readonly text: string }
  /** Any other printable reply (e.g. a serial number); the driver treats it as an answer to a query only. */
  | { readonly kind: 'text'; readonly text: string };

/** Parses one reply datagram. Empty, overlong or unprintable input → null. Never throws. */
export function parseReply(raw: string): TelloReply | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LINE_CHARS) return null;
  const text = raw.replace(/[\r\n\0]+$/, '').trim();
  if (text.length === 0 || !/^[\x20-\x7e]+$/.test(text)) return null;
  const lower = text.toLowerCase();
  if (lower === 'ok') return { kind: 'ok' };
  if (lower.startsWith('error') || lower.startsWith('out of range') || lower.startsWith('unknown command')) return { kind: 'error', text };
  const m = /^(-?\d+(?:\.\d+)?)\s*([a-z%]{0,8})$/i.exec(text);
  if (m) {
    const value = Number(m[1]);
    if (Number.isFinite(value)) return { kind: 'value', value, unit: m[2]!.toLowerCase(), text };
  }
  return { kind: 'text', text };
}

/** The drone's state string as numbers. Units from the SDK document. */
export interface TelloState {
  /** Attitude, degrees; yaw −180…180, clockwise positive. */
  readonly pitch: number;
  readonly roll: number;
  readonly yaw: number;
  /** Speeds, dm/s. */
  readonly vgx: number;
  readonly vgy: number;
  readonly vgz: number;
  /** Lowest / highest temperature, °C. */
  readonly templ: number;
  readonly temph: number;
  /** Time-of-flight distance to the ground, cm. */
  readonly tof: number;
  /** Height above the take-off point, cm. */
  readonly h: number;
  /** Battery, %. */
  readonly bat: number;
  /** Barometer altitude, m. */
  readonly baro: number;
  /** Motor-on time, s. */
  readonly time: number;
  /** Accelerations, 0.001 g. */
  readonly agx: number;
  readonly agy: number;
  readonly agz: number;
}

const STATE_KEYS = ['pitch', 'roll', 'yaw', 'vgx', 'vgy', 'vgz', 'templ', 'temph', 'tof', 'h', 'bat', 'baro', 'time', 'agx', 'agy', 'agz'] as const;

/**
 * Parses one state datagram (`pitch:0;roll:0;…;agz:0.00;\r\n`; Tello EDU adds `mid`, `x`, `y`, `z`, `mpry`, which are
 * skipped). Null unless every key of `TelloState` is present with a finite number. Never throws.
 */
export function parseState(raw: string): TelloState | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LINE_CHARS) return null;
  const out: Record<string, number> = {};
  for (const field of raw.replace(/[\r\n\0]+$/, '').split(';')) {
    if (field === '') continue;
    const colon = field.indexOf(':');
    if (colon <= 0) return null;
    const key = field.slice(0, colon);
    const value = field.slice(colon + 1);
    if (!/^[a-z]+$/.test(key)) return null;
    if (!(STATE_KEYS as readonly string[]).includes(key)) continue;
    if (!/^-?\d+(?:\.\d+)?$/.test(value)) return null;
    out[key] = Number(value);
  }
  for (const k of STATE_KEYS) if (!Number.isFinite(out[k])) return null;
  return out as unknown as TelloState;
}

/** Encodes a state string as the drone sends it (used by the virtual Tello; integers except baro and accelerations). */
export function encodeState(s: TelloState): string {
  const i = (v: number) => String(Math.round(v));
  const f = (v: number) => v.toFixed(2);
  return (
    `pitch:${i(s.pitch)};roll:${i(s.roll)};yaw:${i(s.yaw)};vgx:${i(s.vgx)};vgy:${i(s.vgy)};vgz:${i(s.vgz)};` +
    `templ:${i(s.templ)};temph:${i(s.temph)};tof:${i(s.tof)};h:${i(s.h)};bat:${i(s.bat)};baro:${f(s.baro)};` +
    `time:${i(s.time)};agx:${f(s.agx)};agy:${f(s.agy)};agz:${f(s.agz)};\r\n`
  );
}
