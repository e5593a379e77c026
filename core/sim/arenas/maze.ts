import type { Arena, Wall } from '../arena';
import { borderWalls } from './build';

// A 4 × 4 maze of 0.6 m cells on a 2.4 m square. Inner walls are 4 cm thick, 20 cm high. Start in the bottom-left
// cell facing north, goal (green zone) in the top-right cell. The route is a serpentine: north 3 cells, east 1,
// south 3, east 1, north 3, east 1; the goal cell opens only to the west.
const C = 0.6;
const T = 0.04;
const H = 0.2;
/** Wall along a cell edge running east–west at row line `row` (0–4), from column `c0` to `c1`. */
const hWall = (row: number, c0: number, c1: number): Wall => ({ x: ((c0 + c1) / 2) * C, z: row * C, w: (c1 - c0) * C + T, d: T, h: H });
/** Wall along a cell edge running north–south at column line `col` (0–4), from row `r0` to `r1`. */
const vWall = (col: number, r0: number, r1: number): Wall => ({ x: col * C, z: ((r0 + r1) / 2) * C, w: T, d: (r1 - r0) * C + T, h: H });

export const maze: Arena = {
  id: 'maze',
  name: { 'zh-CN': '迷宫', en: 'Maze' },
  description: {
    'zh-CN': '4 × 4 格的迷宫（每格 60 厘米）。从左下角出发，用超声波传感器找到右上角的绿色终点。',
    en: 'A 4 × 4 maze of 60 cm cells. Start bottom left and use the ultrasonic sensor to find the green goal top right.',
  },
  kits: ['robot'],
  width: 4 * C,
  depth: 4 * C,
  floorColour: 'white',
  lightPercent: 65,
  walls: [
    ...borderWalls(4 * C, 4 * C),
    vWall(1, 1, 4),
    vWall(2, 0, 3),
    vWall(3, 1, 4),
    hWall(1, 3, 4),
  ],
  lines: [],
  zones: [
    { id: 'start', x: 0.5 * C, z: 3.5 * C, w: 0.4, d: 0.4, colour: 'blue', label: { 'zh-CN': '起点', en: 'Start' } },
    { id: 'goal', x: 3.5 * C, z: 0.5 * C, w: 0.4, d: 0.4, colour: 'green', label: { 'zh-CN': '终点', en: 'Goal' } },
  ],
  props: [],
  rings: [],
  start: { x: 0.5 * C, z: 3.5 * C, headingDeg: 0 },
  // Further robots queue up the first corridor (the maze has one route).
  starts: [{ x: 0.5 * C, z: 2.5 * C, headingDeg: 0 }, { x: 0.5 * C, z: 1.5 * C, headingDeg: 0 }, { x: 0.5 * C, z: 0.5 * C, headingDeg: 90 }],
};
