/** Grade 4, unit 6: light seeking — stop in the light, then find the lamp with the light sensor alone. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';
import { lightRoomSvg } from '../assets/light-room';

const ARENA = 'light-room';
const YELLOW = '#ffff00';

function stopInLight(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const bright = b.compare('>', b.read('robot_light_percent'), b.num(80));
  const go = solved ? [b.motors(30, 30), b.waitUntil(bright), b.stop(), b.led(YELLOW)] : [b.drive('forward', 200, 30), b.led(YELLOW)];
  return lessonProject('robot', '停在光里 Stop in the light', ARENA, b, [b.whenStarted(b.turn('right', 45, 30), ...go)]);
}
/**
 * Scan, then go: a full turn in 15° steps remembering the brightest reading and the heading it was seen at, turn back
 * to that heading, then drive until it is very bright. A single light sensor cannot steer by "brighter → go, darker →
 * turn" (the robot ends up circling the lamp), so the robot looks all round first. 15° steps because the ±1 % sensor
 * noise could pick the wrong one of two neighbouring 10° steps, and 5° off aim misses the lamp.
 */
function seek(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const light = () => b.read('robot_light_percent');
  const remember = solved ? [b.set('brightest', light()), b.set('best heading', b.read('robot_heading_deg'))] : [b.set('brightest', light())];
  const scan = [
    b.set('brightest', b.num(0)),
    b.led('#0000ff'),
    b.repeat(24, b.turn('right', 15, 20), b.ifElse([[b.compare('>', light(), b.get('brightest')), remember]])),
  ];
  const face = solved ? [b.block('robot_turn_deg', { fields: { DIR: 'right' }, inputs: { DEG: b.get('best heading'), SPEED: b.num(20) } })] : [];
  const go = [b.led('#00ff00'), b.motors(30, 30), b.waitUntil(b.compare('>', light(), b.num(80))), b.stop(), b.led(YELLOW)];
  return lessonProject('robot', '找到台灯 Find the lamp', ARENA, b, [b.whenStarted(...scan, ...face, ...go)]);
}

const STOP_BLOCKS = ['robot_turn_deg', 'robot_drive_cm', 'robot_set_motors', 'robot_stop', 'control_wait_until', 'logic_compare', 'robot_light_percent', 'looks_set_led'];
const SEEK_BLOCKS = ['controls_repeat_ext', 'controls_if', 'robot_turn_deg', 'logic_compare', 'robot_light_percent', 'robot_heading_deg', 'variables_get', 'variables_set', 'robot_set_motors', 'control_wait_until', 'robot_stop', 'looks_set_led'];

export const lightSeeking: UnitSource = {
  id: 'light-seeking',
  grade: '4',
  order: 6,
  title: L('追光小车', 'Light seeking'),
  summary: L(
    '用光线传感器测亮度，让小车停在台灯旁；再不告诉它台灯在哪，让它自己转圈找光、朝光开去。',
    'Measure brightness with the light sensor and stop beside the lamp; then, without telling the robot where the lamp is, let it turn to find the light and drive towards it.',
  ),
  classHours: 2,
  target: { kit: 'robot', arenaId: ARENA, hardware: ['ailab-robot', 'firmata-uno-car'] },
  prerequisites: ['ai-eye-colours'],
  assets: [{ name: 'light-room.svg', svg: lightRoomSvg }],
  lessons: [
    {
      id: 'stop-in-light',
      title: L('停在光里', 'Stop in the light'),
      run: { arenaId: ARENA, seed: 1, seconds: 20 },
      steps: [
        {
          id: 'brightness',
          title: L('越近越亮', 'Brighter when closer'),
          text: L(`
            房间很暗，右前方有一盏台灯。小车的**光线传感器**测的是它前面有多亮（0 到 100）：离台灯越近、越正对着它，数越大。
            现在的程序转向台灯，然后闭着眼睛开 200 厘米。点 **运行**：它撞上了灯杆。
          `, `
            The room is dark, with a lamp ahead on the right. The robot's **light sensor** tells how bright it is in front
            of it (0 to 100): the closer it gets and the more squarely it faces the lamp, the bigger the number. The
            program turns towards the lamp, then drives 200 cm with its eyes shut. Press **Run**: it bumps into the lamp post.
          `),
          toolbox: STOP_BLOCKS,
        },
        {
          id: 'stop-when-bright',
          title: L('亮了就停', 'Stop when it is bright'),
          text: L(`
            把「行驶 200 厘米」换成：开动电机（30, 30）→「等待直到 光线强度 > 80」→ 停止电机，最后亮黄灯。
            小车会在台灯旁的黄色区域停下，不会撞到灯。
          `, `
            Replace "drive 200 cm" with: start the motors (30, 30) → "wait until light level > 80" → stop motors, then a
            yellow LED. The robot stops in the yellow zone beside the lamp without touching it.
          `),
          toolbox: STOP_BLOCKS,
          checks: ['by-the-lamp', 'no-bump', 'yellow'],
          hints: [
            L('「光线强度」在「侦测」里。', '"light level" is in Sensing.'),
            L('和「在墙前停下」那课一样，只是把距离换成了亮度。', 'Just like "stop before the wall", with brightness instead of distance.'),
          ],
        },
      ],
      checks: [
        {
          id: 'by-the-lamp', type: 'eventually', when: { inZone: 'lamp-zone' },
          pass: L('小车到了台灯旁边。', 'The robot reached the lamp.'),
        },
        {
          id: 'no-bump', type: 'never', when: { quantity: 'wallContact', op: '==', value: true },
          fail: L('小车在第 {{time}} 秒撞到了灯杆或墙。', 'The robot bumped into the lamp post or a wall at {{time}} s.'),
        },
        { id: 'yellow', type: 'eventually', when: { all: [{ inZone: 'lamp-zone' }, { quantity: 'led', op: '==', value: YELLOW }] } },
      ],
      reflection: L(
        '晚上开着灯和白天拉开窗帘，传感器读到的数一样吗？要是屋里很亮，80 这个数还合适吗？',
        'Would the sensor read the same at night with the lamp on as in daylight with the curtains open? If the room were bright, would 80 still work?',
      ),
      starter: stopInLight('stop-starter', false),
      solution: stopInLight('stop-solution', true),
    },
    {
      id: 'find-the-lamp',
      title: L('自己找到台灯', 'Find the lamp by itself'),
      run: { arenaId: ARENA, seed: 1, seconds: 60 },
      steps: [
        {
          id: 'look-around',
          title: L('先转一圈看看', 'Look all round first'),
          text: L(`
            这次不告诉小车台灯在哪。程序先让小车原地转一圈（24 次，每次 15 度），把看到的**最亮**的读数记在变量「brightest」里，然后直接往前开。
            点 **运行**：小车朝着原来的方向开，撞到了墙。它知道有多亮，却忘了**在哪个方向**最亮。

            ![小车每次转 15 度看一看，朝台灯的方向最亮](../../assets/light-room.svg)
          `, `
            This time the robot is not told where the lamp is. The program first turns the robot a full circle (24 times
            15 degrees) and keeps the **brightest** reading it saw in the variable "brightest". Then it drives straight
            off. Press **Run**: it drives the way it started and hits the wall. It knows how bright it was, but forgot
            **which way** was brightest.

            ![The robot looks round in 15° steps; facing the lamp is brightest](../../assets/light-room.svg)
          `),
          toolbox: SEEK_BLOCKS,
        },
        {
          id: 'remember-where',
          title: L('记住最亮的方向', 'Remember the brightest direction'),
          text: L(`
            在「设 brightest 为 光线强度」下面再加一块：「设 best heading 为 朝向（度）」，记住那时小车朝哪边。
            转完一圈后、开动之前，加「向右转 best heading 度」，小车就对准了台灯。
          `, `
            Under "set brightest to light level", add "set best heading to heading (degrees)" to remember which way the
            robot faced then. After the full circle and before the motors start, add "turn right best heading degrees":
            now the robot points at the lamp.
          `),
          toolbox: SEEK_BLOCKS,
          checks: ['finds-lamp', 'no-bump', 'yellow', 'remembers-direction'],
          hints: [
            L('「朝向（度）」在「侦测」里；在「变量」里先建一个叫 best heading 的变量。', '"heading (degrees)" is in Sensing; make a variable called best heading in Variables first.'),
            L('把变量「best heading」拖进转弯积木的数字格里。', 'Drag the "best heading" variable into the number slot of the turn block.'),
          ],
        },
      ],
      checks: [
        { id: 'finds-lamp', type: 'eventually', when: { inZone: 'lamp-zone' }, withinS: 60 },
        { id: 'no-bump', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
        { id: 'yellow', type: 'eventually', when: { all: [{ inZone: 'lamp-zone' }, { quantity: 'led', op: '==', value: YELLOW }] } },
        {
          id: 'remembers-direction', type: 'usesBlock', block: 'robot_heading_deg',
          pass: L('小车用传感器记住了方向，换个房间也能找到灯。', 'The robot remembered the direction with its sensor, so it finds the lamp in any room.'),
          fail: L('用「朝向（度）」记住最亮的方向，不要直接写角度。', 'Remember the brightest direction with "heading (degrees)" instead of typing an angle.'),
        },
      ],
      reflection: L(
        '向日葵跟着太阳转，飞蛾绕着灯飞。你的小车和它们有什么像的地方？这算不算「智能」？',
        'Sunflowers follow the sun and moths circle lamps. How is your robot like them? Is that "intelligence"?',
      ),
      starter: seek('seek-starter', false),
      solution: seek('seek-solution', true),
    },
  ],
  teacherNotes: L(`
    # 追光小车（2 课时）

    ## 目标
    - 会读光线传感器，知道读数随距离和方向变化。
    - 用「转一圈找最亮—记住方向—朝光走」的方法，让小车在不知道目标位置的情况下找到光源。

    ## 课时安排
    **第 1 课时 停在光里**
    - 5 分钟：关灯拉窗帘，用手电筒照一位同学，讨论：闭上眼睛怎么知道手电筒在哪？
    - 25 分钟：学生把「行驶 200 厘米」换成「等待直到 光线 > 80」，检查通过后试着改阈值 40、80。
    - 10 分钟：反思：环境光不同，阈值也要变。

    **第 2 课时 找到台灯**
    - 5 分钟：请一位同学闭眼站在教室中间，手电筒从某个方向照他；他慢慢转一圈，说出哪边最亮，再朝那边走。
    - 25 分钟：学生补上「记住方向」和「转回去」两块积木，观察灯色变化（蓝=找、绿=走、黄=到）。
    - 10 分钟：讨论向日葵、飞蛾、扫地机器人找回充座（红外信号）的相似之处。

    ## 常见错误
    - 「设 best heading」放在「如果」外面：记住的是最后一次的方向，不是最亮的方向。
    - 「向右转 best heading 度」放进了转圈的「重复」里面：小车每一步都多转很多。
    - 直接写「向右转 45 度」：这一次碰巧对，换个房间就错了。强调「靠传感器，不靠记住地图」。

    ## 真实小车
    - 光敏电阻外面套一截 3 厘米长的纸筒（吸管也行），只看前方的光，和模拟器一致。
    - 用手电筒或台灯做光源，教室拉窗帘；先让学生在光源前、侧面、背面各读一次数，确定阈值。
  `, `
    # Light seeking (2 class hours)

    ## Goal
    - Read the light sensor and know that its reading changes with distance and direction.
    - Look all round for the brightest direction, remember it, then drive that way, so the robot finds a light
      source without knowing where it is.

    ## Timing
    **Hour 1 — Stop in the light**
    - 5 min: lights off, curtains closed, shine a torch at a student: with your eyes shut, how do you know where the torch is?
    - 25 min: students replace "drive 200 cm" with "wait until light > 80", then try thresholds 40 and 80.
    - 10 min: reflection: a different room light needs a different threshold.

    **Hour 2 — Find the lamp**
    - 5 min: a student stands eyes shut in the middle of the room while a torch shines from one side; they turn slowly
      once round, say which way was brightest, then walk that way.
    - 25 min: students add the two blocks "remember the direction" and "turn back to it" and watch the LED (blue =
      looking, green = driving, yellow = arrived).
    - 10 min: compare with sunflowers, moths, and robot vacuums finding their charging dock (infrared beacon).

    ## Common mistakes
    - "set best heading" outside the "if": it keeps the last direction, not the brightest one.
    - "turn right best heading degrees" inside the scanning repeat: the robot over-turns at every step.
    - Typing "turn right 45 degrees": right by luck in this room, wrong in the next. The point is "use the sensor,
      not a memorised map".

    ## Real robot
    - Put a 3 cm paper tube (or a piece of drinking straw) over the light-dependent resistor so it only sees light
      from the front, as in the simulator.
    - Use a torch or desk lamp and close the curtains; have students take one reading in front of, beside and behind
      the lamp to pick the thresholds.
  `),
};
