/**
 * Small deterministic datasets for the grade-7 AI units, written into the lesson projects (a class's prepared data,
 * as a teacher would hand out a spreadsheet). A seeded linear-congruential generator makes the "measurement noise",
 * so rebuilding gives byte-identical files; values are rounded as a real sensor or meter would report them.
 */
import type { Project } from '../../core/contracts/project';

type Dataset = Project['datasets'][number];

/** Park–Miller minimal standard generator: deterministic, no Math.random. */
export class Noise {
  private state: number;
  constructor(seed: number) { this.state = seed % 2147483647 || 1; }
  /** Uniform in [0, 1). */
  next(): number { this.state = (this.state * 48271) % 2147483647; return (this.state - 1) / 2147483646; }
  /** Uniform in [−spread, +spread]. */
  around(spread: number): number { return (this.next() * 2 - 1) * spread; }
}

const round = (v: number, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;
const clamp255 = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** Typical RGB readings (0–255) of a colour sensor over card of each colour. */
export const COLOUR_CENTRES: Record<string, readonly [number, number, number]> = {
  red: [205, 45, 40],
  green: [50, 175, 70],
  blue: [40, 70, 190],
  yellow: [215, 200, 55],
};

/**
 * `perClass` colour readings per label, ±`spread` sensor noise on each channel. `brightness` scales the readings
 * (0.55 ≈ the same cards under a dim classroom light).
 */
export function colourReadings(id: string, name: string, perClass: Record<string, number>, seed: number, spread = 25, brightness = 1): Dataset {
  const noise = new Noise(seed);
  const samples: Dataset['samples'] = [];
  const labels = Object.keys(perClass);
  const most = Math.max(...Object.values(perClass));
  // Interleave the classes, as readings taken in turn would be.
  for (let i = 0; i < most; i++) {
    for (const label of labels) {
      if (i >= perClass[label]) continue;
      const [r, g, b] = COLOUR_CENTRES[label];
      const at = (centre: number) => clamp255(centre * brightness + noise.around(spread * brightness));
      samples.push({ values: [at(r), at(g), at(b)], label });
    }
  }
  return { id, name, features: ['R', 'G', 'B'], samples };
}

/** Points y = a + b·x ± noise for x in `xs` (labels are the y values as text, as the linear block expects). */
export function lineData(id: string, name: string, feature: string, xs: readonly number[], f: (x: number) => number, seed: number, spread: number, digits = 1): Dataset {
  const noise = new Noise(seed);
  return { id, name, features: [feature], samples: xs.map((x) => ({ values: [x], label: String(round(f(x) + noise.around(spread), digits)) })) };
}

/** Clusters of points around centres (1-D or 2-D), `n` each, ±spread; labels empty (clustering ignores them). */
export function clusterData(id: string, name: string, features: readonly string[], centres: readonly (readonly number[])[], n: number, seed: number, spread: number): Dataset {
  const noise = new Noise(seed);
  const samples: Dataset['samples'] = [];
  for (let i = 0; i < n; i++) for (const c of centres) samples.push({ values: c.map((v) => round(v + noise.around(spread), 1)), label: '' });
  return { id, name, features: [...features], samples };
}

/** One dataset holding the samples of several (same features), e.g. bright-light and dim-light readings together. */
export function mergeDatasets(id: string, name: string, ...parts: readonly Dataset[]): Dataset {
  return { id, name, features: [...parts[0].features], samples: parts.flatMap((p) => p.samples) };
}
