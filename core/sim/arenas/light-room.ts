import type { Arena } from '../arena';
import { borderWalls } from './build';

// A dim 2.4 m × 2.4 m room with one lamp on a post (north-east). The robot starts south-west facing north, so the lamp
// is 45° to its right and 1.7 m away; its light sensor (lamps.ts) reads about 10 % facing away, about 31 % facing the
// lamp from the start, and above 80 % within 45 cm of the lamp, facing it. The yellow zone round the lamp is where a light-seeking robot should stop.
const LAMP = { x: 1.8, z: 0.6 };

export const lightRoom: Arena = {
  id: 'light-room',
  name: { 'zh-CN': '找光房间', en: 'Light room' },
  description: {
    'zh-CN': '一间很暗的房间，角落里有一盏台灯。用光线传感器找到台灯，停在它旁边的黄色区域里。',
    en: 'A dim room with a lamp in one corner. Use the light sensor to find the lamp and stop in the yellow zone beside it.',
  },
  kits: ['robot'],
  width: 2.4,
  depth: 2.4,
  floorColour: 'white',
  lightPercent: 10,
  walls: borderWalls(2.4, 2.4),
  lines: [],
  zones: [
    { id: 'start', x: 0.6, z: 1.8, w: 0.3, d: 0.3, colour: 'blue', label: { 'zh-CN': '起点', en: 'Start' } },
    { id: 'lamp-zone', x: LAMP.x, z: LAMP.z, w: 0.8, d: 0.8, colour: 'yellow', label: { 'zh-CN': '台灯旁', en: 'By the lamp' } },
  ],
  // The lamp post: a fixed cylinder the robot must not bump into.
  props: [{ id: 'lamp-post', shape: 'cylinder', x: LAMP.x, z: LAMP.z, size: 0.1, colour: 'yellow', movable: false }],
  rings: [],
  lights: [{ id: 'lamp', x: LAMP.x, z: LAMP.z, intensityPercent: 85 }],
  start: { x: 0.6, z: 1.8, headingDeg: 0 },
  starts: [{ x: 0.3, z: 2.1, headingDeg: 0 }, { x: 0.9, z: 2.1, headingDeg: 0 }, { x: 0.3, z: 1.5, headingDeg: 0 }],
};
