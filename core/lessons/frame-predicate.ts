/**
 * Frame predicates of the check language (unit-schema.ts) evaluated on one trace frame, and worded for children.
 * A quantity of a device the run does not have (a robot quantity in a drone run) reads as "unknown" and makes the
 * comparison false, so a check never passes by reading something that is not there.
 */
import type { Arena } from '../sim/arena';
import type { TraceFrame } from '../sim/trace';
import { translate, type Language } from '../i18n/index';
import { LED_COLOURS } from '../program/index';
import type { FramePredicate, FrameQuantity } from './unit-schema';

type Reading = number | string | boolean | undefined;

/** The value of `quantity` for robot/drone `agent` in `frame`; undefined when the frame has no such device. */
export function readQuantity(frame: TraceFrame, quantity: FrameQuantity, agent: number): Reading {
  const r = frame.robots[agent];
  const d = frame.drones[agent];
  const k = frame.kit;
  switch (quantity) {
    case 'distanceCm': return r?.distanceCm;
    case 'x': return r?.x ?? d?.x;
    case 'z': return r?.z ?? d?.z;
    case 'headingDeg': return r?.headingDeg ?? d?.headingDeg;
    case 'led': return r?.led;
    case 'wallContact': return r?.wallContact;
    case 'bumper': return r?.bumper;
    case 'lineLeft': return r?.line[0];
    case 'lineRight': return r ? r.line[r.line.length - 1] : undefined;
    case 'droneX': return d?.x;
    case 'droneY': return d?.y;
    case 'droneZ': return d?.z;
    case 'droneFlying': return d?.flying;
    case 'ringsPassed': return d?.ringsPassed;
    case 'kitLed': return k?.led;
    case 'temperatureC': return k?.temperatureC;
    case 'humidityPercent': return k?.humidityPercent;
    case 'lightPercent': return k?.lightPercent;
    case 'soundPercent': return k?.soundPercent;
    case 'motion': return k?.motion;
    case 'knobPercent': return k?.knobPercent;
    case 'buttonPressed': return k?.buttonPressed;
  }
}

/** `#RRGGBB` or a colour name of the LED blocks ("red") → `#rrggbb`; anything else unchanged. */
export function normaliseColour(value: string): string {
  const named = LED_COLOURS.find(([name]) => name.toLowerCase() === value.toLowerCase());
  return named ? named[1] : value.toLowerCase();
}

const COLOUR_QUANTITIES = new Set<FrameQuantity>(['led', 'kitLed']);

/** Compares a reading with the check's value. Numbers use the operator; text and booleans only `==` / `!=`. */
export function compare(reading: Reading, op: string, value: number | string | boolean, colour = false): boolean {
  if (reading === undefined) return false;
  if (typeof reading === 'number' && typeof value === 'number') {
    switch (op) {
      case '<': return reading < value;
      case '<=': return reading <= value;
      case '>': return reading > value;
      case '>=': return reading >= value;
      case '==': return reading === value;
      case '!=': return reading !== value;
      default: return false;
    }
  }
  const a = colour && typeof reading === 'string' ? normaliseColour(reading) : reading;
  const b = colour && typeof value === 'string' ? normaliseColour(value) : value;
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  return false;
}

export function holds(pred: FramePredicate, frame: TraceFrame): boolean {
  if ('quantity' in pred) return compare(readQuantity(frame, pred.quantity, pred.agent ?? 0), pred.op, pred.value, COLOUR_QUANTITIES.has(pred.quantity));
  if ('inZone' in pred) {
    const a = pred.agent ?? 0;
    const zones = frame.robots[a]?.zones ?? frame.drones[a]?.zones;
    return zones !== undefined && zones.includes(pred.inZone);
  }
  if ('all' in pred) return pred.all.every((p) => holds(p, frame));
  if ('any' in pred) return pred.any.some((p) => holds(p, frame));
  return !holds(pred.not, frame);
}

// ---- wording ---------------------------------------------------------------------------------------------------

const DRONE_QUANTITIES = new Set<FrameQuantity>(['droneX', 'droneY', 'droneZ', 'droneFlying', 'ringsPassed']);
const KIT_QUANTITIES = new Set<FrameQuantity>(['kitLed', 'temperatureC', 'humidityPercent', 'lightPercent', 'soundPercent', 'motion', 'knobPercent', 'buttonPressed']);
const BOOLEAN_QUANTITIES = new Set<FrameQuantity>(['wallContact', 'bumper', 'lineLeft', 'lineRight', 'droneFlying', 'motion', 'buttonPressed']);

export interface WordingContext {
  readonly lang: Language;
  /** For zone labels ("the Goal zone" instead of "goal"); optional. */
  readonly arena?: Arena;
  /** 'robot' | 'drone' | 'sensorkit': who "it" is when an `inZone` predicate names no device. */
  readonly kit?: string;
}

const t = (lang: Language, key: string, params: Record<string, string | number> = {}) => translate(lang, 'lessons', key, params);

/** "the robot" / "robot 2" / "the drone" / "the sensor kit". */
export function subjectOf(quantity: FrameQuantity | null, agent: number, ctx: WordingContext): string {
  const device = quantity === null ? (ctx.kit === 'drone' ? 'drone' : 'robot') : DRONE_QUANTITIES.has(quantity) ? 'drone' : KIT_QUANTITIES.has(quantity) ? 'kit' : 'robot';
  if (device === 'kit') return t(ctx.lang, 'subject.kit');
  return agent === 0 ? t(ctx.lang, `subject.${device}`) : t(ctx.lang, `subject.${device}N`, { n: agent + 1 });
}

export function zoneName(id: string, ctx: WordingContext): string {
  const zone = ctx.arena?.zones.find((z) => z.id === id);
  return zone?.label ? zone.label[ctx.lang] : id;
}

function colourName(value: string, lang: Language): string {
  const hex = normaliseColour(value);
  const named = LED_COLOURS.find(([, h]) => h === hex);
  return named ? t(lang, `colour.${named[0].toLowerCase()}`) : value;
}

/** A predicate as a short clause a child can read: "the robot touches a wall", "the distance is less than 20 cm". */
export function describePredicate(pred: FramePredicate, ctx: WordingContext): string {
  const { lang } = ctx;
  if ('inZone' in pred) return t(lang, 'pred.inZone', { subject: subjectOf(null, pred.agent ?? 0, ctx), zone: zoneName(pred.inZone, ctx) });
  if ('all' in pred) return pred.all.map((p) => describePredicate(p, ctx)).join(t(lang, 'pred.and'));
  if ('any' in pred) return pred.any.map((p) => describePredicate(p, ctx)).join(t(lang, 'pred.or'));
  if ('not' in pred) return t(lang, 'pred.not', { what: describePredicate(pred.not, ctx) });
  const subject = subjectOf(pred.quantity, pred.agent ?? 0, ctx);
  if (BOOLEAN_QUANTITIES.has(pred.quantity) && typeof pred.value === 'boolean' && (pred.op === '==' || pred.op === '!=')) {
    const yes = (pred.op === '==') === pred.value;
    return t(lang, `pred.${pred.quantity}.${yes ? 'yes' : 'no'}`, { subject });
  }
  if (typeof pred.value === 'string' && COLOUR_QUANTITIES.has(pred.quantity) && (pred.op === '==' || pred.op === '!=')) {
    return t(lang, pred.op === '==' ? 'pred.colourIs' : 'pred.colourIsNot', { subject, value: colourName(pred.value, lang) });
  }
  let value: string;
  if (typeof pred.value === 'number' && UNITS[pred.quantity]) value = t(lang, `unit.${UNITS[pred.quantity]}`, { value: pred.value });
  else value = String(pred.value);
  return t(lang, 'pred.compare', { subject, quantity: t(lang, `quantity.${pred.quantity}`), op: t(lang, `op.${pred.op}`), value });
}

const UNITS: Partial<Record<FrameQuantity, string>> = {
  distanceCm: 'cm', x: 'm', z: 'm', droneX: 'm', droneY: 'm', droneZ: 'm', headingDeg: 'deg', temperatureC: 'celsius',
  humidityPercent: 'percent', lightPercent: 'percent', soundPercent: 'percent', knobPercent: 'percent',
};
