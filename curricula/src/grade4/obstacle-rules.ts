/** Grade 4, unit 3: obstacle avoidance with rules (if near → stop/turn, else → go). */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';

function stopStarter() {
  const b = new Blocks('stop-starter');
  return lessonProject('robot', '在墙前停下 Stop before the wall', 'open-floor', b, [b.whenStarted(b.led('#00ff00'), b.motors(40, 40), b.wait(10), b.stop())]);
}
function stopSolution() {
  const b = new Blocks('stop-solution');
  const near = b.compare('<', b.read('robot_distance_cm'), b.num(20));
  return lessonProject('robot', '在墙前停下 Stop before the wall', 'open-floor', b, [b.whenStarted(b.led('#00ff00'), b.motors(40, 40), b.waitUntil(near), b.stop(), b.led('#ff0000'))]);
}
function patrol(prefix: string, withRule: boolean) {
  const b = new Blocks(prefix);
  const near = b.compare('<', b.read('robot_distance_cm'), b.num(20));
  const rule = withRule
    ? b.ifElse([[near, [b.led('#ff0000'), b.drive('back', 5, 40), b.turn('right', 90, 40)]]], [b.led('#00ff00'), b.motors(40, 40)])
    : b.ifElse([[near, []]], [b.led('#00ff00'), b.motors(40, 40)]);
  return lessonProject('robot', '避障巡逻 Obstacle patrol', 'obstacle-course', b, [b.whenStarted(b.forever(rule, b.wait(0.02)))]);
}

const STOP_BLOCKS = ['robot_set_motors', 'control_wait_s', 'robot_stop', 'control_wait_until', 'logic_compare', 'robot_distance_cm', 'looks_set_led'];
const RULE_BLOCKS = ['control_forever', 'controls_if', 'logic_compare', 'robot_distance_cm', 'robot_set_motors', 'robot_drive_cm', 'robot_turn_deg', 'looks_set_led', 'control_wait_s'];

export const obstacleRules: UnitSource = {
  id: 'obstacle-rules',
  grade: '4',
  order: 3,
  title: L('用规则避开障碍', 'Avoiding obstacles with rules'),
  summary: L(
    '让小车在墙前停下，再用「如果……就……否则……」的规则绕开障碍物，在障碍赛道上安全巡逻。',
    'Stop the robot before a wall, then use "if … then … else …" rules to steer round obstacles and patrol the obstacle course safely.',
  ),
  classHours: 2,
  target: { kit: 'robot', arenaId: 'obstacle-course', hardware: ['ailab-robot', 'firmata-uno-car'] },
  prerequisites: ['first-program'],
  lessons: [
    {
      id: 'stop-before-wall',
      title: L('在墙前停下', 'Stop before the wall'),
      run: { arenaId: 'open-floor', seed: 1, seconds: 15 },
      steps: [
        {
          id: 'crash',
          title: L('小车会撞墙', 'The robot crashes'),
          text: L(`
            现在的程序让小车开 10 秒再停。点 **运行**：10 秒太长了，小车撞上了墙。
            可是墙有时远、有时近，怎样才能让它**看到**墙就停下？
          `, `
            The program drives for 10 seconds, then stops. Press **Run**: 10 seconds is too long, the robot hits the wall.
            But a wall may be far or near: how can the robot stop when it **sees** the wall?
          `),
          toolbox: STOP_BLOCKS,
        },
        {
          id: 'wait-until',
          title: L('等到离墙很近', 'Wait until the wall is close'),
          text: L(`
            把「等待 10 秒」换成「等待直到 前方距离 < 20」，然后「停止电机」，再把彩灯设为**红色**。
            小车会一边开一边看，距离变小到 20 厘米以内就停下来。
          `, `
            Replace "wait 10 seconds" with "wait until distance ahead < 20", keep "stop motors", then set the LED to **red**.
            The robot keeps looking while it drives and stops once the distance drops below 20 cm.
          `),
          toolbox: STOP_BLOCKS,
          checks: ['got-close', 'no-crash', 'red-at-wall'],
          hints: [
            L('「前方距离」在「侦测」里，「<」比较积木在「运算」里。', '"distance ahead" is in Sensing; the "<" compare block is in Operators.'),
            L('顺序是：开动 → 等待直到 → 停止 → 红灯。', 'The order is: start motors → wait until → stop → red LED.'),
          ],
        },
      ],
      checks: [
        { id: 'got-close', type: 'eventually', when: { quantity: 'distanceCm', op: '<', value: 30 } },
        {
          id: 'no-crash', type: 'never', when: { quantity: 'wallContact', op: '==', value: true },
          fail: L('小车在第 {{time}} 秒撞到了墙。', 'The robot hit the wall at {{time}} s.'),
        },
        { id: 'red-at-wall', type: 'eventually', when: { all: [{ quantity: 'led', op: '==', value: '#ff0000' }, { quantity: 'distanceCm', op: '<', value: 30 }] } },
      ],
      reflection: L(
        '如果把 20 改成 5，小车还能及时停下吗？真实的汽车刹车时为什么要留出距离？',
        'If you change 20 to 5, can the robot still stop in time? Why do real cars need room to brake?',
      ),
      starter: stopStarter(),
      solution: stopSolution(),
    },
    {
      id: 'patrol',
      title: L('避障巡逻', 'Obstacle patrol'),
      run: { arenaId: 'obstacle-course', seed: 1, seconds: 40 },
      steps: [
        {
          id: 'two-rules',
          title: L('两条规则', 'Two rules'),
          text: L(`
            巡逻小车要一直开，又不能撞到障碍物。它只需要记住两条规则：

            - **规则 1**：如果前方距离 < 20 厘米，就亮红灯、后退一点、向右转 90 度。
            - **规则 2**：否则，亮绿灯、向前开。
          `, `
            A patrol robot keeps driving but must never hit anything. It only needs two rules:

            - **Rule 1**: if the distance ahead is below 20 cm, light red, back up a little and turn right 90 degrees.
            - **Rule 2**: otherwise, light green and drive forward.
          `),
          toolbox: RULE_BLOCKS,
        },
        {
          id: 'write-rule-one',
          title: L('写出规则 1', 'Write rule 1'),
          text: L(`
            程序里规则 2 已经写好了，「如果」下面还是空的。把规则 1 的三块积木放进去：红灯、后退 5 厘米、右转 90 度。
            运行 40 秒，小车要绕过障碍物，开过赛道中间的那堵墙，而且一次也不能碰到东西。
          `, `
            Rule 2 is already in the program; the gap under "if" is still empty. Put rule 1's three blocks there: red
            LED, drive back 5 cm, turn right 90 degrees. In a 40-second run the robot must get round the obstacles, past
            the wall in the middle of the course, without touching anything once.
          `),
          toolbox: RULE_BLOCKS,
          checks: ['never-touch', 'red-when-near', 'explores'],
          hints: [
            L('三块积木都放在「如果」的缺口里，按顺序：红灯、后退、右转。', 'All three blocks go in the "if" gap, in order: red LED, back up, turn right.'),
            L('后退是「向后行驶 5 厘米」。', 'Backing up is "drive back 5 cm".'),
          ],
        },
      ],
      checks: [
        { id: 'never-touch', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
        {
          id: 'red-when-near', type: 'whenever', if: { quantity: 'distanceCm', op: '<', value: 20 }, then: { quantity: 'led', op: '==', value: '#ff0000' }, graceMs: 200,
        },
        {
          id: 'explores', type: 'eventually', when: { quantity: 'x', op: '>', value: 1.05 },
          pass: L('小车绕过了第一个障碍物，开到了赛道中间。', 'The robot got round the first obstacle to the middle of the course.'),
          fail: L('小车没有开到赛道中间。', 'The robot never reached the middle of the course.'),
        },
      ],
      reflection: L(
        '只用「遇到障碍就右转」这一条规则，小车有时会在角落里绕圈子。你能想出一条新规则让它走得更好吗？',
        'With only "turn right at an obstacle", the robot sometimes circles in a corner. Can you think of a new rule that does better?',
      ),
      starter: patrol('patrol-starter', false),
      solution: patrol('patrol-solution', true),
    },
  ],
  teacherNotes: L(`
    # 用规则避开障碍（2 课时）

    ## 目标
    - 会用「等待直到」让小车根据传感器停下；理解「规则 = 条件 + 动作」。
    - 用「如果……就……否则……」写出避障规则，体会早期人工智能（专家系统）就是很多条这样的规则。

    ## 课时安排
    **第 1 课时 在墙前停下**
    - 5 分钟：讨论：汽车的倒车雷达是怎么提醒司机的？
    - 25 分钟：学生完成「等待直到 → 停止 → 红灯」，试试不同的距离（10、20、40）。
    - 10 分钟：反思：刹车距离与速度的关系（速度 80 时再试 20 厘米）。

    **第 2 课时 避障巡逻**
    - 5 分钟：全班一起用口令写规则：「如果前面有人，就……；否则……」。
    - 25 分钟：学生补全规则 1，运行 40 秒观察小车的路线。
    - 10 分钟：挑战：修改规则让小车开到右边的绿色终点（例如遇到障碍先右转、开一段、再左转回来）。

    ## 常见错误
    - 把「停止电机」放在「等待直到」前面：小车一开就停。
    - 「<」写成「>」：小车一开始就停（距离大于 20）。
    - 巡逻程序里忘了「重复执行」：规则只判断了一次。
    - 转弯角度太小（30 度）：小车擦着障碍物，碰到了。

    ## 真实小车
    - 超声波对斜面和细杆子（椅子腿）会测不准，真实场地最好用纸箱当障碍物。
    - 真实小车刹车有惯性，距离阈值要比模拟器大一些（25–30 厘米）。
  `, `
    # Avoiding obstacles with rules (2 class hours)

    ## Goal
    - Use "wait until" to stop the robot from a sensor reading; see a rule as "condition + action".
    - Write an avoidance rule with "if … then … else …", and see that early AI (expert systems) was many such rules.

    ## Timing
    **Hour 1 — Stop before the wall**
    - 5 min: talk: how does a car's parking sensor warn the driver?
    - 25 min: students build "wait until → stop → red LED" and try other distances (10, 20, 40).
    - 10 min: reflection: braking distance and speed (try 20 cm at speed 80).

    **Hour 2 — Obstacle patrol**
    - 5 min: the class writes rules aloud: "if someone is in front of you, then …; else …".
    - 25 min: students complete rule 1 and watch the robot's route over 40 s.
    - 10 min: challenge: change the rules so the robot reaches the green finish on the right (e.g. at an obstacle
      turn right, drive a bit, turn left again).

    ## Common mistakes
    - "stop motors" before "wait until": the robot stops at once.
    - "<" swapped for ">": the robot stops at the start (the distance is above 20).
    - No "forever" in the patrol program: the rules are checked only once.
    - Turning too little (30 degrees): the robot scrapes the obstacle.

    ## Real robot
    - Ultrasound misjudges slanted surfaces and thin rods (chair legs); use cardboard boxes as obstacles.
    - A real robot rolls on after braking, so use a larger threshold than in the simulator (25–30 cm).
  `),
};
