import type { Arena } from '../arena';
import { borderWalls } from './build';

// 6 m × 4 m hall. The drone takes off from the blue pad (south-west), flies through three rings in order (1 m up,
// radius 35 cm) and lands on the green landing pad. Ring ids are the order to pass them in.
export const droneRings: Arena = {
  id: 'drone-rings',
  name: { 'zh-CN': '无人机穿环', en: 'Drone rings' },
  description: {
    'zh-CN': '无人机从蓝色起飞点起飞，按顺序穿过空中的三个圆环，最后降落在绿色停机坪上。',
    en: 'Take off from the blue pad, fly through the three rings in order, then land on the green landing pad.',
  },
  kits: ['drone'],
  width: 6,
  depth: 4,
  floorColour: 'white',
  lightPercent: 80,
  walls: borderWalls(6, 4, 3),
  lines: [],
  zones: [
    { id: 'takeoff-pad', x: 1, z: 3.2, w: 0.6, d: 0.6, colour: 'blue', label: { 'zh-CN': '起飞点', en: 'Take-off pad' } },
    { id: 'landing-pad', x: 5, z: 0.8, w: 0.6, d: 0.6, colour: 'green', label: { 'zh-CN': '停机坪', en: 'Landing pad' } },
  ],
  props: [],
  // Ring 1 faces north (crossed flying north), ring 2 faces east, ring 3 faces east.
  rings: [
    { id: 'ring-1', x: 1, y: 1.0, z: 2.0, radius: 0.35, headingDeg: 0 },
    { id: 'ring-2', x: 2.5, y: 1.0, z: 0.8, radius: 0.35, headingDeg: 90 },
    { id: 'ring-3', x: 4.0, y: 1.2, z: 0.8, radius: 0.35, headingDeg: 90 },
  ],
  start: { x: 1, z: 3.2, headingDeg: 0 },
  starts: [{ x: 1.8, z: 3.2, headingDeg: 0 }, { x: 2.6, z: 3.2, headingDeg: 0 }, { x: 3.4, z: 3.2, headingDeg: 0 }],
};
