import type { Bundle } from './types';

/**
 * Strings of the `runtime` namespace; zh-CN first. Error keys are the RuntimeErrorCode values
 * (core/runtime/types.ts); their placeholders are the params the interpreter sets on the error.
 */
export const runtime: Bundle = {
  'zh-CN': {
    divisionByZero: '不能除以 0。',
    listIndex: '列表里没有第 {{index}} 项：这个列表有 {{length}} 项（位置从 1 开始数）。',
    recursionDepth: '函数调用得太深了（超过 {{max}} 层）。是不是有个函数一直在调用自己？',
    notANumber: '这里需要一个数，但得到的是“{{value}}”。',
    notAList: '这里需要一个列表，但得到的是“{{value}}”。',
    unknownProcedure: '找不到函数“{{name}}”。',
    missingDevice: '这个积木要用{{device}}，但这个项目里没有{{device}}。',
    deviceFailed: '设备没能完成“{{op}}”：{{detail}}',
    listTooLong: '列表太长了：最多只能有 {{max}} 项。',
    internal: '运行程序时出了内部错误（不是你的错）：{{detail}}',
    'device.robot': '机器人小车',
    'device.drone': '无人机',
    'device.kit': '传感器套件',
    'device.camera': 'AI 摄像头',
    'stopped.user': '已停止',
    'stopped.stopAll': '程序执行了“全部停止”',
    'stopped.error': '程序出错，已停止',
    'stopped.finished': '程序运行完了',
    'stopped.disconnected': '设备断开了连接，程序已停止',
    'stopped.timeLimit': '到了时间限制，程序已停止',
  },
  en: {
    divisionByZero: 'You cannot divide by zero.',
    listIndex: 'There is no item {{index}} in the list: it has {{length}} items (positions start at 1).',
    recursionDepth: 'Functions called each other too deeply (more than {{max}} levels). Is a function calling itself forever?',
    notANumber: 'This needs a number, but got "{{value}}".',
    notAList: 'This needs a list, but got "{{value}}".',
    unknownProcedure: 'There is no function called "{{name}}".',
    missingDevice: 'This block needs the {{device}}, but this project has no {{device}}.',
    deviceFailed: 'The device could not do "{{op}}": {{detail}}',
    listTooLong: 'The list is too long: it can hold at most {{max}} items.',
    internal: 'Something went wrong inside the interpreter (not your fault): {{detail}}',
    'device.robot': 'robot car',
    'device.drone': 'drone',
    'device.kit': 'sensor kit',
    'device.camera': 'AI camera',
    'stopped.user': 'Stopped',
    'stopped.stopAll': 'The program ran "stop all"',
    'stopped.error': 'The program stopped because of an error',
    'stopped.finished': 'The program has finished',
    'stopped.disconnected': 'The device disconnected, so the program stopped',
    'stopped.timeLimit': 'The time limit was reached, so the program stopped',
  },
};
