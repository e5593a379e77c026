/** Grade 7, unit 9: AI ethics — bias in data: too few samples of one class; data from only one lighting condition. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { colourReadings, mergeDatasets } from '../../tools/data';
import { L, type UnitSource } from '../../tools/unit-source';
import { ai, DATA_ARENA } from './shared';

/** Plenty of red, green and blue readings, but only two yellow ones: nobody had many yellow cards. */
export const LOPSIDED = colourReadings('lopsided', '偏科数据', { red: 20, green: 20, blue: 20, yellow: 2 }, 5);
/** Readings all taken by the sunny window … */
export const BRIGHT = colourReadings('bright', '亮处数据', { red: 12, green: 12, blue: 12, yellow: 12 }, 5);
/** … and the same cards read again at the back of the room, where it is dim. */
const DIM = colourReadings('dim', '暗处数据', { red: 12, green: 12, blue: 12, yellow: 12 }, 6, 25, 0.55);
export const BOTH_LIGHTS = mergeDatasets('both-lights', '明暗都有', BRIGHT, DIM);

const features = (b: Blocks, r: number, g: number, bl: number) => b.val(ai.features(b, b.num(r), b.num(g), b.num(bl)));
const around = (b: Blocks, centre: number) => b.val(b.block('math_random_int', { inputs: { FROM: b.num(centre - 20), TO: b.num(centre + 20) } }));

function lopsided(prefix: string, balanced: boolean) {
  const b = new Blocks(prefix);
  const collect = balanced
    ? [b.repeat(10, ai.record(b, '偏科数据', b.val(ai.features(b, around(b, 215), around(b, 200), around(b, 55))), b.text('yellow')))]
    : [];
  return lessonProject('sensorkit', '少了黄色 Too little yellow', DATA_ARENA, b, [b.whenStarted(
    ...collect,
    ai.trainKnn(b, '颜色模型', '偏科数据', 5, 0),
    b.set('guess', b.val(ai.predict(b, '颜色模型', features(b, 215, 200, 55)))),
    b.print(b.val(b.join(b.text('yellow card → '), b.get('guess')))),
  )], { datasets: [LOPSIDED] });
}
function lighting(prefix: string, dataset: string) {
  const b = new Blocks(prefix);
  return lessonProject('sensorkit', '换个地方就认错 Wrong in another place', DATA_ARENA, b, [b.whenStarted(
    ai.trainKnn(b, '颜色模型', dataset, 3, 25),
    b.print(b.val(b.join(b.text('accuracy '), b.val(ai.accuracy(b, '颜色模型')), b.text('%')))),
    b.set('dim yellow', b.val(ai.predict(b, '颜色模型', features(b, 118, 110, 30)))),
    b.print(b.val(b.join(b.text('yellow card, back of the room → '), b.get('dim yellow')))),
  )], { datasets: [BRIGHT, BOTH_LIGHTS] });
}

const BLOCKS = ['ai_train_knn', 'ai_predict', 'ai_features', 'ai_record', 'ai_dataset_size', 'ai_model_accuracy', 'controls_repeat_ext', 'math_random_int', 'variables_set', 'variables_get', 'text_print', 'text_join', 'text'];

export const ethicsBias: UnitSource = {
  id: 'ethics-bias',
  grade: '7',
  order: 9,
  title: L('人工智能伦理：数据里的偏见', 'AI ethics: bias in data'),
  summary: L(
    '模型只会像它的数据：黄色样本太少，黄卡片就被认成红色；只在窗边采数据，到了教室后排就认错。补上缺的数据，再讨论人脸识别等真实例子里的公平问题。',
    'A model is only as good as its data: with too few yellow samples a yellow card is called red; with data taken only by the window, the model fails at the back of the room. Fill the gaps, then discuss fairness in real cases such as face recognition.',
  ),
  classHours: 2,
  target: { kit: 'sensorkit', arenaId: DATA_ARENA, hardware: [] },
  prerequisites: ['knn-colours'],
  lessons: [
    {
      id: 'too-few-samples',
      title: L('样本太少的那一类', 'The class with too few samples'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'lopsided',
          title: L('偏科的数据', 'Lopsided data'),
          text: L(`
            「偏科数据」里红、绿、蓝各 20 个样本，黄色只有 2 个。点 **运行**：一张黄色卡片 (215, 200, 55) 被认成了红色！
            5 个邻居里最多只有 2 个黄色，剩下的「票」被别的颜色拿走了。打开「数据」面板，看看它给出的提醒。
          `, `
            "偏科数据" (lopsided data) has 20 samples each of red, green and blue, but only 2 yellow ones. Press **Run**:
            a yellow card (215, 200, 55) is called red! At most 2 of the 5 neighbours can be yellow; the other votes go
            to other colours. Open the Data panel and read the warning it shows.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'collect-more',
          title: L('补上黄色样本', 'Add yellow samples'),
          text: L(`
            在训练之前，用「重复 10 次」记录 10 个黄色样本：R 在 195–235、G 在 180–220、B 在 35–75 之间随机（模拟多读几张黄卡片），标签 yellow，存进「偏科数据」。
            再训练、再预测：这次黄卡片认对了吗？
          `, `
            Before training, use "repeat 10 times" to record 10 yellow samples: R random in 195–235, G in 180–220, B in
            35–75 (as if reading more yellow cards), label yellow, into "偏科数据". Train and predict again: is the
            yellow card right this time?
          `),
          toolbox: BLOCKS,
          checks: ['enough-yellow', 'yellow-right'],
          hints: [L('「在 … 和 … 之间取随机整数」在「运算」里。', '"random integer from … to …" is in Operators.')],
        },
      ],
      checks: [
        {
          id: 'enough-yellow', type: 'datasetSize', dataset: '偏科数据', samples: 72, classes: 4,
          pass: L('黄色样本补上了。', 'Yellow samples added.'),
          fail: L('数据集里还是只有很少的黄色样本：记录 10 个新的黄色样本。', 'Still hardly any yellow samples: record 10 new yellow ones.'),
        },
        {
          id: 'yellow-right', type: 'variableEquals', name: 'guess', value: 'yellow',
          pass: L('黄色卡片认对了！', 'The yellow card is recognised!'),
          fail: L('黄色卡片还是被认错了。', 'The yellow card is still named wrongly.'),
        },
      ],
      reflection: L(
        '有报道说，一些人脸识别系统认错深肤色女性的次数比认错浅肤色男性多得多。从这节课看，可能是什么原因？应该由谁来负责？',
        'Studies found some face-recognition systems misidentified darker-skinned women far more often than lighter-skinned men. From this lesson, what could the cause be? Who should be responsible?',
      ),
      starter: lopsided('few-starter', false),
      solution: lopsided('few-solution', true),
    },
    {
      id: 'only-by-the-window',
      title: L('只在窗边采的数据', 'Data from by the window only'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'dim-corner',
          title: L('换个地方就认错', 'Wrong in another place'),
          text: L(`
            「亮处数据」四种颜色各 12 个，都是在阳光充足的窗边采的，测试准确率很高。
            可是把小车放到光线暗的教室后排，黄卡片读出来只有 (118, 110, 30)。点 **运行**：模型说它是什么？
          `, `
            "亮处数据" (bright data) has 12 samples of each colour, all taken by the sunny window, and the test accuracy is
            high. But at the dim back of the room the yellow card reads only (118, 110, 30). Press **Run**: what does the
            model call it?
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'both-lights',
          title: L('明暗都要有', 'Bright and dim, both'),
          text: L(`
            另一组同学在教室后排又读了一遍这些卡片，和窗边的数据合在一起，叫「明暗都有」。把训练用的数据集换成它，再运行。
            模型要用在什么环境，数据就要从什么环境里来。
          `, `
            Another group read the same cards again at the back of the room and joined their readings to the window data:
            "明暗都有" (bright and dim). Train on that dataset instead and run again. Data must come from every place the
            model will be used in.
          `),
          toolbox: BLOCKS,
          checks: ['dim-yellow', 'still-accurate'],
          hints: [L('只要改训练积木里的数据集名字。', 'Only the dataset name in the train block changes.')],
        },
      ],
      checks: [
        {
          id: 'dim-yellow', type: 'variableEquals', name: 'dim yellow', value: 'yellow',
          pass: L('在暗处也认对了黄卡片。', 'The yellow card is right in the dim corner too.'),
          fail: L('在暗处，黄卡片还是被认错了。', 'In the dim corner the yellow card is still named wrongly.'),
        },
        { id: 'still-accurate', type: 'modelMetric', model: '颜色模型', metric: 'accuracy', op: '>=', value: 0.9 },
      ],
      reflection: L(
        '如果一个识别系统只用城市里拍的照片训练，拿到农村去用可能出什么问题？在你们的数据里，还有谁或什么情况被「漏掉」了？',
        'If a recognition system were trained only on photos taken in cities, what could go wrong in the countryside? Who or what situations might be missing from your own data?',
      ),
      starter: lighting('light-starter', '亮处数据'),
      solution: lighting('light-solution', '明暗都有'),
    },
  ],
  teacherNotes: L(`
    # 人工智能伦理：数据里的偏见（2 课时）

    ## 目标
    - 知道模型的偏差常常来自数据：某一类样本太少（不平衡）、采集环境单一（覆盖不全）。
    - 会用补充数据、平衡数据的方法改进；能结合真实案例讨论公平、责任和「不让未经审核的 AI 评判学生」。

    ## 课时安排
    **第 1 课时 样本太少的那一类**
    - 5 分钟：运行起始程序，黄卡片被认错；数据面板显示「不平衡」提醒。
    - 20 分钟：补采黄色样本，检查通过；再试把黄色补到 40 个，会不会反过来偏向黄色？
    - 15 分钟：案例讨论：人脸识别在不同人群中的错误率差异（Gender Shades 研究）；数据的代表性。

    **第 2 课时 只在窗边采的数据**
    - 20 分钟：换数据集，检查通过；讨论为什么原来测试准确率高却「用不好」（测试集和训练集来自同一个地方）。
    - 20 分钟：小组写一份「数据清单」：我们的模型会在哪些地方、被哪些人使用？数据里有没有覆盖到？谁来审核？

    ## 常见错误
    - 记录样本时数据集名写成别的名字：新样本进了另一个数据集，模型没变。
    - 把记录放在训练之后：模型用的还是旧数据。
    - 讨论时把问题归结为「算法坏」：引导学生看数据从哪里来、由谁采、少了谁。

    ## 说明
    - 数据为教学编制：颜色读数带随机误差，暗处读数约为亮处的 55%。
    - 讨论时注意保护学生：不用班里同学的照片或个人数据做例子。
  `, `
    # AI ethics: bias in data (2 class hours)

    ## Goal
    - Know that a model's bias often comes from its data: too few samples of one class (imbalance) or one narrow
      setting where the data was collected (poor coverage).
    - Improve it by adding and balancing data; discuss fairness, responsibility and "no unreviewed AI judging
      students" with real cases.

    ## Timing
    **Hour 1 — The class with too few samples**
    - 5 min: run the starter: the yellow card is wrong; the Data panel warns that the data is unbalanced.
    - 20 min: collect more yellow samples until the check passes; then try 40 yellow samples: does the bias flip?
    - 15 min: case discussion: face recognition error rates across groups (the Gender Shades study); representative data.

    **Hour 2 — Data from by the window only**
    - 20 min: switch the dataset until the check passes; discuss why the high test accuracy did not help (test and
      training data came from the same place).
    - 20 min: groups write a "data checklist": where and by whom will our model be used? Does the data cover it? Who
      reviews it?

    ## Common mistakes
    - Another dataset name in the record block: the new samples go to a different dataset and the model is unchanged.
    - Recording after training: the model still uses the old data.
    - Blaming "a bad algorithm": steer students to where the data came from, who collected it and who is missing.

    ## Notes
    - The data are made for teaching: colour readings with random errors; dim readings are about 55 % of the bright ones.
    - Protect students in the discussion: never use classmates' photos or personal data as examples.
  `),
};
