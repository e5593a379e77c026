import type { Bundle } from './types';

/** Strings of the code view's generated text (the header comment); zh-CN first. */
export const codegen: Bundle = {
  'zh-CN': {
    header: 'AI 实验室 · {{kit}} · 由积木生成的 {{language}} 代码（只读）',
    'kit.robot': '机器人小车',
    'kit.drone': '无人机',
    'kit.sensorkit': '传感器套件',
  },
  en: {
    header: 'AI Lab Studio · {{kit}} · {{language}} view of the blocks (read-only)',
    'kit.robot': 'robot car',
    'kit.drone': 'drone',
    'kit.sensorkit': 'sensor kit',
  },
};
