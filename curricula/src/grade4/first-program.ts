/** Grade 4, unit 2: the first program — drive a set distance, then a square with a repeat loop. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';

const ARENA = 'open-floor';

function driveStarter() {
  const b = new Blocks('drive-starter');
  return lessonProject('robot', '第一个程序 First program', ARENA, b, [b.whenStarted(b.drive('forward', 30))]);
}
function driveSolution() {
  const b = new Blocks('drive-solution');
  return lessonProject('robot', '第一个程序 First program', ARENA, b, [b.whenStarted(b.led('#00ff00'), b.drive('forward', 100), b.led('#ff0000'))]);
}
function squareStarter() {
  const b = new Blocks('square-starter');
  return lessonProject('robot', '走正方形 Square', ARENA, b, [b.whenStarted(b.repeat(4, b.drive('forward', 40)))]);
}
function squareSolution() {
  const b = new Blocks('square-solution');
  return lessonProject('robot', '走正方形 Square', ARENA, b, [b.whenStarted(b.repeat(4, b.drive('forward', 40), b.turn('right', 90)), b.led('#0000ff'))]);
}

const DRIVE_BLOCKS = ['robot_drive_cm', 'looks_set_led'];

export const firstProgram: UnitSource = {
  id: 'first-program',
  grade: '4',
  order: 2,
  title: L('第一个程序：让小车走起来', 'First program: make the robot move'),
  summary: L(
    '用「行驶」「转弯」积木给小车下命令，再用「重复」让小车走出一个正方形。',
    'Give the robot commands with the drive and turn blocks, then use repeat to drive a square.',
  ),
  classHours: 2,
  target: { kit: 'robot', arenaId: ARENA, hardware: ['ailab-robot', 'firmata-uno-car'] },
  prerequisites: ['ai-around-us'],
  lessons: [
    {
      id: 'drive-to-wall',
      title: L('开到墙边', 'Drive to the wall'),
      run: { arenaId: ARENA, seed: 1, seconds: 15 },
      steps: [
        {
          id: 'run-it',
          title: L('先运行一次', 'Run it once'),
          text: L(`
            程序已经有一块积木：**向前行驶 30 厘米**。点 **运行**，看小车走了多远。
            程序就是一条一条的命令，小车会**按顺序**一条一条地做。
          `, `
            The program already has one block: **drive forward 30 cm**. Press **Run** and watch how far the robot goes.
            A program is a list of commands, and the robot does them **in order**, one after another.
          `),
          toolbox: DRIVE_BLOCKS,
        },
        {
          id: 'go-far',
          title: L('开到墙边，但别撞上', 'Reach the wall without touching it'),
          text: L(`
            小车离前面的墙大约 150 厘米。改一改数字，让小车开到离墙不到 60 厘米的地方，**但不能撞墙**。
            出发前把彩灯设为**绿色**，到了以后设为**红色**。
          `, `
            The wall ahead is about 150 cm away. Change the number so the robot gets within 60 cm of the wall,
            **without touching it**. Set the LED to **green** before it starts and **red** when it arrives.
          `),
          toolbox: DRIVE_BLOCKS,
          checks: ['near-wall', 'no-crash', 'green-light', 'red-light'],
          hints: [
            L('试试把 30 改成更大的数，比如 100。', 'Try a bigger number than 30, such as 100.'),
            L('墙在 150 厘米外：开 150 厘米以上就会撞墙。', 'The wall is 150 cm away: driving 150 cm or more hits it.'),
            L('「把彩灯设为」积木放在行驶积木的前面和后面各一块。', 'Put one "set LED to" block before the drive block and one after it.'),
          ],
        },
      ],
      checks: [
        {
          id: 'near-wall', type: 'eventually', when: { quantity: 'z', op: '<', value: 0.675 },
          pass: L('小车开到了墙附近。', 'The robot got close to the wall.'),
          fail: L('小车离墙还很远，再开远一点。', 'The robot is still far from the wall: drive further.'),
        },
        { id: 'no-crash', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
        { id: 'green-light', type: 'eventually', when: { quantity: 'led', op: '==', value: '#00ff00' } },
        { id: 'red-light', type: 'eventually', when: { all: [{ quantity: 'led', op: '==', value: '#ff0000' }, { quantity: 'z', op: '<', value: 0.675 }] } },
      ],
      reflection: L(
        '如果把「向前行驶」和「把彩灯设为红色」两块积木换个顺序，会发生什么？为什么顺序很重要？',
        'What happens if you swap "drive forward" and "set LED to red"? Why does the order matter?',
      ),
      starter: driveStarter(),
      solution: driveSolution(),
    },
    {
      id: 'square',
      title: L('走一个正方形', 'Drive a square'),
      run: { arenaId: ARENA, seed: 1, seconds: 30 },
      steps: [
        {
          id: 'one-side',
          title: L('一条边加一个拐角', 'One side and one corner'),
          text: L(`
            正方形有 4 条一样长的边和 4 个一样的拐角。走一条边是「向前行驶 40 厘米」，拐一个角是「向右转 90 度」。
            先运行现在的程序：小车为什么一直往前开？
          `, `
            A square has 4 equal sides and 4 equal corners. One side is "drive forward 40 cm", one corner is
            "turn right 90 degrees". Run the program as it is: why does the robot keep going straight?
          `),
          toolbox: ['robot_drive_cm', 'robot_turn_deg', 'controls_repeat_ext', 'looks_set_led'],
        },
        {
          id: 'repeat-four',
          title: L('重复 4 次', 'Repeat 4 times'),
          text: L(`
            把「向右转 90 度」放进「重复 4 次」里面，放在行驶积木的下面。
            这样 **只用一块行驶积木**，小车就能走完整个正方形。会用「重复」的程序又短又不容易出错。
          `, `
            Put "turn right 90 degrees" inside "repeat 4 times", under the drive block.
            Now **one drive block** is enough for the whole square. Programs with repeat are shorter and make fewer mistakes.
          `),
          toolbox: ['robot_drive_cm', 'robot_turn_deg', 'controls_repeat_ext', 'looks_set_led'],
          checks: ['uses-repeat', 'one-drive-block', 'far-corner', 'back-corner', 'no-crash'],
          hints: [
            L('转弯积木要放在「重复」的里面，不是外面。', 'The turn block goes inside the repeat, not outside it.'),
            L('拐角是 90 度：正方形的每个角都是直角。', 'A corner is 90 degrees: every corner of a square is a right angle.'),
          ],
        },
      ],
      checks: [
        { id: 'uses-repeat', type: 'usesBlock', block: 'controls_repeat_ext' },
        {
          id: 'one-drive-block', type: 'usesBlock', block: 'robot_drive_cm', min: 1, max: 1,
          pass: L('只用了一块行驶积木，真简洁！', 'Only one drive block: nice and short!'),
          fail: L('用「重复」代替抄写：只留一块行驶积木。', 'Let repeat do the copying: keep only one drive block.'),
        },
        {
          id: 'far-corner', type: 'eventually', when: { all: [{ quantity: 'x', op: '>', value: 1.3 }, { quantity: 'z', op: '<', value: 1.3 }] },
          fail: L('小车没有拐到正方形的第二个角。', 'The robot never reached the second corner of the square.'),
        },
        {
          id: 'back-corner', type: 'eventually', when: { all: [{ quantity: 'x', op: '>', value: 1.3 }, { quantity: 'z', op: '>', value: 1.5 }] },
          fail: L('小车没有走到正方形的第三个角。', 'The robot never reached the third corner of the square.'),
        },
        { id: 'no-crash', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
      ],
      reflection: L(
        '想走一个三角形，要重复几次？每次转多少度？（提示：转一圈是 360 度。）',
        'To drive a triangle, how many times do you repeat, and how far do you turn each time? (Hint: a full turn is 360 degrees.)',
      ),
      starter: squareStarter(),
      solution: squareSolution(),
    },
  ],
  teacherNotes: L(`
    # 第一个程序：让小车走起来（2 课时）

    ## 目标
    - 知道程序是按顺序执行的命令；会改积木里的数字（距离、角度、速度）。
    - 会用「重复 N 次」代替重复抄写积木，体会「算法」就是解决问题的步骤。

    ## 课时安排
    **第 1 课时 开到墙边**
    - 5 分钟：请一位同学当「机器人」，全班用口令让他走到门口（只许说「前进几步」「左转」「右转」）。
    - 10 分钟：演示运行、停止、重置；学生运行起始程序。
    - 20 分钟：学生改距离、加彩灯，点「检查」。
    - 5 分钟：交流反思问题：顺序为什么重要。

    **第 2 课时 走正方形**
    - 5 分钟：在地上用胶带贴一个 40 厘米的正方形，让学生走一遍，数「走几步、转几次」。
    - 25 分钟：学生用「重复 4 次」完成正方形，做完的同学挑战三角形、五边形。
    - 10 分钟：展示不同写法，比较哪个程序最短。

    ## 常见错误
    - 转弯积木放在「重复」外面：小车只拐一次，然后撞墙。
    - 转 45 度或 180 度：分不清「转 90 度」是直角。可以让学生站起来转身体体会。
    - 数字改成 200：超过了场地，小车撞墙。提醒先估算：场地 2 米 × 2 米。

    ## 真实小车
    - 真实小车走 40 厘米会有误差（轮子打滑、电池电量），正方形会「合不上口」。这是很好的讨论点：模拟器是理想世界，真实世界有误差。
    - 在桌面或地板上留出至少 1 米 × 1 米的空地；低电量时转角会变小，先充电。
    - 没有小车的小组全程用模拟器完成，检查结果相同。
  `, `
    # First program: make the robot move (2 class hours)

    ## Goal
    - Know that a program is a list of commands run in order; change the numbers in blocks (distance, angle, speed).
    - Use "repeat N times" instead of copying blocks, and see an algorithm as the steps that solve a problem.

    ## Timing
    **Hour 1 — Drive to the wall**
    - 5 min: one student plays the robot; the class steers them to the door using only "forward n steps", "turn left", "turn right".
    - 10 min: show Run, Stop and Reset; students run the starter.
    - 20 min: students change the distance, add the LED, press Check.
    - 5 min: discuss the reflection question: why order matters.

    **Hour 2 — Drive a square**
    - 5 min: tape a 40 cm square on the floor; a student walks it while the class counts sides and turns.
    - 25 min: students finish the square with "repeat 4 times"; early finishers try a triangle or pentagon.
    - 10 min: compare programs and find the shortest.

    ## Common mistakes
    - The turn block outside the repeat: the robot turns once, then hits the wall.
    - Turning 45 or 180 degrees: students mix up a right angle. Let them stand up and turn their bodies.
    - Typing 200: more than the arena; the robot hits the wall. Ask them to estimate first: the arena is 2 m × 2 m.

    ## Real robot
    - A real robot misses by a little (wheel slip, battery level), so its square does not close. Good to discuss: the
      simulator is an ideal world, the real one has errors.
    - Keep at least 1 m × 1 m free on the floor or table; with a low battery turns come out short, so charge first.
    - Groups without a robot do everything in the simulator; the checks are the same.
  `),
};
