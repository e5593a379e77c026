/** Club unit 1: timed line-follow race — a lap under 45 s, then under 33 s stopping on the finish line with the time. */
import { Blocks, lessonProject, type BlockState } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';

const ARENA = 'line-race';

/** Two-sensor follower with `base` power on the straights, `inner`/`outer` wheel powers when correcting. */
function follower(b: Blocks, base: number, inner: number, outer: number): BlockState {
  return b.ifElse([[b.block('robot_line_left'), [b.motors(inner, outer)]], [b.block('robot_line_right'), [b.motors(outer, inner)]]], [b.motors(base, base)]);
}
function lap(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const rules = solved ? follower(b, 50, 10, 60) : follower(b, 25, 10, 35);
  return lessonProject('robot', '巡线竞速 Line race', ARENA, b, [b.whenStarted(b.forever(rules, b.wait(0.01)))]);
}
function sprint(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const finish = b.and(b.block('robot_colour_is', { fields: { COLOUR: 'red' } }), b.compare('>', b.read('sensing_timer'), b.num(5)));
  const body = solved
    ? [b.ifElse([[finish, [b.drive('forward', 5, 40), b.stop(), b.led('#ff0000'), b.show(b.read('sensing_timer')), b.block('control_stop_all')]]]), follower(b, 80, 0, 90), b.wait(0.01)]
    : [follower(b, 50, 10, 60), b.wait(0.01)];
  return lessonProject('robot', '冲刺并停在终点 Sprint and stop at the finish', ARENA, b, [b.whenStarted(b.block('sensing_reset_timer'), b.forever(...body))]);
}

const BLOCKS = ['control_forever', 'controls_if', 'robot_line_left', 'robot_line_right', 'robot_set_motors', 'control_wait_s'];
const SPRINT_BLOCKS = [...BLOCKS, 'robot_drive_cm', 'robot_colour_is', 'logic_operation', 'logic_compare', 'sensing_timer', 'sensing_reset_timer', 'robot_stop', 'looks_set_led', 'looks_show_text', 'control_stop_all'];
const onTrack = { id: 'on-track', type: 'never', when: { any: [{ quantity: 'z', op: '<', value: 0.35 }, { quantity: 'z', op: '>', value: 1.65 }, { quantity: 'wallContact', op: '==', value: true }] } } as const;

export const lineRace: UnitSource = {
  id: 'line-race',
  grade: 'club',
  order: 1,
  title: L('巡线竞速赛', 'Timed line-follow race'),
  summary: L(
    '为巡线竞速比赛做准备：调电机功率，让小车 45 秒内跑完一圈；再冲进 33 秒，并用颜色传感器认出终点线、停车报时。',
    'Get ready for line-race competitions: tune the motor powers for a lap under 45 s, then under 33 s, recognising the finish line with the colour sensor to stop and show the time.',
  ),
  classHours: 2,
  target: { kit: 'robot', arenaId: ARENA, hardware: ['ailab-robot', 'firmata-uno-car'] },
  prerequisites: ['line-following'],
  lessons: [
    {
      id: 'lap-under-45',
      title: L('45 秒跑完一圈', 'A lap under 45 seconds'),
      run: { arenaId: ARENA, seed: 1, seconds: 70 },
      steps: [
        {
          id: 'rules',
          title: L('比赛规则', 'Race rules'),
          text: L(`
            比赛规则：从起点出发，**经过黄色检查点**，跑完一整圈冲过**红色终点线**；不能离开赛道，不能碰墙。
            现在的程序跑得稳，但太慢了：点 **运行**，看看一圈要多少秒（看舞台上的模拟时间）。
          `, `
            Race rules: start, **pass the yellow checkpoint**, complete a whole lap across the **red finish line**;
            never leave the track or touch a wall. The program is steady but too slow: press **Run** and see how many
            seconds a lap takes (the simulated time on the stage).
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'tune',
          title: L('调参数', 'Tune the numbers'),
          text: L(`
            把直道速度从 25 提到 50，转弯时外侧轮从 35 提到 60。每次只改一个数，运行，记下圈速——这就是**调参**。
            目标：45 秒以内跑完一圈，而且不出线。
          `, `
            Raise the straight speed from 25 to 50, and the outer wheel in the turns from 35 to 60. Change one number at
            a time, run, and write down the lap time: this is **tuning**. Goal: a lap under 45 s without leaving the line.
          `),
          toolbox: BLOCKS,
          checks: ['checkpoint', 'lap-45', 'on-track'],
          hints: [
            L('太快了会在弯道冲出去：弯道里内侧轮要慢。', 'Too fast and the robot flies off in the curves: keep the inner wheel slow there.'),
            L('用表格记录：直道速度、转弯速度、圈速、是否出线。', 'Keep a table: straight speed, turn speeds, lap time, left the track or not.'),
          ],
        },
      ],
      checks: [
        { id: 'checkpoint', type: 'eventually', when: { inZone: 'checkpoint' } },
        {
          id: 'lap-45', type: 'eventually', when: { inZone: 'finish' }, withinS: 45,
          pass: L('45 秒内跑完了一圈！', 'A lap in under 45 s!'),
          fail: L('45 秒内没有回到终点线。', 'Not back at the finish line within 45 s.'),
        },
        onTrack,
      ],
      reflection: L(
        '为什么每次只改一个数？如果一次改三个数，圈速变快了，你知道是哪个数起了作用吗？',
        'Why change only one number at a time? If you changed three and the lap got faster, would you know which one helped?',
      ),
      starter: lap('lap-starter', false),
      solution: lap('lap-solution', true),
    },
    {
      id: 'sprint',
      title: L('冲刺 33 秒，停在终点', 'Sprint under 33 s and stop at the finish'),
      run: { arenaId: ARENA, seed: 1, seconds: 60 },
      steps: [
        {
          id: 'see-finish',
          title: L('认出终点线', 'Recognise the finish line'),
          text: L(`
            比赛要求冲线后停车。在循环的最前面加一条规则：**如果**「下方的颜色是红色」**并且**「计时器 > 5」，就再往前开 5 厘米压过终点线，然后停车、亮红灯、显示计时器、全部停止。
            「计时器 > 5」是为了不让小车在出发时就误以为到了终点。
          `, `
            The rules say: stop after the finish line. At the top of the loop add a rule: **if** "colour under the robot
            is red" **and** "timer > 5", drive 5 cm more onto the finish line, then stop, light red, show the timer,
            and stop all. "timer > 5" keeps the robot
            from thinking it has finished right at the start.
          `),
          toolbox: SPRINT_BLOCKS,
          checks: ['stops-at-finish'],
          hints: [L('颜色传感器在车头，看到红线时车身还没压线，所以要再开 5 厘米。', 'The colour sensor is at the front: when it sees red the body is not over the line yet, so drive 5 cm more.')],
        },
        {
          id: 'faster',
          title: L('更快！', 'Faster!'),
          text: L(`
            再调快一点：直道 80，转弯时内侧轮 0、外侧轮 90。目标：33 秒以内冲过终点线。
          `, `
            Tune it faster: 80 on the straights, inner wheel 0 and outer wheel 90 in the turns. Goal: across the finish
            line in under 33 s.
          `),
          toolbox: SPRINT_BLOCKS,
          checks: ['lap-33', 'on-track'],
          hints: [L('内侧轮设为 0，小车转得更急，弯道里就不用减速太多。', 'With the inner wheel at 0 the robot turns more sharply, so it slows less in the curves.')],
        },
      ],
      checks: [
        {
          id: 'stops-at-finish', type: 'noErrors', finishes: true,
          pass: L('小车冲线后自己停了下来。', 'The robot stopped by itself after the finish line.'),
          fail: L('小车冲线后没有停下（程序一直在运行）。', 'The robot did not stop after the finish line (the program kept running).'),
        },
        { id: 'lap-33', type: 'eventually', when: { inZone: 'finish' }, withinS: 33 },
        onTrack,
      ],
      reflection: L(
        '模拟器里最快的参数，放到真实小车上还是最快吗？比赛前为什么要在真实场地上试跑？',
        'Are the fastest numbers in the simulator still the fastest on the real robot? Why do teams test on the real track before a competition?',
      ),
      starter: sprint('sprint-starter', false),
      solution: sprint('sprint-solution', true),
    },
  ],
  teacherNotes: L(`
    # 巡线竞速赛（社团，2 课时）

    ## 目标
    - 体验「以赛促学」：理解比赛规则，用「一次改一个参数、记录结果」的方法调参。
    - 用颜色传感器识别终点线，用计时器记录成绩。

    ## 课时安排
    **第 1 课时 45 秒一圈**
    - 10 分钟：讲比赛规则（检查点、出线判罚、三次试跑取最好成绩）。
    - 25 分钟：各组调参并填写记录表（参数、圈速、是否出线）。
    - 5 分钟：各组报最好成绩，讨论「快」和「稳」的取舍。

    **第 2 课时 冲刺与停车**
    - 10 分钟：讲「并且」：两个条件同时成立；为什么要「计时器 > 5」。
    - 20 分钟：加终点识别，继续调参冲 33 秒。
    - 10 分钟：模拟赛：多台小车同场（模拟器多机器人模式），老师用「重新模拟」核对成绩。

    ## 常见错误
    - 一次改很多参数，跑不稳时不知道原因。
    - 终点规则放在巡线规则后面并且用了「否则如果」：巡线规则先执行，终点规则永远轮不到；放在循环最前面。
    - 忘了重置计时器：上一次运行的时间被带过来。

    ## 真实小车与比赛
    - 真实赛道用 KT 板 + 黑色电工胶布，终点线贴红色卡纸；颜色传感器要先在红色卡纸上校准。
    - 电池电量会影响速度：比赛前统一充满电；同一组参数在不同电量下圈速可能差 10%。
    - 常见中小学竞赛（如青少年机器人竞赛的巡线类项目）会有交叉线、断线，可在此基础上增加规则练习。
  `, `
    # Timed line-follow race (club, 2 class hours)

    ## Goal
    - Learn through competition: understand race rules and tune with "change one number at a time, record the result".
    - Recognise the finish line with the colour sensor and record the time with the timer.

    ## Timing
    **Hour 1 — A lap under 45 s**
    - 10 min: the race rules (checkpoint, penalty for leaving the track, best of three runs).
    - 25 min: groups tune and fill in a record sheet (numbers, lap time, left the track or not).
    - 5 min: groups report their best times; discuss fast versus steady.

    **Hour 2 — Sprint and stop**
    - 10 min: explain "and": both conditions true at once; why "timer > 5".
    - 20 min: add the finish rule and tune towards 33 s.
    - 10 min: a practice race: several robots on one track (the simulator's multi-robot mode); the teacher checks
      the times by re-simulating.

    ## Common mistakes
    - Changing many numbers at once, then not knowing why the robot wobbles.
    - The finish rule after the line rules as an "else if": the line rules always win and the finish rule never runs;
      put it first in the loop.
    - Not resetting the timer: the time carries over from the previous run.

    ## Real robot and competitions
    - Build the real track from foam board and black electrical tape, with red card for the finish line; calibrate
      the colour sensor on the red card first.
    - Battery level changes speed: charge every robot fully before a race; the same numbers can differ by 10 % in
      lap time at different charge levels.
    - School robot competitions (line-following events) add crossings and gaps in the line; add rules for them from here.
  `),
};
