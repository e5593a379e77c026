import type { Bundle } from './types';

/**
 * Strings of the `kitline` namespace: the AI-lab sensor kit on our firmware's sensor-kit mode (firmware-bridge/line,
 * kit-session.ts) and how an `ailab:` connection tells a kit from a robot; zh-CN first. `error.*` reach the student
 * as the detail of a device error or a failed connect; `state.ready` is the connection line; `run.*` the CLI.
 */
export const kitline: Bundle = {
  'zh-CN': {
    'error.noAnswer': '{{address}} 上的传感器套件没有回应。请确认：数据线已插好，并且板子上装的是 AI 实验室传感器套件固件。',
    'error.wrongFirmware': '{{address}} 上的传感器套件固件版本不对（板上是 {{found}}，需要 {{wanted}}）。请给它刷写新的固件。',
    'error.notOurFirmware': '{{address}} 上的板子装的不是 AI 实验室传感器套件固件（它回答：{{banner}}）。',
    'error.timeout': '传感器套件 {{seconds}} 秒内没有回应“{{command}}”（可能断开了连接）',
    'error.refused': '传感器套件拒绝了“{{command}}”（错误代码 {{code}}）',
    'error.closed': '与传感器套件的连接已经关闭',
    'error.lost': '与传感器套件失去联系（{{seconds}} 秒没有任何回应）。请检查数据线。',
    'error.isKit': '{{path}} 上接的是 AI 实验室传感器套件，不是机器人。这个项目是为机器人写的。',
    'error.isRobot': '{{path}} 上接的是 AI 实验室机器人，不是传感器套件。这个项目是为传感器套件写的。',
    'error.changedKind': '{{path}} 上重新插上的板子换了：原来是{{was}}，现在是{{now}}。请重新连接。',
    'kind.robot': '机器人',
    'kind.sensorkit': '传感器套件',
    'state.ready': '已连接：{{path}} 上的 AI 实验室传感器套件（固件 {{version}}，{{board}}）',
    'state.handshake': '正在和 {{path}} 上的板子握手…',
    'error.unplugged': '{{path}} 上的传感器套件被拔掉了：程序已停止，套件的灯会自己熄灭。重新插上数据线后会自动重新连接。',
    'run.kitLine': '传感器套件：温度 {{temperature}} °C，湿度 {{humidity}}%，光线 {{light}}%，声音 {{sound}}%，旋钮 {{knob}}%，看门狗关灯 {{trips}} 次',
  },
  en: {
    'error.noAnswer': 'The sensor kit at {{address}} did not answer. Check that the cable is plugged in and the board runs the AI-lab sensor-kit firmware.',
    'error.wrongFirmware': 'The sensor kit at {{address}} has the wrong firmware version (the board has {{found}}, this app needs {{wanted}}). Please flash the new firmware to it.',
    'error.notOurFirmware': 'The board at {{address}} does not run the AI-lab sensor-kit firmware (it answered: {{banner}}).',
    'error.timeout': 'The sensor kit did not answer "{{command}}" within {{seconds}} s (connection lost?)',
    'error.refused': 'The sensor kit refused "{{command}}" (error code {{code}})',
    'error.closed': 'The connection to the sensor kit is closed',
    'error.lost': 'Lost contact with the sensor kit (no answer for {{seconds}} s). Check the cable.',
    'error.isKit': 'The board at {{path}} is an AI-lab sensor kit, not a robot. This project is written for the robot.',
    'error.isRobot': 'The board at {{path}} is an AI-lab robot, not a sensor kit. This project is written for the sensor kit.',
    'error.changedKind': 'The board plugged back in at {{path}} is a different one: it was a {{was}}, now it is a {{now}}. Please connect again.',
    'kind.robot': 'robot',
    'kind.sensorkit': 'sensor kit',
    'state.ready': 'Connected: AI-lab sensor kit at {{path}} (firmware {{version}}, {{board}})',
    'state.handshake': 'Shaking hands with the board at {{path}}…',
    'error.unplugged': 'The sensor kit at {{path}} was unplugged: program stopped, the kit turns its light off by itself. Plug the cable back in and it reconnects by itself.',
    'run.kitLine': 'Sensor kit: temperature {{temperature}} °C, humidity {{humidity}} %, light {{light}} %, sound {{sound}} %, knob {{knob}} %, watchdog LED-offs {{trips}}',
  },
};
