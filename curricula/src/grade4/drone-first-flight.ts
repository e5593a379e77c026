/** Grade 4, unit 7: first drone flight and flight safety. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';
import { droneSafetySvg } from '../assets/drone-safety';

const ARENA = 'drone-rings';
/** Safe indoor ceiling the lesson asks for, metres (lower than the hall's 3 m walls). */
const SAFE_HEIGHT_M = 1.5;

function hop(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const climb = solved ? [] : [b.fly('up', 150)];
  return lessonProject('drone', '第一次飞行 First flight', ARENA, b, [b.whenStarted(b.takeoff(), ...climb, b.hover(2), b.fly('forward', 100), b.hover(1), b.land())]);
}
function ringAndBack(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const back = solved ? [b.rotate('cw', 180), b.fly('forward', 150)] : [];
  return lessonProject('drone', '穿过圆环再回来 Through the ring and back', ARENA, b, [b.whenStarted(b.takeoff(), b.fly('up', 20), b.fly('forward', 150), ...back, b.land())]);
}

const FLY_BLOCKS = ['drone_takeoff', 'drone_land', 'drone_move', 'drone_hover_s'];
const RING_BLOCKS = ['drone_takeoff', 'drone_land', 'drone_move', 'drone_rotate', 'drone_hover_s'];
const tooHigh = { quantity: 'droneY', op: '>', value: SAFE_HEIGHT_M } as const;

export const droneFirstFlight: UnitSource = {
  id: 'drone-first-flight',
  grade: '4',
  order: 7,
  title: L('无人机第一次飞行与飞行安全', 'First drone flight and flight safety'),
  summary: L(
    '学习无人机安全守则，用积木让无人机起飞、悬停、前进、降落；再穿过第一个圆环，安全飞回起飞点。',
    'Learn the drone safety rules; take off, hover, fly forward and land with blocks; then fly through the first ring and back to the take-off pad safely.',
  ),
  classHours: 2,
  target: { kit: 'drone', arenaId: ARENA, hardware: ['tello'] },
  prerequisites: ['first-program'],
  assets: [{ name: 'drone-safety.svg', svg: droneSafetySvg }],
  lessons: [
    {
      id: 'first-flight',
      title: L('安全的第一次飞行', 'A safe first flight'),
      run: { arenaId: ARENA, seed: 1, seconds: 30 },
      steps: [
        {
          id: 'safety-rules',
          title: L('先学安全守则', 'Safety rules first'),
          text: L(`
            无人机的螺旋桨转得飞快，会伤到手。飞行前记住四条：

            1. 装好**桨叶保护罩**，人站在 2 米以外。
            2. 不在人的头顶上飞。
            3. 教室里飞行高度**不超过 1.5 米**。
            4. 出了问题马上按**紧急停止**。

            ![无人机飞在 1.5 米以下，人站在 2 米以外](../../assets/drone-safety.svg)
          `, `
            A drone's propellers spin very fast and can hurt fingers. Before flying, remember four rules:

            1. Fit the **propeller guards** and stand 2 m away.
            2. Never fly over people's heads.
            3. Indoors, stay **below 1.5 m**.
            4. If anything goes wrong, press **emergency stop** at once.

            ![The drone flies below 1.5 m; people stand 2 m away](../../assets/drone-safety.svg)
          `),
          toolbox: FLY_BLOCKS,
        },
        {
          id: 'too-high',
          title: L('飞得太高了', 'Flying too high'),
          text: L(`
            点 **运行**，看看无人机飞了多高。起飞后它会自己升到 80 厘米，程序又让它往上飞了 150 厘米——超过了 1.5 米的安全高度！
            删掉「向上飞 150 厘米」，让它起飞、悬停、向前飞 100 厘米，再降落。
          `, `
            Press **Run** and watch how high the drone goes. Taking off lifts it to 80 cm by itself, and the program then
            climbs another 150 cm: above the 1.5 m safety height! Remove "fly up 150 cm" so it takes off, hovers, flies
            forward 100 cm and lands.
          `),
          toolbox: FLY_BLOCKS,
          checks: ['flew', 'safe-height', 'landed-ahead'],
          hints: [
            L('把积木拖回左边的积木区就能删掉它。', 'Drag a block back to the toolbox on the left to delete it.'),
            L('起飞后无人机已经在 80 厘米高，不用再往上飞。', 'After take-off the drone is already 80 cm up; no need to climb.'),
          ],
        },
      ],
      checks: [
        { id: 'flew', type: 'eventually', when: { quantity: 'droneFlying', op: '==', value: true } },
        {
          id: 'safe-height', type: 'never', when: tooHigh,
          pass: L('一直飞在 1.5 米的安全高度以下。', 'Stayed below the 1.5 m safety height all the time.'),
          fail: L('第 {{time}} 秒飞得比 1.5 米还高，太危险了！', 'Above 1.5 m at {{time}} s: too dangerous!'),
        },
        {
          id: 'landed-ahead', type: 'eventually', when: { all: [{ quantity: 'droneFlying', op: '==', value: false }, { quantity: 'droneZ', op: '<', value: 2.6 }] },
          pass: L('无人机向前飞了，又稳稳地降落了。', 'The drone flew forward and landed safely.'),
          fail: L('无人机没有在前方降落。', 'The drone did not land ahead of the pad.'),
        },
      ],
      reflection: L(
        '为什么教室里要规定飞行高度？如果在操场上飞，还要注意什么？',
        'Why do we set a height limit indoors? What else must you watch out for when flying on the playground?',
      ),
      starter: hop('hop-starter', false),
      solution: hop('hop-solution', true),
    },
    {
      id: 'ring-and-back',
      title: L('穿过圆环再回家', 'Through the ring and home again'),
      run: { arenaId: ARENA, seed: 1, seconds: 40 },
      steps: [
        {
          id: 'through-ring',
          title: L('穿过 1 号环', 'Through ring 1'),
          text: L(`
            1 号环在起飞点正前方 1.2 米、1 米高的地方。程序让无人机起飞、升高 20 厘米、向前飞 150 厘米，正好穿过圆环。
            点 **运行**：它穿过去了，可是降落在了圆环后面，没有回家。
          `, `
            Ring 1 is 1.2 m straight ahead of the take-off pad, 1 m up. The program takes off, climbs 20 cm and flies
            forward 150 cm, right through the ring. Press **Run**: it gets through, but lands behind the ring instead
            of coming home.
          `),
          toolbox: RING_BLOCKS,
        },
        {
          id: 'come-home',
          title: L('掉头飞回来', 'Turn round and fly back'),
          text: L(`
            在降落之前加两块：「顺时针旋转 180 度」掉个头，再「向前飞 150 厘米」飞回起飞点，最后降落在蓝色起飞点上。
          `, `
            Before landing add two blocks: "rotate clockwise 180 degrees" to turn round, then "fly forward 150 cm" back
            to the take-off pad, and land on the blue pad.
          `),
          toolbox: RING_BLOCKS,
          checks: ['ring-then-home', 'safe-height'],
          hints: [
            L('掉头是转半圈：180 度。', 'Turning round is half a turn: 180 degrees.'),
            L('去的时候飞了 150 厘米，回来也要飞 150 厘米。', 'You flew 150 cm out, so fly 150 cm back.'),
          ],
        },
      ],
      checks: [
        {
          id: 'ring-then-home', type: 'ringsInOrder', rings: ['ring-1'], landInZone: 'takeoff-pad',
          pass: L('穿过了 1 号环，又降落在起飞点上！', 'Through ring 1 and back down on the take-off pad!'),
          fail: L('要先穿过 1 号环，再降落在蓝色起飞点上。', 'Fly through ring 1 first, then land on the blue take-off pad.'),
        },
        { id: 'safe-height', type: 'never', when: tooHigh },
      ],
      reflection: L(
        '真实的无人机没有电了会怎样？飞行前为什么要检查电量？',
        'What happens to a real drone whose battery runs out? Why check the battery before a flight?',
      ),
      starter: ringAndBack('ring-starter', false),
      solution: ringAndBack('ring-solution', true),
    },
  ],
  teacherNotes: L(`
    # 无人机第一次飞行与飞行安全（2 课时）

    ## 目标
    - 记住并能说出无人机安全守则（保护罩、安全距离、限高、紧急停止、电量）。
    - 会用起飞、移动、旋转、悬停、降落积木编写一段航线。

    ## 课时安排
    **第 1 课时 安全的第一次飞行**
    - 10 分钟：安全教育：展示桨叶保护罩，讲紧急停止；学生复述四条守则。
    - 20 分钟：模拟器中运行起始程序，发现超高，删掉积木；检查通过后，老师在真实无人机上演示同一个程序。
    - 10 分钟：反思：限高和户外飞行要注意的事（禁飞区、风、人群）。

    **第 2 课时 穿过圆环再回家**
    - 5 分钟：用手里的纸飞机比划「去—掉头—回来」的航线。
    - 25 分钟：学生补上掉头和返航，检查通过后可以挑战 2 号、3 号环（见社团单元「无人机穿环」）。
    - 10 分钟：小组轮流在真机上飞行（每组一人操作、一人看守紧急停止）。

    ## 常见错误
    - 忘了「起飞」：后面的命令都不执行（事件记录里会提示）。
    - 掉头转 90 度：无人机飞向侧面，降落在起飞点外面。
    - 以为「向上飞 20」是飞到 20 厘米高：其实是在现在的高度上再升高 20 厘米。

    ## 真实无人机（Tello）
    - 一定装保护罩；在室内用网或隔离带围出飞行区，学生站在区外。
    - 电量低于 30% 不起飞；15 秒内没有新命令，Tello 会自己降落，程序里不要有太长的等待。
    - 地面要有纹理（Tello 的下视传感器靠地面花纹定位），纯白地面上会飘；可以铺一块有图案的地垫。
    - 紧急停止会让电机立刻停转，无人机会掉下来：只在真正危险时使用，事先讲清楚。
  `, `
    # First drone flight and flight safety (2 class hours)

    ## Goal
    - Remember and explain the drone safety rules (propeller guards, distance, height limit, emergency stop, battery).
    - Program a flight path with take off, move, rotate, hover and land blocks.

    ## Timing
    **Hour 1 — A safe first flight**
    - 10 min: safety talk: show the propeller guards, explain emergency stop; students repeat the four rules.
    - 20 min: run the starter in the simulator, spot the height breach, remove the block; once the check passes the
      teacher flies the same program on a real drone.
    - 10 min: reflection: height limits and what matters outdoors (no-fly zones, wind, crowds).

    **Hour 2 — Through the ring and home again**
    - 5 min: act out "out — turn round — back" with a paper plane.
    - 25 min: students add the turn and the flight home; early finishers try rings 2 and 3 (see the club unit "drone
      ring course").
    - 10 min: groups take turns on the real drone (one student flies, one guards the emergency stop).

    ## Common mistakes
    - No "take off": none of the following commands run (the event log says so).
    - Turning 90 degrees to go back: the drone flies sideways and lands off the pad.
    - Thinking "fly up 20" means "fly to 20 cm": it climbs 20 cm more from where it is.

    ## Real drone (Tello)
    - Always fit the guards; fence off a flying area indoors with a net or tape, students outside it.
    - Do not take off below 30 % battery; Tello lands by itself after 15 s without a command, so avoid long waits.
    - The floor needs a pattern (Tello's downward sensor holds position by the floor texture) or it drifts over a
      plain white floor; lay a patterned mat.
    - Emergency stop cuts the motors at once and the drone falls: use it only in real danger, and say so beforehand.
  `),
};
