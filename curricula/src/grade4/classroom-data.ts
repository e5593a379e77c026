/** Grade 4, unit 8: data about our classroom — log temperature readings with the sensor kit, find the highest, alarm. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';

const ARENA = 'open-floor';
const RED = '#ff0000';
const GREEN = '#00ff00';

function logger(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const temperature = () => b.read('kit_temperature_c');
  const body = solved
    ? [b.set('t', temperature()), b.print(b.get('t')), b.ifElse([[b.compare('>', b.get('t'), b.get('highest')), [b.set('highest', b.get('t'))]]]), b.wait(1)]
    : [b.print(temperature()), b.wait(1)];
  const start = solved ? [b.set('highest', b.num(-100))] : [];
  const end = solved ? [b.show(b.get('highest'))] : [];
  return lessonProject('sensorkit', '教室温度记录 Classroom temperature log', ARENA, b, [b.whenStarted(...start, b.repeat(10, ...body), ...end)]);
}
function alarm(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const hot = b.compare('>', b.read('kit_temperature_c'), b.num(30));
  const check = b.ifElse([[hot, [b.led(RED)]]], solved ? [b.led(GREEN)] : undefined);
  return lessonProject('sensorkit', '高温提醒 Heat alarm', ARENA, b, [b.whenStarted(b.forever(check, b.wait(0.5)))]);
}

const LOG_BLOCKS = ['controls_repeat_ext', 'kit_temperature_c', 'text_print', 'control_wait_s', 'variables_set', 'variables_get', 'controls_if', 'logic_compare', 'looks_show_text'];
const ALARM_BLOCKS = ['control_forever', 'controls_if', 'logic_compare', 'kit_temperature_c', 'looks_set_led', 'control_wait_s'];

export const classroomData: UnitSource = {
  id: 'classroom-data',
  grade: '4',
  order: 8,
  title: L('我们教室的数据', 'Data about our classroom'),
  summary: L(
    '用传感器套件每秒记录一次教室温度，从数据里找出最高温度；再做一个「太热就亮红灯」的提醒器。',
    'Log the classroom temperature every second with the sensor kit and find the highest value in the data; then build a "too hot → red light" reminder.',
  ),
  classHours: 2,
  target: { kit: 'sensorkit', arenaId: ARENA, hardware: ['firmata-uno-sensorkit'] },
  prerequisites: ['obstacle-rules'],
  lessons: [
    {
      id: 'temperature-log',
      title: L('温度记录员', 'The temperature logger'),
      // The classroom warms up while the program logs: 20 °C, then 22, 24 and 26 °C (the sun comes in).
      run: {
        arenaId: ARENA, seed: 1, seconds: 15,
        kitInputs: [
          { atS: 0, input: 'temperatureC', value: 20 }, { atS: 3, input: 'temperatureC', value: 22 },
          { atS: 6, input: 'temperatureC', value: 24 }, { atS: 8.5, input: 'temperatureC', value: 26 },
        ],
      },
      steps: [
        {
          id: 'collect',
          title: L('每秒记一次', 'One reading a second'),
          text: L(`
            **数据**就是记下来的观察结果。程序每秒读一次温度，一共读 10 次，打印在下面的记录区里。
            点 **运行**，看看这 10 个数：教室是在变热还是变冷？把它们画成折线图就看得更清楚。
          `, `
            **Data** are observations written down. The program reads the temperature once a second, 10 times, and
            prints each reading in the log below. Press **Run** and look at the 10 numbers: is the room warming up or
            cooling down? Drawn as a line chart, it is easier to see.
          `),
          toolbox: LOG_BLOCKS,
        },
        {
          id: 'highest',
          title: L('找出最高温度', 'Find the highest temperature'),
          text: L(`
            让程序自己找出最高温度：先「设 highest 为 -100」；每读一次，把读数存进变量 t，**如果 t > highest，就设 highest 为 t**。
            读完 10 次后，屏幕显示 highest。这和你看折线图找最高点是一样的道理。
          `, `
            Let the program find the highest temperature itself: first "set highest to -100"; at each reading store it in
            the variable t, and **if t > highest, set highest to t**. After 10 readings, show highest on the screen.
            It is just what you do when you look for the top of a line chart.
          `),
          toolbox: LOG_BLOCKS,
          checks: ['found-highest', 'reads-sensor'],
          hints: [
            L('highest 一开始要很小（-100），这样第一个读数一定比它大。', 'highest must start very small (-100), so the first reading is bigger.'),
            L('「如果」要放在「重复 10 次」里面，每读一次就比一次。', 'The "if" goes inside "repeat 10 times", so every reading is compared.'),
          ],
        },
      ],
      checks: [
        {
          id: 'found-highest', type: 'variableEquals', name: 'highest', value: 26, tolerance: 0.3,
          pass: L('找到了最高温度：26 ℃ 左右。', 'Found the highest temperature: about 26 °C.'),
          fail: L('变量 highest 不是最高的温度（应该是 26 ℃ 左右）。', 'The variable highest is not the highest temperature (it should be about 26 °C).'),
        },
        { id: 'reads-sensor', type: 'usesBlock', block: 'kit_temperature_c' },
      ],
      reflection: L(
        '如果只在早上 8 点量一次温度，能知道教室一天里最热是什么时候吗？为什么要多记几次？',
        'If you measured the temperature only once, at 8 in the morning, would you know when the room is hottest? Why take many readings?',
      ),
      starter: logger('log-starter', false),
      solution: logger('log-solution', true),
    },
    {
      id: 'heat-alarm',
      title: L('高温提醒器', 'The heat alarm'),
      // Warm, hot, cooler, hot again.
      run: {
        arenaId: ARENA, seed: 1, seconds: 16,
        kitInputs: [
          { atS: 0, input: 'temperatureC', value: 25 }, { atS: 4, input: 'temperatureC', value: 32 },
          { atS: 8, input: 'temperatureC', value: 27 }, { atS: 12, input: 'temperatureC', value: 33 },
        ],
      },
      steps: [
        {
          id: 'stuck-red',
          title: L('红灯不会灭', 'The red light never goes out'),
          text: L(`
            程序一直在看温度：超过 30 ℃ 就亮红灯。点 **运行**（检查时温度会先升高、再降下来、再升高）。
            温度降下来以后，红灯还亮着——程序只说了热的时候做什么，没说不热的时候做什么。
          `, `
            The program keeps watching the temperature: above 30 °C it lights red. Press **Run** (during the check the
            temperature rises, falls and rises again). After it cools down the LED stays red: the program only says
            what to do when it is hot, not when it is not.
          `),
          toolbox: ALARM_BLOCKS,
        },
        {
          id: 'else-green',
          title: L('否则亮绿灯', 'Otherwise, green'),
          text: L(`
            点「如果」的齿轮加上「否则」，在里面放「把彩灯设为绿色」。现在温度正常时亮绿灯，太热时亮红灯。
          `, `
            Click the gear on "if" to add "else", and put "set LED to green" in it. Now the LED is green when the
            temperature is fine and red when it is too hot.
          `),
          toolbox: ALARM_BLOCKS,
          checks: ['red-when-hot', 'green-when-fine'],
          hints: [L('「否则」的意思是：上面的条件不成立的时候。', '"else" means: when the condition above is not true.')],
        },
      ],
      checks: [
        {
          id: 'red-when-hot', type: 'whenever', if: { quantity: 'temperatureC', op: '>', value: 30.5 }, then: { quantity: 'kitLed', op: '==', value: RED }, graceMs: 700,
        },
        {
          id: 'green-when-fine', type: 'whenever', if: { quantity: 'temperatureC', op: '<', value: 29.5 }, then: { quantity: 'kitLed', op: '==', value: GREEN }, graceMs: 700,
          fail: L('温度正常的时候，灯不是绿色。', 'The LED was not green while the temperature was fine.'),
        },
      ],
      reflection: L(
        '学校想在每间教室装温度传感器，自动开关空调。这些数据还能帮我们发现什么？谁可以看这些数据？',
        'The school wants temperature sensors in every classroom to switch the air conditioning. What else could the data tell us? Who should be allowed to see it?',
      ),
      starter: alarm('alarm-starter', false),
      solution: alarm('alarm-solution', true),
    },
  ],
  teacherNotes: L(`
    # 我们教室的数据（2 课时）

    ## 目标
    - 知道数据是记录下来的观察结果；会用程序定时采集数据，从数据里找最大值，读懂温度随时间变化的折线图。
    - 会用「如果……否则……」根据数据做出提醒。

    ## 课时安排
    **第 1 课时 温度记录员**
    - 5 分钟：课前请学生记录早上、中午的温度，引出「每秒记一次交给机器做」。
    - 10 分钟：运行起始程序，把 10 个读数抄在表格里，在方格纸上画折线图。
    - 20 分钟：学生写「找最高温度」，检查通过后比较：程序找到的和自己在图上找到的一样吗？
    - 5 分钟：反思：为什么要多次测量。

    **第 2 课时 高温提醒器**
    - 5 分钟：运行起始程序，观察「红灯不会灭」。
    - 20 分钟：加上「否则」；改用光线传感器做「太暗就开灯」的提醒（扩展）。
    - 15 分钟：讨论数据用途和隐私：温度数据和摄像头数据有什么不同？谁能看？

    ## 常见错误
    - highest 的初始值设为 0：冬天 0 ℃ 以下时会出错；引导学生想「开始时应该多小」。
    - 「设 highest 为 t」放在「如果」外面：highest 变成最后一个读数。
    - 循环里没有「等待」：10 次读数在一瞬间读完，数都一样。

    ## 真实传感器套件
    - 温湿度模块（如 DHT11）每秒最多读一次，程序里至少等待 1 秒；读数比模拟器慢一点、粗一点（整数）。
    - 用手捂住传感器或用吹风机远距离吹一下，就能看到温度上升；注意安全，不要加热到 50 ℃ 以上。
    - 没有套件时，在模拟器的传感器面板上拖动温度滑块，效果相同。
  `, `
    # Data about our classroom (2 class hours)

    ## Goal
    - Know that data are recorded observations; log data on a timer with a program, find the largest value, and
      read a line chart of temperature over time.
    - Use "if … else …" to give a reminder based on data.

    ## Timing
    **Hour 1 — The temperature logger**
    - 5 min: students noted the temperature in the morning and at noon; "let the machine take a reading every second".
    - 10 min: run the starter, copy the 10 readings into a table and draw a line chart on squared paper.
    - 20 min: students write "find the highest temperature"; once it passes, compare it with the top of their chart.
    - 5 min: reflection: why measure many times.

    **Hour 2 — The heat alarm**
    - 5 min: run the starter and notice that the red light never goes out.
    - 20 min: add the "else"; extension: a "too dark → light on" reminder with the light sensor.
    - 15 min: talk about data use and privacy: how is temperature data different from camera data? Who may see it?

    ## Common mistakes
    - highest starts at 0: wrong below 0 °C in winter; ask "how small must it start?".
    - "set highest to t" outside the "if": highest ends as the last reading.
    - No "wait" in the loop: the 10 readings happen in an instant and are all the same.

    ## Real sensor kit
    - A temperature/humidity module (such as a DHT11) reads at most once a second, so wait at least 1 s; its readings
      are slower and coarser (whole degrees) than the simulator's.
    - Cup the sensor in your hands, or blow warm air from a hair dryer held well away, to see the temperature rise;
      never heat it above 50 °C.
    - Without a kit, drag the temperature slider in the simulator's sensor panel; it works the same.
  `),
};
