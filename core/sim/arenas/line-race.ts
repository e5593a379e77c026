import type { Arena } from '../arena';
import { lineTrack } from './line-track';

// The line track as a race course (club unit "timed line-follow race"): same loop, start and walls, plus a yellow
// checkpoint on the top straight and a red finish strip 20 cm behind the start, so the finish is only reached after a
// whole lap (about 5.9 m of tape).
export const lineRace: Arena = {
  ...lineTrack,
  id: 'line-race',
  name: { 'zh-CN': '巡线竞速赛道', en: 'Line race track' },
  description: {
    'zh-CN': '巡线赛道加上检查点和终点线：从起点出发，经过黄色检查点，跑完一整圈冲过红色终点线，越快越好。',
    en: 'The line track with a checkpoint and a finish line: from the start, pass the yellow checkpoint and complete a whole lap across the red finish line, as fast as you can.',
  },
  zones: [
    { id: 'checkpoint', x: 1.5, z: 0.5, w: 0.06, d: 0.3, colour: 'yellow', label: { 'zh-CN': '检查点', en: 'Checkpoint' } },
    { id: 'finish', x: 1.0, z: 1.5, w: 0.06, d: 0.3, colour: 'red', label: { 'zh-CN': '终点线', en: 'Finish line' } },
  ],
};
