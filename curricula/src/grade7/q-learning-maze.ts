/** Grade 7, unit 7: reinforcement learning — a Q-learning robot on a 5 × 5 grid with a trap. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';
import { qGridSvg } from '../assets/q-grid';

const ARENA = 'grid-5x5';
const MODEL = 'Q表';

function agent(prefix: string, episodes: number, trapReward: number) {
  const b = new Blocks(prefix);
  const train = b.block('ai_q_train', {
    fields: { MODEL, ARENA },
    inputs: {
      EPISODES: b.num(episodes), ALPHA: b.num(0.5), GAMMA: b.num(0.9), EPSILON: b.num(0.2),
      GOAL: b.num(10), TRAP: b.num(trapReward), STEP: b.num(-1), WALL: b.num(-2),
    },
  });
  return lessonProject('robot', 'Q 学习走格子 Q-learning on a grid', ARENA, b, [b.whenStarted(
    train,
    b.print(b.val(b.block('ai_q_path', { fields: { MODEL } }))),
    b.block('ai_q_follow', { fields: { MODEL } }),
  )]);
}

const BLOCKS = ['ai_q_train', 'ai_q_path', 'ai_q_follow', 'ai_q_best_action', 'text_print'];
const reachesGoal = { id: 'reaches-goal', type: 'eventually', when: { inZone: 'goal' }, withinS: 60 } as const;
const avoidsTrap = {
  id: 'avoids-trap', type: 'never', when: { inZone: 'trap' },
  fail: L('小车在第 {{time}} 秒掉进了陷阱。', 'The robot fell into the trap at {{time}} s.'),
} as const;

export const qLearningMaze: UnitSource = {
  id: 'q-learning-maze',
  grade: '7',
  order: 7,
  title: L('强化学习：Q 学习机器人走格子', 'Reinforcement learning: a Q-learning robot on a grid'),
  summary: L(
    '没有人告诉机器人路怎么走，它靠一次次试、得到奖励和惩罚来学习。调训练回合数和奖励，看 Q 表怎样变成一条路线。',
    'Nobody tells the robot the way: it learns by trying again and again, earning rewards and penalties. Change the number of training episodes and the rewards, and watch the Q-table turn into a route.',
  ),
  classHours: 2,
  target: { kit: 'robot', arenaId: ARENA, hardware: ['ailab-robot', 'firmata-uno-car'] },
  prerequisites: ['kmeans-clustering'],
  assets: [{ name: 'q-grid.svg', svg: qGridSvg }],
  lessons: [
    {
      id: 'practice-makes-perfect',
      title: L('多练才会', 'Practice makes perfect'),
      run: { arenaId: ARENA, seed: 1, seconds: 60 },
      steps: [
        {
          id: 'trial-and-reward',
          title: L('试错和奖励', 'Trial and reward'),
          text: L(`
            5 × 5 的格子里，小车从左下角出发，要到绿色终点，红色格子是陷阱。每走一步 −1 分，撞墙 −2 分，到终点 +10 分，掉进陷阱 −10 分。
            **Q 表**记着「在每个格子往每个方向走，将来大概能得多少分」。每一**回合**，机器人从起点试着走，边走边更新 Q 表。
            现在只训练 5 个回合。点 **运行**：学到的路线（打印出来的方向）走不到终点。

            ![5×5 格子：蓝色起点、红色陷阱、绿色终点和学到的路线](../../assets/q-grid.svg)
          `, `
            On a 5 × 5 grid the robot starts bottom left and must reach the green goal; the red cell is a trap. Each move
            costs 1 point, bumping a wall 2, the goal gives +10 and the trap −10. The **Q-table** holds, for every cell
            and direction, "how many points can I expect from here if I go this way?". In each **episode** the robot
            tries a walk from the start and updates the table as it goes. Only 5 episodes are trained now. Press
            **Run**: the learned route (the printed directions) does not reach the goal.

            ![The 5 × 5 grid: blue start, red trap, green goal and a learned route](../../assets/q-grid.svg)
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'more-episodes',
          title: L('多训练几回合', 'Train more episodes'),
          text: L(`
            把回合数改成 20、100、300，每次运行，打开「Q 表」视图看颜色和箭头怎样变化。
            训练够了，学到的路线会绕开陷阱，从东边进入终点，小车照着它走过去。
          `, `
            Change the episodes to 20, 100 and 300, run each time and watch the colours and arrows in the Q-table view.
            With enough training the route goes round the trap and enters the goal from the east, and the robot drives it.
          `),
          toolbox: BLOCKS,
          checks: ['reaches-goal', 'avoids-trap'],
          hints: [L('回合数太少时，机器人还没「试」到过终点，Q 表里全是撞墙和走路的扣分。', 'With too few episodes the robot has never reached the goal, so the table only knows the costs of walking and bumping.')],
        },
      ],
      checks: [reachesGoal, avoidsTrap],
      reflection: L(
        '你学骑自行车时是怎么「试错」的？摔跤和骑稳分别像 Q 学习里的什么？',
        'How did you learn to ride a bike by trial and error? What were falling off and riding steadily, in Q-learning terms?',
      ),
      starter: agent('practice-starter', 5, -10),
      solution: agent('practice-solution', 300, -10),
    },
    {
      id: 'reward-design',
      title: L('奖励决定了学什么', 'Rewards decide what is learned'),
      run: { arenaId: ARENA, seed: 1, seconds: 60 },
      steps: [
        {
          id: 'wrong-reward',
          title: L('奖励设错了', 'A reward set wrong'),
          text: L(`
            有人把陷阱的奖励写成了 **+10**。训练了 300 回合，点 **运行**：机器人学得很认真——直奔陷阱！
            机器人不知道我们「想要」什么，它只会追求奖励。
          `, `
            Someone typed the trap's reward as **+10**. After 300 episodes, press **Run**: the robot learned very
            well, straight into the trap! The robot does not know what we "want"; it only chases rewards.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'fix-reward',
          title: L('改对奖励', 'Fix the reward'),
          text: L(`
            把陷阱奖励改回 −10，再运行。再试试把「每步」改成 0：路线还是最短的吗？为什么每走一步要扣一点分？
          `, `
            Set the trap's reward back to −10 and run again. Then try the step cost at 0: is the route still the
            shortest? Why should every move cost a little?
          `),
          toolbox: BLOCKS,
          checks: ['reaches-goal', 'avoids-trap'],
          hints: [L('陷阱是要躲开的：奖励应该是负数。', 'The trap is to be avoided: its reward should be negative.')],
        },
      ],
      checks: [reachesGoal, avoidsTrap],
      reflection: L(
        '短视频平台用「观看时长」奖励推荐算法，它会学会什么？这对我们好吗？',
        'A video app rewards its recommender for watch time. What will it learn? Is that good for us?',
      ),
      starter: agent('reward-starter', 300, 10),
      solution: agent('reward-solution', 300, -10),
    },
  ],
  teacherNotes: L(`
    # 强化学习：Q 学习机器人走格子（2 课时）

    ## 目标
    - 理解强化学习的要素：状态（格子）、动作（东南西北）、奖励、回合；Q 表记录每个状态下每个动作的预期得分。
    - 知道训练量、学习率 α、折扣 γ、探索 ε 和奖励设计都会影响学到的策略；奖励设错，机器人就学错。

    ## 课时安排
    **第 1 课时 多练才会**
    - 15 分钟：不插电：在地上用胶带贴 5 × 5 格子，一位同学蒙眼走，其他同学只报分数（−1、+10、−10），几轮后他记住了路线；黑板上同步填一张简化 Q 表。
    - 20 分钟：改回合数，观察 Q 表热力图和路线；检查通过。
    - 5 分钟：反思：试错学习。

    **第 2 课时 奖励决定了学什么**
    - 20 分钟：运行「陷阱 +10」，讨论；改回奖励；试每步 0、撞墙 0、ε = 0 和 ε = 1 的效果。
    - 20 分钟：讨论奖励与价值观：推荐算法、游戏 AI；「算法追求我们设定的目标，而不是我们心里想要的」。

    ## 常见错误
    - 回合数改得太大（10 万）：模拟器里很快，但学生以为越多越好；让他们比较 300 和 10 万的路线（一样）。
    - 把 γ 设成 0：只看眼前一步，学不到远处的终点。
    - 以为小车在模拟器里边走边学：训练在格子模型上完成（很快），学好以后小车才按路线开。

    ## 真实小车
    - 在地上贴 5 × 5 格（每格 50 厘米）和彩色终点 / 陷阱，真实小车用「按路线行驶」积木走学到的路线（只用行驶和转弯，靠陀螺仪转向）。
    - 真实小车走多格后会有累计误差，格子边线可以让学生看出偏差。
  `, `
    # Reinforcement learning: a Q-learning robot on a grid (2 class hours)

    ## Goal
    - Understand the parts of reinforcement learning: states (cells), actions (N, E, S, W), rewards, episodes; the
      Q-table holds the expected score of each action in each state.
    - Know that training time, learning rate α, discount γ, exploration ε and reward design all shape the learned
      policy; a wrong reward teaches the wrong thing.

    ## Timing
    **Hour 1 — Practice makes perfect**
    - 15 min: unplugged: tape a 5 × 5 grid on the floor; a blindfolded student walks it while the others only call
      out scores (−1, +10, −10); after a few rounds they know the way; fill in a simple Q-table on the board.
    - 20 min: change the episodes, watch the Q-table heat map and the route; pass the check.
    - 5 min: reflection: learning by trial and error.

    **Hour 2 — Rewards decide what is learned**
    - 20 min: run "trap +10" and discuss; fix the reward; try a step cost of 0, a wall cost of 0, ε = 0 and ε = 1.
    - 20 min: rewards and values: recommenders, game AI; "an algorithm chases the goal we set, not the one we meant".

    ## Common mistakes
    - Huge episode counts (100,000): fast in the simulator, but students think more is always better; compare the
      routes for 300 and 100,000 (the same).
    - γ set to 0: only the next step counts, so a distant goal is never learned.
    - Thinking the robot learns while driving: training runs on the grid model (fast); the robot drives the route
      once it has been learned.

    ## Real robot
    - Tape a 5 × 5 grid (50 cm cells) with a coloured goal and trap on the floor; the real robot drives the learned
      route with the "follow the learned path" block (drive and turn only, turning on the gyro).
    - A real robot drifts over several cells; the grid lines let students see the error.
  `),
};
