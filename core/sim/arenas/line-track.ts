import type { Arena } from '../arena';
import { arc, borderWalls } from './build';

// A closed loop of black tape (3 cm wide) on a 3 m × 2 m white floor: two 1.4 m straights joined by two half circles
// of radius 0.5 m. The start pose faces east on the bottom straight, so the loop is driven anticlockwise seen from
// above (left turns only), as most classroom tracks are.
const TOP_Z = 0.5;
const BOTTOM_Z = 1.5;
const R = 0.5;

const loop: [number, number][] = [
  // Right half circle around (2.2, 1.0): bottom (bearing 180) → east (90) → top (0); the straights are the closing
  // segments between the two arcs.
  ...arc(2.2, 1.0, R, 180, 0),
  // Left half circle around (0.8, 1.0): top (bearing 360) → west (270) → bottom (180).
  ...arc(0.8, 1.0, R, 360, 180),
];

export const lineTrack: Arena = {
  id: 'line-track',
  name: { 'zh-CN': '巡线赛道', en: 'Line track' },
  description: {
    'zh-CN': '白色地面上的黑色闭合赛道（线宽 3 厘米），有直道和弯道。用两个巡线传感器让小车沿线行驶。',
    en: 'A closed loop of black tape (3 cm wide) on a white floor, with straights and curves. Use the two line sensors to follow it.',
  },
  kits: ['robot'],
  width: 3,
  depth: 2,
  floorColour: 'white',
  lightPercent: 75,
  walls: borderWalls(3, 2),
  lines: [{ points: loop, width: 0.03, closed: true }],
  zones: [],
  props: [],
  rings: [],
  start: { x: 1.2, z: BOTTOM_Z, headingDeg: 90 },
  starts: [
    { x: 1.8, z: TOP_Z, headingDeg: 270 },
    { x: 1.8, z: BOTTOM_Z, headingDeg: 90 },
    { x: 1.2, z: TOP_Z, headingDeg: 270 },
  ],
};
