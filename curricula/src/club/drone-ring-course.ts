/** Club unit 2: drone ring course — all three rings in order onto the landing pad, then a timed run. */
import { Blocks, lessonProject, type BlockState } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';

const ARENA = 'drone-rings';

/** The course: ring 1 north of the pad, turn east, ring 2, climb 20 cm, ring 3, the landing pad. */
function route(b: Blocks, hover: number): BlockState[] {
  // A new hover block each time: one block object reused would repeat its id.
  const pause = () => (hover > 0 ? [b.hover(hover)] : []);
  return [
    b.takeoff(), b.fly('up', 20), b.fly('forward', 240), ...pause(),
    b.rotate('cw', 90), b.fly('forward', 200), ...pause(),
    b.fly('up', 20), b.fly('forward', 200), ...pause(),
    b.land(),
  ];
}
function course(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const body = solved ? route(b, 0) : [b.takeoff(), b.fly('up', 20), b.fly('forward', 240), b.land()];
  return lessonProject('drone', '穿越三环 Three rings', ARENA, b, [b.whenStarted(...body)]);
}
function timed(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  return lessonProject('drone', '计时赛 Timed run', ARENA, b, [b.whenStarted(...route(b, solved ? 0 : 2))]);
}

const BLOCKS = ['drone_takeoff', 'drone_land', 'drone_move', 'drone_rotate', 'drone_hover_s', 'drone_height_cm', 'text_print'];
const ceiling = { id: 'under-2m', type: 'never', when: { quantity: 'droneY', op: '>', value: 2 } } as const;
const allRings = ['ring-1', 'ring-2', 'ring-3'];

export const droneRingCourse: UnitSource = {
  id: 'drone-ring-course',
  grade: 'club',
  order: 2,
  title: L('无人机穿环赛', 'Drone ring course'),
  summary: L(
    '为无人机编程赛做准备：规划航线，按顺序穿过三个圆环并降落在停机坪上；再去掉多余的悬停，18 秒内完成。',
    'Get ready for drone programming contests: plan a route through the three rings in order onto the landing pad, then cut the spare hovering to finish within 18 s.',
  ),
  classHours: 2,
  target: { kit: 'drone', arenaId: ARENA, hardware: ['tello'] },
  prerequisites: ['drone-first-flight'],
  lessons: [
    {
      id: 'three-rings',
      title: L('规划航线：三个圆环', 'Plan the route: three rings'),
      run: { arenaId: ARENA, seed: 1, seconds: 40 },
      steps: [
        {
          id: 'map',
          title: L('先画地图', 'Draw the map first'),
          text: L(`
            场地 6 米 × 4 米。起飞点在左下角，1 号环在正前方（北）1.2 米、高 1 米；2 号环、3 号环在东边，3 号环高 1.2 米；停机坪在右上角。
            在纸上画出航线：每一段飞多远、在哪里转弯、哪里升高。起飞后无人机在 80 厘米高。
          `, `
            The hall is 6 m × 4 m. The take-off pad is bottom left; ring 1 is 1.2 m straight ahead (north), 1 m up;
            rings 2 and 3 are to the east, ring 3 at 1.2 m; the landing pad is top right. Draw the route on paper: how
            far each leg is, where to turn, where to climb. After take-off the drone is 80 cm up.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'fly-it',
          title: L('飞完整条航线', 'Fly the whole route'),
          text: L(`
            现在的程序只穿过了 1 号环就降落了。接着写：顺时针转 90 度朝东，飞 200 厘米穿过 2 号环，升高 20 厘米，再飞 200 厘米穿过 3 号环，降落在停机坪上。
          `, `
            The program only gets through ring 1, then lands. Carry on: rotate clockwise 90 degrees to face east, fly
            200 cm through ring 2, climb 20 cm, fly 200 cm through ring 3, and land on the landing pad.
          `),
          toolbox: BLOCKS,
          checks: ['rings-and-pad', 'under-2m'],
          hints: [
            L('1 号环之后无人机在 (1 米, 0.8 米)，2 号环在它东边 1.5 米、停机坪在东边 4 米。', 'After ring 1 the drone is at (1 m, 0.8 m); ring 2 is 1.5 m east of it and the pad 4 m east.'),
            L('3 号环比 2 号环高 20 厘米：在穿过 2 号环之后再升高。', 'Ring 3 is 20 cm higher than ring 2: climb after passing ring 2.'),
          ],
        },
      ],
      checks: [
        {
          id: 'rings-and-pad', type: 'ringsInOrder', rings: allRings, landInZone: 'landing-pad',
          pass: L('按顺序穿过了三个圆环，降落在停机坪上！', 'All three rings in order, down on the landing pad!'),
        },
        ceiling,
      ],
      reflection: L(
        '真实比赛里，同样的程序飞两次，路线会完全一样吗？什么会让无人机偏离航线？',
        'In a real contest, does the same program fly exactly the same route twice? What could push the drone off course?',
      ),
      starter: course('course-starter', false),
      solution: course('course-solution', true),
    },
    {
      id: 'timed-run',
      title: L('计时赛：18 秒', 'Timed run: 18 seconds'),
      run: { arenaId: ARENA, seed: 1, seconds: 40 },
      steps: [
        {
          id: 'cut-hovers',
          title: L('去掉多余的悬停', 'Cut the spare hovering'),
          text: L(`
            这位「小心的飞手」每穿过一个环就悬停 2 秒，总共要 23 秒。计时赛要求 **18 秒内**降落在停机坪上。
            哪些积木可以去掉又不影响穿环？改完后运行，看看用了多少秒。
          `, `
            This "careful pilot" hovers 2 s after every ring and needs 23 s in all. The timed run asks for landing on
            the pad **within 18 s**. Which blocks can go without missing a ring? Run it and see how long it takes.
          `),
          toolbox: BLOCKS,
          checks: ['rings-and-pad', 'in-time', 'under-2m'],
          hints: [L('悬停不会让无人机更准：模拟器里每次移动完成后它已经停稳了。', 'Hovering does not make it more accurate: in the simulator it is steady after every move.')],
        },
      ],
      checks: [
        { id: 'rings-and-pad', type: 'ringsInOrder', rings: allRings, landInZone: 'landing-pad' },
        {
          id: 'in-time', type: 'eventually', when: { all: [{ quantity: 'droneFlying', op: '==', value: false }, { inZone: 'landing-pad' }] }, withinS: 18,
          pass: L('18 秒内降落在停机坪上！', 'Down on the landing pad within 18 s!'),
          fail: L('18 秒内没有降落在停机坪上。', 'Not down on the landing pad within 18 s.'),
        },
        ceiling,
      ],
      reflection: L(
        '去掉悬停在模拟器里没问题，可真实的无人机每次移动后会晃一晃。比赛时你会怎样在「快」和「稳」之间选择？',
        'Cutting the hovers is fine in the simulator, but a real drone wobbles after each move. How would you choose between fast and steady in a contest?',
      ),
      starter: timed('timed-starter', false),
      solution: timed('timed-solution', true),
    },
  ],
  teacherNotes: L(`
    # 无人机穿环赛（社团，2 课时）

    ## 目标
    - 会把场地图转换成航线（距离、方向、高度），再转换成积木程序。
    - 理解比赛中「完成」和「用时」两个评分标准，学会在速度和稳定之间取舍。

    ## 课时安排
    **第 1 课时 三个圆环**
    - 10 分钟：发场地图（含坐标），学生在纸上画航线并标出每段距离。
    - 25 分钟：编程、运行、修正；检查通过后打印程序，和纸上的航线对照。
    - 5 分钟：反思：真实飞行的误差来源（气流、地面纹理、电量）。

    **第 2 课时 计时赛**
    - 5 分钟：讲计时规则：从程序开始到降落在停机坪上。
    - 20 分钟：学生优化程序；提前完成的同学研究能否少升高一次（3 号环高 1.2 米，圆环半径 35 厘米）。
    - 15 分钟：真机试飞（有条件的学校），每组 2 次机会，记录成绩。

    ## 常见错误
    - 把「顺时针」「逆时针」弄反：无人机朝西飞，撞墙。
    - 在 1 号环前就升高 40 厘米：飞到 1.2 米，1 号环（1 米高，半径 35 厘米）还能过，但要想清楚为什么。
    - 计时赛里把「升高 20 厘米」也删了：3 号环过不去。

    ## 真实无人机（Tello）
    - 用呼啦圈或 PVC 管做圆环，固定在支架上，位置和模拟器相同（可按比例缩小）。
    - 每次移动后真实 Tello 会有几厘米的误差，连续多段后误差会累积；比赛前在真实场地上多练几次并微调距离。
    - 室内飞行必须装保护罩，场地四周拉网；每架无人机配一名负责紧急停止的同学。
  `, `
    # Drone ring course (club, 2 class hours)

    ## Goal
    - Turn a map of the hall into a route (distances, directions, heights), then into a block program.
    - Understand the two scoring criteria of a contest, completing and time, and choose between fast and steady.

    ## Timing
    **Hour 1 — Three rings**
    - 10 min: hand out the map (with coordinates); students draw the route and label each leg's length.
    - 25 min: program, run, fix; once it passes, compare the program with the paper route.
    - 5 min: reflection: where real flights go wrong (air currents, floor texture, battery).

    **Hour 2 — Timed run**
    - 5 min: the timing rule: from the start of the program to landing on the pad.
    - 20 min: students optimise; early finishers find out whether one climb can go (ring 3 is 1.2 m up, rings have a
      35 cm radius).
    - 15 min: real flights where the school has drones: two tries per group, times recorded.

    ## Common mistakes
    - Clockwise and anticlockwise mixed up: the drone flies west into the wall.
    - Climbing 40 cm before ring 1: at 1.2 m it still passes ring 1 (1 m up, 35 cm radius), but students should
      know why.
    - Deleting the 20 cm climb in the timed run too: ring 3 is missed.

    ## Real drone (Tello)
    - Make rings from hula hoops or PVC pipe on stands, placed as in the simulator (scaled down if needed).
    - A real Tello misses each move by a few centimetres and the errors add up over several legs; practise on the
      real course before a contest and adjust the distances.
    - Indoors, always fit propeller guards and net the area; give every drone a student in charge of emergency stop.
  `),
};
