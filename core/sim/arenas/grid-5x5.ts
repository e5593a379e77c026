import type { Arena, Wall } from '../arena';
import { borderWalls } from './build';

// The reinforcement-learning grid: 5 × 5 cells of 0.5 m on a 2.5 m square, for the Q-learning lessons
// (core/ai/grid-world.ts reads the cells, walls and zones back from this data). Rows count from the north (z = 0),
// columns from the west (x = 0). Start in the bottom-left cell (row 4, col 0) facing north. The goal (green, row 0
// col 3) is walled on its west and south sides, so it can only be entered from the east: the shortest route runs
// along the east side and then one cell west, 9 moves. The trap (red, row 1 col 3) sits right below the goal, where
// a robot that heads straight for the goal would end up. Two more inner walls make dead ends to learn about.
// Inner walls are 4 cm thick and 20 cm high, centred on cell edges, as in the maze.
const C = 0.5;
const T = 0.04;
const H = 0.2;
/** Wall along the cell edge running east–west at row line `row` (0–5), from column line `c0` to `c1`. */
const hWall = (row: number, c0: number, c1: number): Wall => ({ x: ((c0 + c1) / 2) * C, z: row * C, w: (c1 - c0) * C + T, d: T, h: H });
/** Wall along the cell edge running north–south at column line `col` (0–5), from row line `r0` to `r1`. */
const vWall = (col: number, r0: number, r1: number): Wall => ({ x: col * C, z: ((r0 + r1) / 2) * C, w: T, d: (r1 - r0) * C + T, h: H });
/** Centre of cell (row, col) as (x, z). */
const centre = (row: number, col: number) => ({ x: (col + 0.5) * C, z: (row + 0.5) * C });

export const grid5x5: Arena = {
  id: 'grid-5x5',
  name: { 'zh-CN': '5 × 5 方格（强化学习）', en: '5 × 5 grid (reinforcement learning)' },
  description: {
    'zh-CN': '5 × 5 的方格场地（每格 50 厘米），有几面墙、一个绿色终点和一个红色陷阱。用 Q 学习让机器人自己找到从左下角到终点的路。',
    en: 'A 5 × 5 grid of 50 cm cells with a few walls, a green goal and a red trap. Let Q-learning find the way from the bottom-left cell to the goal.',
  },
  kits: ['robot'],
  width: 5 * C,
  depth: 5 * C,
  floorColour: 'white',
  lightPercent: 70,
  walls: [
    ...borderWalls(5 * C, 5 * C),
    // The goal's pocket: closed to the west and to the south.
    vWall(3, 0, 1),
    hWall(1, 3, 4),
    // A dead end in the west: rows 1–2 cannot cross from column 0 to column 1.
    vWall(1, 1, 3),
    // Rows 2 and 3 are apart in columns 1–2.
    hWall(3, 1, 3),
  ],
  // The cell edges as thin printed lines (1 cm), like a grid mat under a real car: students see the cells.
  lines: [1, 2, 3, 4].flatMap((i) => [
    { points: [[i * C, 0], [i * C, 5 * C]] as const, width: 0.01, closed: false },
    { points: [[0, i * C], [5 * C, i * C]] as const, width: 0.01, closed: false },
  ]),
  zones: [
    { id: 'start', ...centre(4, 0), w: 0.36, d: 0.36, colour: 'blue', label: { 'zh-CN': '起点', en: 'Start' } },
    { id: 'goal', ...centre(0, 3), w: 0.36, d: 0.36, colour: 'green', label: { 'zh-CN': '终点', en: 'Goal' } },
    { id: 'trap', ...centre(1, 3), w: 0.36, d: 0.36, colour: 'red', label: { 'zh-CN': '陷阱', en: 'Trap' } },
  ],
  props: [],
  rings: [],
  start: { ...centre(4, 0), headingDeg: 0 },
  // Further robots wait in the other bottom-row cells.
  starts: [{ ...centre(4, 1), headingDeg: 0 }, { ...centre(4, 2), headingDeg: 0 }, { ...centre(4, 4), headingDeg: 0 }],
};
