/** Grade 4, unit 9: AI and us — ethics and privacy, with a people counter that collects only what it needs. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';

const ARENA = 'open-floor';
const YELLOW = '#ffff00';
const OFF = '#000000';

function counter(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const motion = () => b.block('kit_motion');
  const loop = solved
    ? b.forever(b.waitUntil(motion()), b.led(YELLOW), b.change('people', b.num(1)), b.show(b.get('people')), b.waitUntil(b.not(motion())), b.led(OFF))
    : b.forever(b.ifElse([[motion(), [b.change('people', b.num(1)), b.show(b.get('people'))]]]), b.wait(0.1));
  return lessonProject('sensorkit', '只数人数的计数器 A counter that only counts', ARENA, b, [b.whenStarted(b.set('people', b.num(0)), loop)]);
}

const BLOCKS = ['control_forever', 'control_wait_until', 'kit_motion', 'logic_negate', 'controls_if', 'math_change', 'variables_set', 'looks_set_led', 'looks_show_text', 'control_wait_s'];

export const aiAndUs: UnitSource = {
  id: 'ai-and-us',
  grade: '4',
  order: 9,
  title: L('人工智能与我们：伦理和隐私', 'AI and us: ethics and privacy'),
  summary: L(
    '讨论人工智能收集哪些数据、谁能看到；做一个只数人数、不拍照、工作时亮灯告诉大家的图书角计数器。',
    'Discuss what data AI collects and who sees it; build a reading-corner counter that only counts people, takes no pictures, and shows a light while it senses.',
  ),
  classHours: 1,
  target: { kit: 'sensorkit', arenaId: ARENA, hardware: ['firmata-uno-sensorkit'] },
  prerequisites: ['classroom-data'],
  lessons: [
    {
      id: 'fair-counter',
      title: L('图书角计数器', 'The reading-corner counter'),
      // Three classmates walk past the sensor, each for one second.
      run: {
        arenaId: ARENA, seed: 1, seconds: 10,
        kitInputs: [
          { atS: 1, input: 'motion', value: true }, { atS: 2, input: 'motion', value: false },
          { atS: 4, input: 'motion', value: true }, { atS: 5, input: 'motion', value: false },
          { atS: 7, input: 'motion', value: true }, { atS: 8, input: 'motion', value: false },
        ],
      },
      steps: [
        {
          id: 'what-data',
          title: L('需要什么数据？', 'What data do we need?'),
          text: L(`
            老师想知道每天有多少同学来图书角。可以装摄像头拍下每个人，也可以只用**人体感应器**数一数人数。
            想一想：哪种办法收集的数据更少、更保护大家的**隐私**？只要够用就好，不多收集。
          `, `
            The teacher wants to know how many classmates visit the reading corner each day. A camera could photograph
            everyone, or a **motion sensor** could just count. Which way collects less data and protects everyone's
            **privacy** better? Collect only what you need.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'count-once',
          title: L('一个人只数一次', 'Count each person once'),
          text: L(`
            点 **运行**：检查时有 3 位同学走过，可是计数器数出了很多！因为一个人经过要 1 秒，程序每 0.1 秒就数一次。
            改成：「等待直到 有人经过」→ 人数加 1 →「等待直到 不是有人经过」。
          `, `
            Press **Run**: during the check 3 classmates walk past, but the counter counts far more! Passing takes a
            second, and the program counts every 0.1 s. Change it to: "wait until motion detected" → add 1 to people →
            "wait until not motion detected".
          `),
          toolbox: BLOCKS,
          checks: ['three-people'],
          hints: [L('「不是」积木在「运算」里，把「有人经过？」放进去。', 'The "not" block is in Operators; put "motion detected?" inside it.')],
        },
        {
          id: 'tell-people',
          title: L('工作时亮灯', 'Light up while sensing'),
          text: L(`
            被传感器记录的人有权**知道**。有人经过、计数器在数的时候亮**黄灯**，人走了就关灯（设为黑色）。
          `, `
            People who are sensed have a right to **know**. While someone is passing and the counter is counting, light
            the LED **yellow**; when they have gone, turn it off (set it to black).
          `),
          toolbox: BLOCKS,
          checks: ['light-while-sensing'],
          hints: [L('黄灯放在人数加 1 的前面，关灯放在最后。', 'Yellow goes before "add 1 to people", off goes at the end.')],
        },
      ],
      checks: [
        {
          id: 'three-people', type: 'variableEquals', name: 'people', value: 3,
          pass: L('数对了：3 位同学。', 'Counted right: 3 classmates.'),
          fail: L('人数不对：应该是 3 位同学。', 'Wrong count: it should be 3 classmates.'),
        },
        {
          id: 'light-while-sensing', type: 'whenever', if: { quantity: 'motion', op: '==', value: true }, then: { quantity: 'kitLed', op: '==', value: YELLOW }, graceMs: 200,
          fail: L('有人经过时，黄灯没有亮。', 'The yellow light was not on while someone was passing.'),
        },
      ],
      reflection: L(
        '如果计数器换成会认人脸的摄像头，它能多知道些什么？这些信息应该由谁保管？你愿意吗？',
        'If the counter were a camera that recognises faces, what more would it know? Who should keep that information? Would you agree to it?',
      ),
      starter: counter('counter-starter', false),
      solution: counter('counter-solution', true),
    },
  ],
  teacherNotes: L(`
    # 人工智能与我们：伦理和隐私（1 课时）

    ## 目标
    - 知道人工智能要用数据，数据可能涉及个人隐私；能说出「只收集需要的数据」「让被记录的人知道」两条原则。
    - 会用「等待直到」让计数器一个人只数一次。

    ## 课时安排
    - 10 分钟：情景讨论：人脸识别门禁、小区摄像头、智能音箱「一直在听」。每组选一个，说说它收集了什么、谁能看到。
    - 5 分钟：图书角计数器的两个方案（摄像头 / 人体感应器）投票并说理由。
    - 20 分钟：学生修改计数器（一人一次、亮灯提示），检查通过。
    - 5 分钟：反思问题，写一句「我的数据我做主」的小约定。

    ## 常见错误
    - 只加了「等待直到 有人经过」，没有等人离开：一个人还是被数很多次。
    - 黄灯放在「等待直到 不是有人经过」后面：人走了才亮灯。
    - 讨论时把「隐私」理解成「秘密」：引导到「和我有关、别人不该随便拿去用的信息」。

    ## 真实传感器套件
    - 人体红外感应模块（HC-SR501）上电后要预热约 1 分钟，触发后会保持高电平几秒（可调旋钮），真实计数时「等待直到 不是有人经过」会等得更久。
    - 计数器可以真的放在图书角一天，第二天一起看数据；数据只记人数，不记名字和时间以外的信息。
  `, `
    # AI and us: ethics and privacy (1 class hour)

    ## Goal
    - Know that AI uses data and data can be personal; state two principles: collect only what you need, and let
      people know they are being sensed.
    - Use "wait until" so the counter counts each person once.

    ## Timing
    - 10 min: scenarios: face-recognition gates, cameras in housing estates, smart speakers that are "always
      listening". Each group picks one: what does it collect, who can see it?
    - 5 min: vote on the two reading-corner designs (camera / motion sensor) and give reasons.
    - 20 min: students fix the counter (one count per person, a light while sensing) until the check passes.
    - 5 min: the reflection question; write one class rule about "my data, my say".

    ## Common mistakes
    - Only "wait until motion detected" without waiting for the person to leave: still counted many times.
    - The yellow light after "wait until not motion detected": it lights only once the person has gone.
    - Taking "privacy" to mean "secrets": steer towards "information about me that others should not just take and use".

    ## Real sensor kit
    - A PIR motion module (HC-SR501) needs about a minute to warm up and holds its output high for a few seconds
      after a trigger (adjustable knob), so "wait until not motion detected" waits longer on real hardware.
    - The counter can really sit in the reading corner for a day; look at the data together the next day. It stores
      a count only: no names, nothing beyond the number and the time.
  `),
};
