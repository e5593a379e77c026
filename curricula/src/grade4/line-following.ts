/** Grade 4, unit 4: line following — one sensor (edge follower), then two sensors (a full lap). */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';
import { lineSensorsSvg } from '../assets/line-sensors';

const ARENA = 'line-track';

function oneSensor(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const body = solved
    ? b.ifElse([[b.block('robot_line_left'), [b.motors(40, 15)]]], [b.motors(15, 40)])
    : b.motors(40, 40);
  return lessonProject('robot', '一个传感器巡线 One-sensor line follower', ARENA, b, [b.whenStarted(b.forever(body, b.wait(0.01)))]);
}
function twoSensors(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const branches: [Record<string, unknown>, Record<string, unknown>[]][] = solved
    ? [[b.block('robot_line_left'), [b.motors(10, 50)]], [b.block('robot_line_right'), [b.motors(50, 10)]]]
    : [[b.block('robot_line_right'), [b.motors(50, 10)]]];
  return lessonProject('robot', '两个传感器巡线 Two-sensor line follower', ARENA, b, [b.whenStarted(b.forever(b.ifElse(branches, [b.motors(40, 40)]), b.wait(0.01)))]);
}

/**
 * The AI camera reports where the line is (-100 far left … 0 middle … 100 far right; HuskyLens line tracking).
 * The starter only knows "line on the right → turn right", so it drives straight off at the first left bend.
 */
function cameraLine(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const where = () => b.read('robot_camera_line_position');
  const right: [Record<string, unknown>, Record<string, unknown>[]] = [b.compare('>', where(), b.num(10)), [b.motors(50, 10)]];
  const branches = solved ? [[b.compare('<', where(), b.num(-10)), [b.motors(10, 50)]] as typeof right, right] : [right];
  return lessonProject('robot', 'AI 摄像头巡线 Line following with the AI camera', ARENA, b, [b.whenStarted(b.forever(b.ifElse(branches, [b.motors(40, 40)]), b.wait(0.01)))]);
}

const BLOCKS = ['control_forever', 'controls_if', 'robot_line_left', 'robot_line_right', 'robot_set_motors', 'control_wait_s'];
const CAMERA_BLOCKS = ['control_forever', 'controls_if', 'robot_camera_line_position', 'logic_compare', 'robot_set_motors', 'control_wait_s'];

export const lineFollowing: UnitSource = {
  id: 'line-following',
  grade: '4',
  order: 4,
  title: L('巡线小车', 'Line following'),
  summary: L(
    '认识巡线传感器，先用一个传感器沿着黑线的边走，再用两个传感器让小车跑完整圈赛道；最后体验 AI 摄像头怎样「看见」线。',
    'Meet the line sensors: follow the edge of the black line with one sensor, then drive a whole lap with two; then see how the AI camera "sees" the line.',
  ),
  classHours: 3,
  target: { kit: 'robot', arenaId: ARENA, hardware: ['ailab-robot', 'firmata-uno-car', 'huskylens'] },
  prerequisites: ['obstacle-rules'],
  assets: [{ name: 'line-sensors.svg', svg: lineSensorsSvg }],
  lessons: [
    {
      id: 'one-sensor',
      title: L('一个传感器：沿着线的边走', 'One sensor: follow the edge'),
      run: { arenaId: ARENA, seed: 1, seconds: 40 },
      steps: [
        {
          id: 'what-it-sees',
          title: L('巡线传感器看到什么', 'What a line sensor sees'),
          text: L(`
            小车肚子下面有两个**巡线传感器**，它们只回答一个问题：「我下面是黑线吗？」
            现在的程序只会直着开。点 **运行**：到了弯道，小车就冲出了赛道。
          `, `
            Under the robot are two **line sensors**. Each answers one question only: "Am I over the black line?"
            The program only drives straight. Press **Run**: at the curve the robot shoots off the track.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'zigzag',
          title: L('左一下，右一下', 'A little left, a little right'),
          text: L(`
            只用**左**巡线传感器：如果它在黑线上，就往右偏（左 40、右 15）；否则往左偏（左 15、右 40）。
            小车会沿着黑线的边「扭」着前进，也能拐过弯道。
          `, `
            Use only the **left** line sensor: if it is over the line, veer right (left 40, right 15); otherwise veer
            left (left 15, right 40). The robot wiggles along the edge of the line, and round the curve too.
          `),
          toolbox: BLOCKS,
          checks: ['round-the-bend', 'no-crash'],
          hints: [
            L('用「如果……否则……」积木，条件放「左巡线传感器在黑线上？」。', 'Use the "if … else …" block with "left line sensor on the line?" as its condition.'),
            L('两个电机功率不一样，小车才会转弯：左边大就往右偏。', 'The robot turns when the two powers differ: more on the left makes it veer right.'),
          ],
        },
      ],
      checks: [
        {
          id: 'round-the-bend', type: 'eventually', when: { all: [{ quantity: 'x', op: '<', value: 2.0 }, { quantity: 'z', op: '<', value: 0.7 }] }, withinS: 40,
          pass: L('小车拐过了右边的弯道，开上了上面的直道。', 'The robot got round the right-hand curve onto the top straight.'),
          fail: L('小车没能拐过右边的弯道。', 'The robot did not get round the right-hand curve.'),
        },
        { id: 'no-crash', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
      ],
      reflection: L(
        '一个传感器的小车为什么总是「扭来扭去」？如果线是白色、地是黑色，程序要怎么改？',
        'Why does the one-sensor robot keep wiggling? If the line were white on a black floor, how would you change the program?',
      ),
      starter: oneSensor('one-starter', false),
      solution: oneSensor('one-solution', true),
    },
    {
      id: 'two-sensors',
      title: L('两个传感器：跑完一整圈', 'Two sensors: a whole lap'),
      run: { arenaId: ARENA, seed: 1, seconds: 60 },
      steps: [
        {
          id: 'two-rules',
          title: L('哪边碰到线就往哪边转', 'Turn towards the sensor that sees the line'),
          text: L(`
            两个传感器跨在黑线两边。程序里已经有一条规则：**右**传感器碰到线，就往右转。
            补上另一条：**左**传感器碰到线，就往左转（左 10、右 50）。两边都没碰到，就直走。

            ![左传感器碰线就左转，都不碰就直走，右传感器碰线就右转](../../assets/line-sensors.svg)
          `, `
            The two sensors sit either side of the line. The program already has one rule: when the **right** sensor
            sees the line, turn right. Add the other: when the **left** sensor sees the line, turn left (left 10,
            right 50). When neither sees it, drive straight.

            ![Left sensor on the line: turn left; neither: straight on; right sensor on the line: turn right](../../assets/line-sensors.svg)
          `),
          toolbox: BLOCKS,
          checks: ['half-lap', 'no-crash', 'on-track'],
          hints: [
            L('点「如果」积木上的齿轮，可以加一个「否则如果」。', 'Click the gear on the "if" block to add an "else if".'),
            L('赛道一直向左拐，所以左边的规则最重要。', 'The track always bends left, so the left rule matters most.'),
          ],
        },
      ],
      checks: [
        {
          id: 'half-lap', type: 'eventually', when: { quantity: 'x', op: '<', value: 0.45 }, withinS: 60,
          pass: L('小车跑过了大半圈，到了左边的弯道。', 'The robot drove more than half a lap, to the left-hand curve.'),
          fail: L('小车没有跑到左边的弯道。', 'The robot never reached the left-hand curve.'),
        },
        { id: 'no-crash', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
        {
          id: 'on-track', type: 'never', when: { any: [{ quantity: 'z', op: '<', value: 0.35 }, { quantity: 'z', op: '>', value: 1.65 }] },
          fail: L('小车在第 {{time}} 秒离开了赛道。', 'The robot left the track at {{time}} s.'),
        },
      ],
      reflection: L(
        '两个传感器比一个好在哪里？真实的自动驾驶汽车用什么「看」车道线？',
        'What do two sensors do better than one? What do real self-driving cars use to "see" lane markings?',
      ),
      starter: twoSensors('two-starter', false),
      solution: twoSensors('two-solution', true),
    },
    {
      id: 'camera-line',
      title: L('AI 之眼看赛道', 'The AI eye sees the track'),
      run: { arenaId: ARENA, seed: 1, seconds: 60 },
      steps: [
        {
          id: 'where-is-the-line',
          title: L('线在哪儿？', 'Where is the line?'),
          text: L(`
            小车前面还有一个 **AI 摄像头**。它不只回答「是不是黑线」，还会告诉你线在画面的哪儿：
            在左边是负数（最左 -100），正中间是 0，在右边是正数（最右 100）。
            现在的程序只有一条规则：线在右边（大于 10）就往右转。点 **运行**：第一个左弯，小车就冲出去了。
          `, `
            The robot also has an **AI camera** on the front. It does more than say "line or no line": it tells you
            where the line is in the picture: on the left is negative (far left -100), the middle is 0, on the right
            is positive (far right 100). The program has one rule so far: line on the right (above 10), turn right.
            Press **Run**: at the first left bend the robot shoots off.
          `),
          toolbox: CAMERA_BLOCKS,
        },
        {
          id: 'left-rule',
          title: L('线在左边就左转', 'Line on the left: turn left'),
          text: L(`
            补上一条规则：「线的位置」**小于 -10**，就往左转（左 10、右 50）。线在中间附近，就直走。
            这就是 AI 之眼：摄像头看懂画面，程序照着规则做。
          `, `
            Add a rule: when the line position is **below -10**, turn left (left 10, right 50). When the line is near
            the middle, drive straight. That is the AI eye: the camera understands the picture, the program follows
            the rules.
          `),
          toolbox: CAMERA_BLOCKS,
          checks: ['camera-half-lap', 'no-crash', 'on-track', 'both-sides'],
          hints: [
            L('点「如果」积木上的齿轮，加一个「否则如果」，条件用「线的位置 < -10」。', 'Click the gear on the "if" block to add an "else if"; its condition is "line position < -10".'),
            L('负数是左边：-10 比 0 更靠左，-50 更左。', 'Negative means left: -10 is a little left of 0, -50 further left.'),
          ],
        },
      ],
      checks: [
        {
          id: 'camera-half-lap', type: 'eventually', when: { quantity: 'x', op: '<', value: 0.45 }, withinS: 60,
          pass: L('只用摄像头，小车就跑过了大半圈。', 'With the camera alone the robot drove more than half a lap.'),
          fail: L('小车没有跑到左边的弯道：线在左边时它还没有转。', 'The robot never reached the left-hand curve: it does not turn yet when the line is on the left.'),
        },
        { id: 'no-crash', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
        {
          id: 'on-track', type: 'never', when: { any: [{ quantity: 'z', op: '<', value: 0.35 }, { quantity: 'z', op: '>', value: 1.65 }] },
          fail: L('小车在第 {{time}} 秒离开了赛道。', 'The robot left the track at {{time}} s.'),
        },
        {
          id: 'both-sides', type: 'usesBlock', block: 'robot_camera_line_position', min: 2,
          pass: L('程序既看线在左边，也看线在右边。', 'The program looks for the line on the left and on the right.'),
          fail: L('程序只问了一次「线的位置」：左边和右边各需要一条规则。', 'The program asks for the line position only once: it needs one rule for the left and one for the right.'),
        },
      ],
      reflection: L(
        '巡线传感器和 AI 摄像头，哪个知道的更多？手机拍照时怎么找到人脸，和摄像头找线有什么像的地方？',
        'Which knows more, a line sensor or the AI camera? How is a phone camera finding faces like the robot\'s camera finding the line?',
      ),
      starter: cameraLine('cam-starter', false),
      solution: cameraLine('cam-solution', true),
    },
  ],
  teacherNotes: L(`
    # 巡线小车（3 课时）

    ## 目标
    - 知道巡线传感器只能分辨「黑 / 白」，小车靠不断判断、不断修正来沿线走（反馈控制）。
    - 会写「如果……否则如果……否则……」的多条规则。

    ## 课时安排
    **第 1 课时 一个传感器**
    - 5 分钟：蒙上眼睛用脚沿地上的胶带线走，体会「偏了就修正」。
    - 25 分钟：学生先看直走的小车冲出赛道，再写「左 / 右偏」的规则。
    - 10 分钟：试改功率（40/15 改成 40/30），讨论为什么会跑丢。

    **第 2 课时 两个传感器**
    - 5 分钟：画图讲两个传感器跨线的三种情况（左碰、右碰、都不碰）。
    - 25 分钟：补上左侧规则，跑完一圈；提前完成的同学调快速度并保证不出线。
    - 10 分钟：反思：自动驾驶用摄像头识别车道线，也是「看到偏了就修正」。

    **第 3 课时 AI 摄像头（体验识别）**
    - 10 分钟：展示 AI 视觉模块的巡线模式（或人脸、标签识别模式），屏幕上画出线的箭头；讲「线的位置」从 -100 到 100。
    - 20 分钟：学生运行起始程序，看它在左弯冲出去，再补上「小于 -10 就左转」。
    - 10 分钟：对比两种传感器：巡线传感器只知道黑 / 白，摄像头知道线在哪儿；聊聊刷脸、语音助手也是「先识别，再按规则做」。

    ## 常见错误
    - 左右功率写反：小车一碰线就往外转，直接离开赛道。
    - 循环里没有「等待 0.01 秒」：在模拟器里也能跑，但真实小车的串口会被命令塞满。
    - 速度太快（80 以上）：弯道来不及修正。
    - 摄像头那一课把 -10 写成 10：两条规则都在右边，左弯还是冲出去。让学生先说出「负数是左边」。

    ## 真实小车
    - 用 2 厘米左右的黑色电工胶布贴在白色地板革或 KT 板上；弯道半径不小于 30 厘米。
    - 巡线传感器离地 1 厘米左右；在强光下先用手机拍照看看是否有反光。
    - AI 摄像头：HuskyLens 切换到「巡线」模式，先对着胶带线学习一次；装在车头、略向下倾斜，能看到车前 10–20 厘米的线。
  `, `
    # Line following (3 class hours)

    ## Goal
    - Know that a line sensor only tells black from white, and the robot follows the line by checking and
      correcting again and again (feedback control).
    - Write several rules with "if … else if … else …".

    ## Timing
    **Hour 1 — One sensor**
    - 5 min: blindfolded, walk along a tape line feeling it with your foot: "correct when you drift".
    - 25 min: students watch the straight-driving robot leave the track, then write the veer-left/veer-right rule.
    - 10 min: try other powers (40/15 → 40/30) and discuss why the robot loses the line.

    **Hour 2 — Two sensors**
    - 5 min: draw the three cases of two sensors over a line (left sees it, right sees it, neither).
    - 25 min: add the left rule and drive a lap; early finishers speed up without leaving the track.
    - 10 min: reflection: self-driving cars find lane markings with cameras, and also correct when they drift.

    **Hour 3 — The AI camera (recognition, as experience)**
    - 10 min: show an AI vision module's line-tracking mode (or its face or tag recognition), with the line's arrow
      on its screen; explain that the line position runs from -100 to 100.
    - 20 min: students run the starter, watch it leave the track at the left bend, then add "below -10: turn left".
    - 10 min: compare the two sensors: a line sensor only knows black or white, the camera knows where the line is;
      talk about face unlock and voice assistants, which also recognise first and then follow rules.

    ## Common mistakes
    - Left and right powers swapped: the robot turns away from the line and leaves the track.
    - No "wait 0.01 s" in the loop: fine in the simulator, but it floods a real robot's serial link with commands.
    - Too fast (above 80): no time to correct in the curves.
    - In the camera lesson, 10 instead of -10: both rules look right and the robot still leaves at the left bend.
      Have students say "negative is left" first.

    ## Real robot
    - Use 2 cm black electrical tape on white vinyl flooring or foam board; keep curve radii at least 30 cm.
    - The line sensors should sit about 1 cm above the floor; under strong light take a phone photo to check for glare.
    - AI camera: put a HuskyLens in line-tracking mode and let it learn the tape line once; mount it on the front,
      tilted down a little, so it sees the line 10–20 cm ahead of the robot.
  `),
};
