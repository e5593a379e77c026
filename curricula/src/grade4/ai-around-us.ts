/** Grade 4, unit 1: AI around us, and the robot's senses (sense → decide → act). */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';

const ARENA = 'open-floor';

/** Drives slowly towards the wall while a second script watches the distance and sets the LED. */
function senses(prefix: string, withRed: boolean) {
  const b = new Blocks(prefix);
  const near = b.compare('<', b.read('robot_distance_cm'), b.num(50));
  const drive = b.whenStarted(b.drive('forward', 110, 30), b.show(b.read('robot_distance_cm')));
  const watch = b.whenStarted(b.forever(b.ifElse([[near, withRed ? [b.led('#ff0000')] : []]], [b.led('#00ff00')]), b.wait(0.05)));
  return lessonProject('robot', '小车的感官 The robot\'s senses', ARENA, b, [drive, watch]);
}

export const aiAroundUs: UnitSource = {
  id: 'ai-around-us',
  grade: '4',
  order: 1,
  title: L('身边的人工智能与机器人的感官', 'AI around us and the robot\'s senses'),
  summary: L(
    '找一找身边的人工智能；认识小车的「眼睛」超声波传感器，让小车看到墙就亮红灯。',
    'Spot AI in everyday life; meet the robot\'s "eyes", the ultrasonic sensor, and make the LED turn red when a wall is near.',
  ),
  classHours: 1,
  target: { kit: 'robot', arenaId: ARENA, hardware: ['ailab-robot', 'firmata-uno-car'] },
  lessons: [
    {
      id: 'senses',
      title: L('感知—判断—行动', 'Sense, decide, act'),
      run: { arenaId: ARENA, seed: 1, seconds: 20 },
      steps: [
        {
          id: 'ai-around-us',
          title: L('身边的人工智能', 'AI around us'),
          text: L(`
            手机用脸解锁、音箱听懂你说话、地图帮你找最快的路——这些都用到了**人工智能**。
            它们都有三样本领：**感知**（看、听）、**判断**（想一想）、**行动**（做出反应）。
            和同桌说一说：你在家里、路上还见过哪些人工智能？
          `, `
            A phone that unlocks with your face, a speaker that understands you, a map that finds the fastest way: these
            all use **artificial intelligence**. Each of them can **sense** (see, hear), **decide** (think it over) and
            **act** (respond). Tell your partner: where else have you met AI at home or on the street?
          `),
          toolbox: ['robot_distance_cm', 'looks_show_text'],
        },
        {
          id: 'robot-eyes',
          title: L('小车的眼睛', 'The robot\'s eyes'),
          text: L(`
            小车前面的**超声波传感器**像蝙蝠一样发出声音、听回声，就能知道前面的东西有多远。
            点 **运行**：小车慢慢开向墙，屏幕会显示「前方距离」。观察彩灯：它现在一直是绿色的。
          `, `
            The **ultrasonic sensor** on the front sends out a sound and listens for the echo, like a bat, to tell how
            far away things are. Press **Run**: the robot drives slowly towards the wall and its screen shows the
            distance ahead. Watch the LED: so far it always stays green.
          `),
          toolbox: ['robot_distance_cm', 'looks_show_text'],
        },
        {
          id: 'red-when-near',
          title: L('看到墙就亮红灯', 'Red light when a wall is near'),
          text: L(`
            右边的程序一直在问：「前方距离小于 50 厘米吗？」回答「是」的时候它什么也没做。
            把「把彩灯设为红色」放进「如果」的第一个空里，让小车离墙近了就亮红灯，提醒大家小心。
          `, `
            The script on the right keeps asking: "Is the distance ahead less than 50 cm?" When the answer is yes, it
            does nothing yet. Put "set LED to red" into the first gap of the "if" block, so the robot lights red when a
            wall is near, to warn everyone.
          `),
          toolbox: ['looks_set_led', 'robot_distance_cm', 'looks_show_text'],
          checks: ['red-when-near', 'green-when-far', 'uses-eyes'],
          hints: [
            L('红灯积木要放在「如果」下面的第一个缺口里，不是「否则」里。', 'The red LED block goes into the first gap under "if", not under "else".'),
            L('在颜色小方块上点一下，就能选红色。', 'Click the small colour square to pick red.'),
          ],
        },
      ],
      checks: [
        {
          id: 'red-when-near', type: 'whenever', if: { quantity: 'distanceCm', op: '<', value: 48 }, then: { quantity: 'led', op: '==', value: '#ff0000' }, graceMs: 200,
          fail: L('小车离墙不到 50 厘米时，彩灯还不是红色。', 'The LED was not red while the robot was closer than 50 cm to the wall.'),
        },
        {
          id: 'green-when-far', type: 'whenever', if: { quantity: 'distanceCm', op: '>', value: 52 }, then: { quantity: 'led', op: '==', value: '#00ff00' }, graceMs: 200,
        },
        { id: 'uses-eyes', type: 'usesBlock', block: 'robot_distance_cm', min: 1 },
      ],
      reflection: L(
        '这辆小车是「感知—判断—行动」中的哪一步用到了超声波传感器？扫地机器人又是怎么知道前面有墙的？',
        'In "sense, decide, act", which step uses the ultrasonic sensor? How does a robot vacuum know there is a wall ahead?',
      ),
      starter: senses('senses-starter', false),
      solution: senses('senses-solution', true),
    },
  ],
  teacherNotes: L(`
    # 身边的人工智能与机器人的感官（1 课时）

    ## 目标
    - 能举出 3 个生活中的人工智能例子，说出它们「感知—判断—行动」的过程。
    - 知道超声波传感器测距离；看懂「如果……就……否则……」的规则，补上一块积木。

    ## 课时安排
    - 10 分钟：图片或视频导入（刷脸门禁、智能音箱、导航），学生分组列举，老师在黑板上按「感知 / 判断 / 行动」分类。
    - 5 分钟：演示模拟器：运行、停止、重置，认识小车的传感器。
    - 15 分钟：学生运行起始程序，观察距离读数，再补上红灯积木，点「检查」。
    - 10 分钟：反思问题，讨论扫地机器人、自动门。

    ## 常见错误
    - 把红灯放进「否则」：小车离得远时亮红灯，正好反了。让学生大声读一遍规则。
    - 选了橙色、粉色：检查要求正红色，颜色菜单里选「红」。
    - 以为传感器「看见」的是颜色或图像：强调超声波只知道距离。

    ## 真实小车
    - 超声波模块朝向墙面或书本，用手在前面慢慢移动，看屏幕（或串口）读数变化；软的物体（衣服）回声弱，读数会跳。
    - 真实读数有噪声，50 厘米附近彩灯会闪几下，这正好说明「传感器不是完美的」。
  `, `
    # AI around us and the robot's senses (1 class hour)

    ## Goal
    - Name 3 everyday uses of AI and describe their sense → decide → act loop.
    - Know that the ultrasonic sensor measures distance; read an "if … then … else …" rule and complete it with one block.

    ## Timing
    - 10 min: pictures or a video (face-recognition gates, smart speakers, navigation); groups list examples, the
      teacher sorts them on the board under sense / decide / act.
    - 5 min: show the simulator: Run, Stop, Reset, and the robot's sensors.
    - 15 min: students run the starter, watch the distance, add the red LED block, press Check.
    - 10 min: the reflection question; talk about robot vacuums and automatic doors.

    ## Common mistakes
    - The red LED under "else": it lights red when the wall is far, the wrong way round. Have students read the rule aloud.
    - Picking orange or pink: the check wants pure red, "red" in the colour menu.
    - Thinking the sensor "sees" colours or pictures: stress that ultrasound only gives a distance.

    ## Real robot
    - Point the ultrasonic module at a wall or a book and move a hand slowly in front of it, watching the reading on the
      screen (or serial monitor); soft things (clothes) echo weakly and the reading jumps.
    - Real readings are noisy, so near 50 cm the LED flickers: a good way to show that sensors are not perfect.
  `),
};
