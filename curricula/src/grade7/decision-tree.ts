/** Grade 7, unit 4: decision trees — one question is not enough for four colours; how deep must the tree be? */
import { Blocks, lessonProject } from '../../tools/blocks';
import { colourReadings } from '../../tools/data';
import { L, type UnitSource } from '../../tools/unit-source';
import { ai, DATA_ARENA } from './shared';

const DATASET = '卡片读数';
const MODEL = '颜色决策树';
/** Colour readings of four cards: a tree needs several questions (thresholds on R, G, B) to tell them apart. */
export const CARD_DATA = colourReadings('card-readings', DATASET, { red: 15, green: 15, blue: 15, yellow: 15 }, 3, 60);

function tree(prefix: string, depth: number) {
  const b = new Blocks(prefix);
  const reading = () => b.val(ai.features(b, b.num(220), b.num(190), b.num(70)));
  return lessonProject('sensorkit', '决策树 Decision tree', DATA_ARENA, b, [b.whenStarted(
    ai.trainTree(b, MODEL, DATASET, depth, 30),
    b.print(b.val(b.join(b.text('accuracy '), b.val(ai.accuracy(b, MODEL)), b.text('%')))),
    b.set('guess', b.val(ai.predict(b, MODEL, reading()))),
    b.print(b.get('guess')),
  )], { datasets: [CARD_DATA] });
}

/** Teacher-labelled classroom conditions: open the window when it is warmer than 26 °C or more humid than 70 %. */
const WINDOW_SAMPLES = [18, 20, 22, 24, 26, 28, 30, 32, 34].flatMap((t) => [30, 40, 50, 60, 70, 80, 90].map((h) => ({ values: [t, h], label: t > 26 || h > 70 ? '开窗' : '关窗' })));
export const WINDOW_DATA = { id: 'window', name: '开窗记录', features: ['温度', '湿度'], samples: WINDOW_SAMPLES };

function windowAdvisor(prefix: string, depth: number) {
  const b = new Blocks(prefix);
  const now = () => b.val(ai.features(b, b.read('kit_temperature_c'), b.read('kit_humidity_percent')));
  const act = b.ifElse([[b.compare('==', b.get('advice'), b.text('开窗')), [b.led('#00ff00')]]], [b.led('#ff0000')]);
  return lessonProject('sensorkit', '开窗小助手 Window advisor', DATA_ARENA, b, [b.whenStarted(
    ai.trainTree(b, '开窗树', '开窗记录', depth, 20),
    b.forever(b.set('advice', b.val(ai.predict(b, '开窗树', now()))), act, b.show(b.get('advice')), b.wait(0.5)),
  )], { datasets: [WINDOW_DATA] });
}

const BLOCKS = ['ai_train_tree', 'ai_model_accuracy', 'ai_predict', 'ai_features', 'variables_set', 'variables_get', 'text_print', 'text_join', 'text'];

export const decisionTree: UnitSource = {
  id: 'decision-tree',
  grade: '7',
  order: 4,
  title: L('决策树：一层层提问来分类', 'Decision trees: classify by asking questions'),
  summary: L(
    '像玩「二十个问题」一样，决策树每次问一个「某个读数小于多少？」的问题。只问一个问题分不出四种颜色，要几层才够？',
    'Like the game of twenty questions, a decision tree asks one "is this reading below …?" question at a time. One question cannot tell four colours apart: how many levels are enough?',
  ),
  classHours: 2,
  target: { kit: 'sensorkit', arenaId: DATA_ARENA, hardware: ['firmata-uno-sensorkit'] },
  prerequisites: ['train-test-accuracy'],
  lessons: [
    {
      id: 'how-deep',
      title: L('树要多深？', 'How deep must the tree be?'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'one-question',
          title: L('只问一个问题', 'Only one question'),
          text: L(`
            决策树从树根开始提问，例如「B 小于 130 吗？」，回答「是」走左边、「否」走右边，走到叶子就得出答案。
            程序训练了一棵**最大深度 1**的树：只能问一个问题。点 **运行**，看准确率：一个问题只能把卡片分成两堆，四种颜色怎么分得开？
          `, `
            A decision tree asks questions from the root, such as "is B below 130?": "yes" goes left, "no" goes right,
            and a leaf gives the answer. The program trains a tree of **maximum depth 1**: it may ask one question only.
            Press **Run** and look at the accuracy: one question splits the cards into two piles, so how could it tell
            four colours apart?
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'deeper',
          title: L('再多问几层', 'Ask a few more levels'),
          text: L(`
            把最大深度改成 2、3、4，每次运行并记下准确率。打开「模型」面板看看树画出来是什么样：每个节点问的是哪个读数？
            找到让准确率达到 90% 以上的**最浅**的树。最后检查的读数 (220, 190, 70) 应该被认成 yellow。
          `, `
            Change the maximum depth to 2, 3 and 4, run each time and note the accuracy. Open the Model panel to see the
            tree drawn: which reading does each node ask about? Find the **shallowest** tree that reaches 90 % or more.
            The reading (220, 190, 70) checked at the end should come out as yellow.
          `),
          toolbox: BLOCKS,
          checks: ['accurate-tree', 'yellow', 'not-too-deep'],
          hints: [
            L('四种颜色至少要分成四个叶子：深度 1 只有 2 个叶子，深度 2 最多 4 个。', 'Four colours need at least four leaves: depth 1 has 2 leaves, depth 2 at most 4.'),
            L('深度太大时树会记住噪声，这叫「过拟合」。', 'A tree that is too deep learns the noise by heart: that is called overfitting.'),
          ],
        },
      ],
      checks: [
        { id: 'accurate-tree', type: 'modelMetric', model: MODEL, metric: 'accuracy', op: '>=', value: 0.9 },
        {
          id: 'yellow', type: 'variableEquals', name: 'guess', value: 'yellow',
          pass: L('决策树把 (220, 190, 70) 认成了黄色。', 'The tree named (220, 190, 70) yellow.'),
        },
        {
          id: 'not-too-deep', type: 'usesBlock', block: 'ai_train_tree', min: 1, max: 1,
          pass: L('只训练了一棵树。', 'Exactly one tree trained.'),
          fail: L('只留一块训练决策树的积木，改它的深度。', 'Keep one train-tree block and change its depth.'),
        },
      ],
      reflection: L(
        'K 近邻和决策树都能分颜色。哪一个更容易向别人解释「为什么这样判断」？这一点在什么场合很重要？',
        'KNN and decision trees can both sort colours. Which one makes it easier to explain why it decided as it did? When does that matter?',
      ),
      starter: tree('tree-starter', 1),
      solution: tree('tree-solution', 3),
    },
    {
      id: 'window-advisor',
      title: L('开窗小助手', 'The window advisor'),
      // A warm spell, then a humid spell (rain outside), each followed by normal conditions.
      run: {
        arenaId: DATA_ARENA, seed: 1, seconds: 16,
        kitInputs: [
          { atS: 0, input: 'temperatureC', value: 22 }, { atS: 0, input: 'humidityPercent', value: 50 },
          { atS: 3, input: 'temperatureC', value: 30 }, { atS: 6, input: 'temperatureC', value: 22 },
          { atS: 9, input: 'humidityPercent', value: 85 }, { atS: 12, input: 'humidityPercent', value: 50 },
        ],
      },
      steps: [
        {
          id: 'live-sensors',
          title: L('用传感器的实时读数做判断', 'Decide from live sensor readings'),
          text: L(`
            「开窗记录」是老师标注的 63 条记录：温度、湿度，和当时该不该开窗。规则藏在数据里：热了要开窗，太潮湿也要开窗。
            程序用深度 1 的决策树，每半秒读一次温度和湿度，绿灯 = 开窗，红灯 = 关窗。点 **运行**：检查时先变热、再变潮。变潮的时候灯是什么颜色？
          `, `
            "开窗记录" (window log) holds 63 records labelled by the teacher: temperature, humidity, and whether the
            window should be open (开窗) or closed (关窗). The rule hides in the data: open it when it is hot, and also
            when it is very humid. The program uses a depth-1 tree and reads temperature and humidity every half second:
            green = open, red = closed. Press **Run**: during the check it first gets hot, then humid. What colour is the
            LED in the humid spell?
          `),
          toolbox: [...BLOCKS, 'kit_temperature_c', 'kit_humidity_percent', 'control_forever', 'controls_if', 'logic_compare', 'looks_set_led', 'looks_show_text', 'control_wait_s'],
        },
        {
          id: 'second-question',
          title: L('再问一个问题', 'One more question'),
          text: L(`
            深度 1 的树只问了温度，没问湿度。把最大深度改成 2，让它能再问一个问题。在「模型」面板里看看：第二层问的是什么？
          `, `
            The depth-1 tree only asks about the temperature, never the humidity. Change the maximum depth to 2 so it
            may ask one more question. Look in the Model panel: what does the second level ask?
          `),
          toolbox: [...BLOCKS, 'kit_temperature_c', 'kit_humidity_percent', 'control_forever', 'controls_if', 'logic_compare', 'looks_set_led', 'looks_show_text', 'control_wait_s'],
          checks: ['open-when-hot', 'open-when-humid', 'closed-when-fine'],
          hints: [L('只改训练积木里的深度。', 'Only the depth in the train block changes.')],
        },
      ],
      checks: [
        { id: 'open-when-hot', type: 'whenever', if: { quantity: 'temperatureC', op: '>', value: 28 }, then: { quantity: 'kitLed', op: '==', value: '#00ff00' }, graceMs: 700 },
        {
          id: 'open-when-humid', type: 'whenever', if: { quantity: 'humidityPercent', op: '>', value: 80 }, then: { quantity: 'kitLed', op: '==', value: '#00ff00' }, graceMs: 700,
          fail: L('太潮湿的时候，小助手没有建议开窗。', 'When it was very humid, the advisor did not say "open the window".'),
        },
        {
          id: 'closed-when-fine', type: 'whenever', if: { all: [{ quantity: 'temperatureC', op: '<', value: 24 }, { quantity: 'humidityPercent', op: '<', value: 60 }] }, then: { quantity: 'kitLed', op: '==', value: '#ff0000' }, graceMs: 700,
        },
      ],
      reflection: L(
        '如果开窗小助手建议错了，谁来负责？你会让它直接控制窗户，还是只给人提建议？',
        'If the window advisor advises wrongly, who is responsible? Would you let it open the window itself, or only advise a person?',
      ),
      starter: windowAdvisor('window-starter', 1),
      solution: windowAdvisor('window-solution', 2),
    },
  ],
  teacherNotes: L(`
    # 决策树：一层层提问来分类（2 课时）

    ## 目标
    - 理解决策树按特征阈值逐层提问、在叶子上给出类别；深度限制了提问的层数。
    - 比较不同深度的准确率，认识「欠拟合」（太浅）和「过拟合」（太深）；知道决策树便于解释。

    ## 课时安排
    **第 1 课时 不插电 + 深度 1**
    - 15 分钟：「二十个问题」游戏：老师心里想一种水果，学生只能问「是 / 否」问题；把提问过程画成树。
    - 10 分钟：用 4 种颜色卡片的 R、G、B 表格，小组手工设计一棵两层的树，算算分对几张。
    - 15 分钟：运行起始程序，理解深度 1 只能分两堆。

    **第 2 课时 要多深？开窗小助手**
    - 15 分钟：试深度 1–6，记录准确率，画「深度—准确率」折线；在模型面板看树的结构。
    - 15 分钟：开窗小助手：深度 1 只看温度，加一层才会看湿度；用传感器套件的实时读数驱动彩灯。
    - 10 分钟：讨论可解释性和责任：为什么银行拒绝贷款、学校录取要说清理由；决策树和 K 近邻的比较；建议和自动执行的区别。

    ## 常见错误
    - 以为深度越大越好：这份数据深度 3 已达 100%，再深只会学噪声（测试集大时能看到准确率下降）。
    - 把「测试比例」当成深度改。
    - 预测的特征只给了两个数：运行时报「特征数量不对」。

    ## 说明
    - 决策树用 CART 算法（基尼系数）选每个节点的问题；学生不需要计算基尼系数，只需理解「挑最能把样本分开的问题」。
    - 真实传感器套件：温湿度模块（DHT11）接好后，开窗小助手可以直接用教室的实时读数；对着传感器哈气，湿度会很快升高。
  `, `
    # Decision trees: classify by asking questions (2 class hours)

    ## Goal
    - Understand that a decision tree asks threshold questions about features level by level and gives a class at a
      leaf; the depth limits how many levels of questions it may ask.
    - Compare accuracy at different depths, meet underfitting (too shallow) and overfitting (too deep), and know that
      trees are easy to explain.

    ## Timing
    **Hour 1 — Unplugged, then depth 1**
    - 15 min: twenty questions: the teacher thinks of a fruit, students may only ask yes/no questions; draw the
      questioning as a tree.
    - 10 min: with a table of R, G, B readings of the four cards, groups design a two-level tree by hand and count
      how many cards it gets right.
    - 15 min: run the starter and see that depth 1 only makes two piles.

    **Hour 2 — How deep? The window advisor**
    - 15 min: try depths 1–6, note the accuracies, draw a depth–accuracy line; look at the tree in the Model panel.
    - 15 min: the window advisor: depth 1 only looks at the temperature, one more level adds the humidity; live
      sensor-kit readings drive the LED.
    - 10 min: explainability and responsibility: why banks refusing a loan or schools admitting students must give
      reasons; trees compared with KNN; advising versus acting automatically.

    ## Common mistakes
    - Thinking deeper is always better: here depth 3 already reaches 100 %; deeper only learns noise (with a larger
      test set the accuracy drops).
    - Changing the test share instead of the depth.
    - Only two numbers in the prediction's features: the run stops with "wrong number of features".

    ## Notes
    - The tree is built with CART (Gini impurity) to choose each node's question; students need not compute Gini,
      only grasp "pick the question that best separates the samples".
    - Real sensor kit: with a temperature/humidity module (DHT11) wired up, the window advisor runs on the room's
      live readings; breathing on the sensor raises the humidity quickly.
  `),
};
