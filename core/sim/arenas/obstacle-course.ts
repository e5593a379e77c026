import type { Arena } from '../arena';
import { borderWalls } from './build';

// 3 m × 1.5 m course, start zone on the west, finish zone on the east, fixed obstacles (boxes and cylinders) in
// between: drive east and steer round them with the ultrasonic sensor and the bumper. The boxes carry tags 1 and 2,
// and two figures (a person, a cat) stand by the walls, for the AI camera.
export const obstacleCourse: Arena = {
  id: 'obstacle-course',
  name: { 'zh-CN': '障碍赛道', en: 'Obstacle course' },
  description: {
    'zh-CN': '从左边的起点开到右边的终点，用超声波传感器和碰撞开关绕开路上的障碍物。',
    en: 'Drive from the start on the left to the finish on the right, steering round obstacles with the ultrasonic sensor and bumper.',
  },
  kits: ['robot'],
  width: 3,
  depth: 1.5,
  floorColour: 'white',
  lightPercent: 70,
  walls: [...borderWalls(3, 1.5), { x: 1.5, z: 0.3, w: 0.1, d: 0.6, h: 0.2 }],
  lines: [],
  zones: [
    { id: 'start', x: 0.25, z: 0.75, w: 0.4, d: 0.5, colour: 'blue', label: { 'zh-CN': '起点', en: 'Start' } },
    { id: 'finish', x: 2.75, z: 0.75, w: 0.4, d: 0.5, colour: 'green', label: { 'zh-CN': '终点', en: 'Finish' } },
  ],
  props: [
    { id: 'box-1', shape: 'cube', x: 0.9, z: 0.75, size: 0.2, colour: 'red', movable: false, tag: 1 },
    { id: 'post-1', shape: 'cylinder', x: 1.5, z: 1.1, size: 0.15, colour: 'yellow', movable: false },
    { id: 'box-2', shape: 'cube', x: 2.1, z: 0.55, size: 0.2, colour: 'red', movable: false, tag: 2 },
    { id: 'post-2', shape: 'cylinder', x: 2.3, z: 1.15, size: 0.12, colour: 'yellow', movable: false },
    // Figures along the walls, off the route, for the AI camera's object recognition.
    { id: 'figure-person', shape: 'cylinder', x: 1.2, z: 1.4, size: 0.08, colour: 'blue', movable: false, objectClass: 'person' },
    { id: 'figure-cat', shape: 'cylinder', x: 2.6, z: 0.1, size: 0.06, colour: 'black', movable: false, objectClass: 'cat' },
  ],
  rings: [],
  start: { x: 0.25, z: 0.75, headingDeg: 90 },
  starts: [{ x: 0.25, z: 0.45, headingDeg: 90 }, { x: 0.25, z: 1.05, headingDeg: 90 }, { x: 0.25, z: 1.3, headingDeg: 90 }],
};
