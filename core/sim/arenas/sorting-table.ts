import type { Arena } from '../arena';
import { borderWalls } from './build';

// 2 m × 1.5 m table with six movable 5 cm cubes (two each of red, green, blue) in the middle and three coloured bins
// along the north edge. Push each cube into the bin of its colour; the colour sensor reads the bins. The cubes carry
// tags 1–6 on their sides and two figures (a cat, a dog) stand by the side walls, for the AI camera.
export const sortingTable: Arena = {
  id: 'sorting-table',
  name: { 'zh-CN': '分拣台', en: 'Sorting table' },
  description: {
    'zh-CN': '台面上有红、绿、蓝三种颜色的小方块。把每个方块推到同色的区域里，颜色传感器可以认出区域。',
    en: 'Red, green and blue cubes lie on the table. Push each cube into the zone of its colour; the colour sensor can tell the zones apart.',
  },
  kits: ['robot'],
  width: 2,
  depth: 1.5,
  floorColour: 'white',
  lightPercent: 80,
  walls: borderWalls(2, 1.5, 0.12),
  lines: [],
  zones: [
    { id: 'bin-red', x: 0.4, z: 0.2, w: 0.4, d: 0.3, colour: 'red', label: { 'zh-CN': '红色区', en: 'Red bin' } },
    { id: 'bin-green', x: 1.0, z: 0.2, w: 0.4, d: 0.3, colour: 'green', label: { 'zh-CN': '绿色区', en: 'Green bin' } },
    { id: 'bin-blue', x: 1.6, z: 0.2, w: 0.4, d: 0.3, colour: 'blue', label: { 'zh-CN': '蓝色区', en: 'Blue bin' } },
    { id: 'start', x: 1.0, z: 1.3, w: 0.3, d: 0.3, colour: 'yellow', label: { 'zh-CN': '起点', en: 'Start' } },
  ],
  props: [
    { id: 'cube-red-1', shape: 'cube', x: 0.5, z: 0.8, size: 0.05, colour: 'red', movable: true, tag: 1 },
    { id: 'cube-green-1', shape: 'cube', x: 0.8, z: 0.8, size: 0.05, colour: 'green', movable: true, tag: 2 },
    { id: 'cube-blue-1', shape: 'cube', x: 1.2, z: 0.8, size: 0.05, colour: 'blue', movable: true, tag: 3 },
    { id: 'cube-red-2', shape: 'cube', x: 1.5, z: 0.8, size: 0.05, colour: 'red', movable: true, tag: 4 },
    { id: 'cube-green-2', shape: 'cube', x: 0.65, z: 1.0, size: 0.05, colour: 'green', movable: true, tag: 5 },
    { id: 'cube-blue-2', shape: 'cube', x: 1.35, z: 1.0, size: 0.05, colour: 'blue', movable: true, tag: 6 },
    // Figures by the side walls, out of the cubes' way, for the AI camera's object recognition.
    { id: 'figure-cat', shape: 'cylinder', x: 0.1, z: 0.75, size: 0.06, colour: 'black', movable: false, objectClass: 'cat' },
    { id: 'figure-dog', shape: 'cylinder', x: 1.9, z: 0.75, size: 0.06, colour: 'black', movable: false, objectClass: 'dog' },
  ],
  rings: [],
  start: { x: 1.0, z: 1.3, headingDeg: 0 },
  starts: [{ x: 0.4, z: 1.3, headingDeg: 0 }, { x: 1.6, z: 1.3, headingDeg: 0 }, { x: 0.7, z: 1.3, headingDeg: 0 }],
};
