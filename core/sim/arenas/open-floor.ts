import type { Arena } from '../arena';
import { borderWalls } from './build';

/** An empty 2 m × 2 m floor with walls around: first drives, squares, "stop before the wall". */
export const openFloor: Arena = {
  id: 'open-floor',
  name: { 'zh-CN': '空场地', en: 'Open floor' },
  description: {
    'zh-CN': '2 米 × 2 米的空地，四周有墙。适合练习前进、转弯和在墙前停下。',
    en: 'An empty 2 m × 2 m floor with walls around. Practise driving, turning and stopping before a wall.',
  },
  kits: ['robot', 'sensorkit', 'drone'],
  width: 2,
  depth: 2,
  floorColour: 'white',
  lightPercent: 70,
  walls: borderWalls(2, 2),
  lines: [],
  zones: [{ id: 'start', x: 1, z: 1.6, w: 0.3, d: 0.3, colour: 'green', label: { 'zh-CN': '起点', en: 'Start' } }],
  props: [],
  rings: [],
  start: { x: 1, z: 1.6, headingDeg: 0 },
  starts: [
    { x: 0.5, z: 1.6, headingDeg: 0 },
    { x: 1.5, z: 1.6, headingDeg: 0 },
    { x: 1, z: 0.4, headingDeg: 180 },
  ],
};
