/** Grade 4, unit 5: the AI eye — recognise colours with the colour sensor, then sort a cube into its bin. */
import { Blocks, lessonProject, type BlockState } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';

const ARENA = 'sorting-table';
const RED = '#ff0000';
const GREEN = '#00ff00';
const BLUE = '#0000ff';

/** Start (1.0, 1.3) facing north: into the green bin, west to the red bin, then east to the blue bin. */
function tour(b: Blocks): BlockState[] {
  return [b.drive('forward', 110, 30), b.turn('left', 90, 30), b.drive('forward', 60, 30), b.turn('right', 180, 30), b.drive('forward', 120, 30)];
}
function eye(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const is = (c: string) => b.block('robot_colour_is', { fields: { COLOUR: c } });
  const rules: [BlockState, BlockState[]][] = solved
    ? [[is('red'), [b.led(RED)]], [is('green'), [b.led(GREEN)]], [is('blue'), [b.led(BLUE)]]]
    : [[is('red'), [b.led(RED)]]];
  const watch = b.whenStarted(b.forever(b.ifElse(rules, [b.led('#000000')]), b.wait(0.02)));
  return lessonProject('robot', 'AI 之眼 The AI eye', ARENA, b, [b.whenStarted(...tour(b)), watch]);
}
function sort(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const toCube = [b.turn('left', 90), b.drive('forward', 50), b.turn('right', 90)];
  const push = solved
    ? [b.motors(30, 30), b.waitUntil(b.block('robot_colour_is', { fields: { COLOUR: 'red' } })), b.drive('forward', 4, 30), b.stop(), b.led(RED), b.drive('back', 20)]
    : [b.drive('forward', 130, 30), b.led(RED)];
  return lessonProject('robot', '分拣方块 Sort a cube', ARENA, b, [b.whenStarted(...toCube, ...push)]);
}

/** Turn right until the AI camera sees tag 3 (solution: and it is near the middle of the picture), then drive up to it. */
function cameraFind(prefix: string, centred: boolean) {
  const b = new Blocks(prefix);
  const seen = () => b.block('robot_camera_tag_seen', { inputs: { ID: b.num(3) } });
  const x = () => b.val(b.block('robot_camera_tag_x', { inputs: { ID: b.num(3) } }));
  const found = centred ? b.and(seen(), b.compare('<', x(), b.num(170))) : seen();
  return lessonProject('robot', 'AI 摄像头找方块 The AI camera finds a cube', ARENA, b, [b.whenStarted(
    b.motors(12, -12), b.waitUntil(found), b.stop(), b.led(BLUE),
    b.motors(25, 25), b.waitUntil(b.compare('<', b.read('robot_distance_cm'), b.num(4))), b.stop(),
  )]);
}

const CAMERA_BLOCKS = ['robot_set_motors', 'control_wait_until', 'robot_camera_tag_seen', 'robot_camera_tag_x', 'logic_operation', 'logic_compare', 'robot_stop', 'looks_set_led', 'robot_distance_cm'];
const EYE_BLOCKS = ['control_forever', 'controls_if', 'robot_colour_is', 'looks_set_led', 'control_wait_s'];
const SORT_BLOCKS = ['robot_drive_cm', 'robot_turn_deg', 'robot_set_motors', 'robot_stop', 'control_wait_until', 'robot_colour_is', 'looks_set_led'];

export const aiEyeColours: UnitSource = {
  id: 'ai-eye-colours',
  grade: '4',
  order: 5,
  title: L('AI 之眼：认颜色、分方块', 'The AI eye: recognise colours, sort blocks'),
  summary: L(
    '用颜色传感器认出红、绿、蓝三种颜色并亮出同色的灯，把红色方块推进红色区域，到了就停；再用 AI 摄像头认出方块上的编号，找到 3 号方块。',
    'Recognise red, green and blue with the colour sensor and light the matching LED, push the red cube into the red bin and stop there; then let the AI camera recognise the numbers on the cubes and find cube 3.',
  ),
  classHours: 3,
  target: { kit: 'robot', arenaId: ARENA, hardware: ['ailab-robot', 'firmata-uno-car', 'huskylens'] },
  prerequisites: ['line-following'],
  lessons: [
    {
      id: 'name-the-colour',
      title: L('认出颜色', 'Name the colour'),
      run: { arenaId: ARENA, seed: 1, seconds: 40 },
      steps: [
        {
          id: 'colour-sensor',
          title: L('颜色传感器', 'The colour sensor'),
          text: L(`
            小车前面朝下装着一个**颜色传感器**。它把看到的光分成红、绿、蓝三种，再判断地面是什么颜色。
            点 **运行**：小车会经过绿色、红色和蓝色三个区域。现在它只认得**红色**。
          `, `
            A **colour sensor** looks down from the front of the robot. It splits the light it sees into red, green and
            blue and decides what colour the floor is. Press **Run**: the robot crosses the green, red and blue bins.
            So far it only recognises **red**.
          `),
          toolbox: EYE_BLOCKS,
        },
        {
          id: 'three-colours',
          title: L('教它认三种颜色', 'Teach it three colours'),
          text: L(`
            点「如果」积木上的齿轮，加两个「否则如果」：下方是**绿色**就亮绿灯，是**蓝色**就亮蓝灯。
            这就是「识别」：看到什么，就说出（亮出）它是什么。
          `, `
            Click the gear on the "if" block and add two "else if" parts: green under the robot lights the LED
            **green**, blue lights it **blue**. That is recognition: see something, then say (or show) what it is.
          `),
          toolbox: EYE_BLOCKS,
          checks: ['red-bin', 'green-bin', 'blue-bin'],
          hints: [
            L('「下方的颜色是 ？」在「侦测」里，点小三角可以选颜色。', '"colour under the robot is ?" is in Sensing; click the small triangle to choose the colour.'),
            L('灯的颜色要和地面的颜色一样：绿对绿，蓝对蓝。', 'The LED colour must match the floor: green for green, blue for blue.'),
          ],
        },
      ],
      checks: [
        {
          id: 'red-bin', type: 'whenever', if: { inZone: 'bin-red' }, then: { quantity: 'led', op: '==', value: RED }, graceMs: 300,
          fail: L('小车在红色区域里时，灯不是红色。', 'The LED was not red while the robot was in the red bin.'),
        },
        {
          id: 'green-bin', type: 'whenever', if: { inZone: 'bin-green' }, then: { quantity: 'led', op: '==', value: GREEN }, graceMs: 300,
          fail: L('小车在绿色区域里时，灯不是绿色。', 'The LED was not green while the robot was in the green bin.'),
        },
        {
          id: 'blue-bin', type: 'whenever', if: { inZone: 'bin-blue' }, then: { quantity: 'led', op: '==', value: BLUE }, graceMs: 300,
          fail: L('小车在蓝色区域里时，灯不是蓝色。', 'The LED was not blue while the robot was in the blue bin.'),
        },
      ],
      reflection: L(
        '如果地上出现一块橙色，小车会把它认成什么？人工智能遇到没学过的东西会怎样？',
        'If an orange patch appeared on the floor, what would the robot call it? What happens when an AI meets something it never learned?',
      ),
      starter: eye('eye-starter', false),
      solution: eye('eye-solution', true),
    },
    {
      id: 'sort-a-cube',
      title: L('把红方块送回家', 'Take the red cube home'),
      run: { arenaId: ARENA, seed: 1, seconds: 30 },
      steps: [
        {
          id: 'too-far',
          title: L('推过头了', 'Pushed too far'),
          text: L(`
            小车先开到红色方块后面，再往前推。现在它「闭着眼睛」推 130 厘米，点 **运行**：方块被推过了红色区域，挤到了墙边。
          `, `
            The robot first drives behind the red cube, then pushes it forward. Right now it pushes 130 cm "with its eyes
            shut". Press **Run**: the cube overshoots the red bin and gets squashed against the wall.
          `),
          toolbox: SORT_BLOCKS,
        },
        {
          id: 'stop-on-red',
          title: L('看到红色就停', 'Stop when you see red'),
          text: L(`
            把「向前行驶 130 厘米」换成：开动电机（30, 30）→「等待直到 下方的颜色是红色」→ 再往前 4 厘米 → 停止 → 亮红灯 → 后退 20 厘米。
            让小车的「眼睛」告诉它：到家了！
          `, `
            Replace "drive forward 130 cm" with: start the motors (30, 30) → "wait until colour under the robot is red"
            → drive 4 cm more → stop → red LED → drive back 20 cm. Let the robot's "eye" tell it: we are home!
          `),
          toolbox: SORT_BLOCKS,
          checks: ['cube-home', 'no-crash', 'red-light'],
          hints: [
            L('颜色传感器在车头前面一点，所以看到红色后再多推 4 厘米，方块才完全进去。', 'The colour sensor is just ahead of the centre, so push 4 cm more after seeing red to get the cube right in.'),
            L('最后后退，免得小车压在区域里挡住别人。', 'Back away at the end so the robot does not block the bin.'),
          ],
        },
      ],
      checks: [
        {
          id: 'cube-home', type: 'propsInZone', props: 'cube-red-1', zone: 'bin-red',
          pass: L('红色方块到家了！', 'The red cube is home!'),
          fail: L('红色方块不在红色区域里。', 'The red cube is not in the red bin.'),
        },
        { id: 'no-crash', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
        { id: 'red-light', type: 'eventually', when: { all: [{ quantity: 'led', op: '==', value: RED }, { quantity: 'z', op: '<', value: 0.6 }] } },
      ],
      reflection: L(
        '快递分拣中心用机器分拣包裹，它们靠什么「认出」包裹该去哪里？',
        'Parcel centres sort packages with machines. How do the machines "recognise" where each parcel goes?',
      ),
      starter: sort('sort-starter', false),
      solution: sort('sort-solution', true),
    },
    {
      id: 'camera-finds-cube',
      title: L('AI 摄像头找方块', 'The AI camera finds a cube'),
      run: { arenaId: ARENA, seed: 1, seconds: 20 },
      steps: [
        {
          id: 'tags',
          title: L('认出编号', 'Recognise a number'),
          text: L(`
            小车头上还有一个 **AI 摄像头**，它能认出方块侧面印的编号（标签）。这次要找到 **3 号**方块。
            程序让小车向右慢慢转，一看到 3 号就往前开。点 **运行**：3 号刚出现在画面最右边，小车就出发了，结果直直地开过去，错过了方块。
          `, `
            The robot also carries an **AI camera** that recognises the numbers (tags) printed on the cubes' sides. This
            time it must find cube **number 3**. The program turns the robot slowly right and drives off as soon as it
            sees number 3. Press **Run**: number 3 has only just appeared at the right edge of the picture when the
            robot sets off, so it drives straight past the cube.
          `),
          toolbox: CAMERA_BLOCKS,
        },
        {
          id: 'centre-it',
          title: L('转到正对着再走', 'Face it before you go'),
          text: L(`
            「标签 3 的 x」是 3 号在画面里的横坐标：0 最左，320 最右，160 正中间。小车向右转时，3 号从画面右边移进来，x 越来越小。
            把条件改成「看到标签 3 **并且** 标签 3 的 x < 170」：转到 3 号差不多在正中间时再出发。
          `, `
            "x of tag 3" is where number 3 is across the picture: 0 at the left, 320 at the right, 160 in the middle. As
            the robot turns right, number 3 moves in from the right and x gets smaller. Change the condition to "sees tag
            3 **and** x of tag 3 < 170": set off only once number 3 is nearly in the middle.
          `),
          toolbox: CAMERA_BLOCKS,
          checks: ['reaches-cube-3', 'blue-light', 'uses-camera-x', 'no-crash'],
          hints: [
            L('「并且」积木在「运算」里，把两个条件分别放进它的两个空。', 'The "and" block is in Operators; put one condition in each of its gaps.'),
            L('看不到 3 号时，x 是 -1，所以一定要先「看到标签 3」。', 'When number 3 is not in view, x is -1, so "sees tag 3" must be true too.'),
          ],
        },
      ],
      checks: [
        {
          id: 'reaches-cube-3', type: 'eventually', when: { all: [{ quantity: 'x', op: '>', value: 1.08 }, { quantity: 'z', op: '<', value: 0.98 }] },
          pass: L('小车开到了 3 号方块跟前。', 'The robot drove right up to cube number 3.'),
          fail: L('小车没有开到 3 号方块跟前。', 'The robot never reached cube number 3.'),
        },
        { id: 'blue-light', type: 'eventually', when: { all: [{ quantity: 'led', op: '==', value: BLUE }, { quantity: 'x', op: '>', value: 1.08 }] } },
        { id: 'uses-camera-x', type: 'usesBlock', block: 'robot_camera_tag_x' },
        { id: 'no-crash', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } },
      ],
      reflection: L(
        '颜色传感器只能看脚下，AI 摄像头能看远处。超市的自助结账机、快递柜是怎么「认出」商品和包裹的？',
        'The colour sensor only sees the floor under it; the AI camera sees far ahead. How do self-checkout machines and parcel lockers "recognise" goods and parcels?',
      ),
      starter: cameraFind('camera-starter', false),
      solution: cameraFind('camera-solution', true),
    },
  ],
  teacherNotes: L(`
    # AI 之眼：认颜色、分方块（3 课时）

    ## 目标
    - 知道颜色传感器把光分成红、绿、蓝来判断颜色，「识别」就是把看到的东西归到某一类。
    - 用识别结果控制动作：看到目标颜色就停。

    ## 课时安排
    **第 1 课时 认出颜色**
    - 10 分钟：用红绿蓝三色玻璃纸看教室，讨论「机器怎么知道这是红色」。
    - 20 分钟：学生补全三种颜色的规则，运行观察灯的变化。
    - 10 分钟：反思：没学过的颜色会被认成什么？引出「AI 只认得学过的东西」。

    **第 2 课时 分拣方块**
    - 5 分钟：视频或图片：物流分拣机器人。
    - 25 分钟：学生把「推 130 厘米」改成「看到红色就停」，检查方块是否到家。
    - 10 分钟：挑战：再把绿色方块送回绿色区域（路线自己设计）。

    **第 3 课时 AI 摄像头找方块**
    - 5 分钟：展示 AI 视觉模块（如 HuskyLens）的标签识别：举起印有编号的卡片，屏幕上出现方框和编号。
    - 25 分钟：学生运行起始程序，发现「一看到就走」会错过方块；改成「看到并且在正中间附近」再出发。
    - 10 分钟：比较颜色传感器（看脚下、一个点）和摄像头（看远处、一幅画面）；讨论生活中的识别应用。

    ## 常见错误
    - 三个「如果」分开写但没有「否则」把灯关掉：离开区域后灯一直亮着，这不算错，但可以讨论。
    - 「等待直到」之后忘了「停止」：小车继续推，方块推过头。
    - 方块卡在车头侧面：开始前小车没对准方块，检查左转后的行驶距离。

    ## 真实小车
    - 颜色传感器（如 TCS34725）需要离地 5–10 毫米，用彩色卡纸做区域；先在每种卡纸上读一次数值校准。
    - 日光灯和窗外的阳光会改变读数，尽量拉上窗帘，保持光照一致。
    - AI 摄像头：HuskyLens 切换到「标签识别」模式，在方块上贴打印的 AprilTag 标签 1–6（先让模块学习每个编号）；画面坐标同样是 320 × 240。
  `, `
    # The AI eye: recognise colours, sort blocks (3 class hours)

    ## Goal
    - Know that a colour sensor splits light into red, green and blue to decide a colour; recognition means putting
      what you see into a class.
    - Use what was recognised to control an action: stop when the target colour is seen.

    ## Timing
    **Hour 1 — Name the colour**
    - 10 min: look round the room through red, green and blue film; "how does a machine know this is red?"
    - 20 min: students complete the rules for three colours and watch the LED change.
    - 10 min: reflection: what does an unlearned colour get called? "AI only knows what it has learned."

    **Hour 2 — Sort a cube**
    - 5 min: a video or pictures of parcel-sorting robots.
    - 25 min: students change "push 130 cm" into "stop when you see red" and check that the cube is home.
    - 10 min: challenge: take a green cube to the green bin (plan your own route).

    **Hour 3 — The AI camera finds a cube**
    - 5 min: show an AI vision module's (such as HuskyLens) tag recognition: hold up a numbered card and a box with
      the number appears on its screen.
    - 25 min: students run the starter and see that "go as soon as you see it" misses the cube; change it to "seen
      and near the middle" before setting off.
    - 10 min: compare the colour sensor (looks down, one spot) with the camera (looks ahead, a whole picture); talk
      about recognition in everyday life.

    ## Common mistakes
    - No "else" that turns the LED off: it stays lit after leaving a bin. Not wrong, but worth discussing.
    - No "stop" after "wait until": the robot keeps pushing and the cube overshoots.
    - The cube slides off the side of the robot: the robot was not lined up; check the distance after the left turn.

    ## Real robot
    - A colour sensor (such as a TCS34725) must sit 5–10 mm above the floor; make bins from coloured card and take
      one reading on each card to calibrate.
    - Fluorescent light and sunshine change the readings: close the curtains and keep the lighting steady.
    - AI camera: put a HuskyLens in tag-recognition mode and stick printed AprilTags 1–6 on the cubes (let the module
      learn each number first); its picture coordinates are 320 × 240 too.
  `),
};
