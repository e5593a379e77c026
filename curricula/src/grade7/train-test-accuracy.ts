/** Grade 7, unit 3: training vs testing and accuracy — a self-test is not an exam; choose k with the exam. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { colourReadings } from '../../tools/data';
import { L, type UnitSource } from '../../tools/unit-source';
import { ai, DATA_ARENA } from './shared';

const DATASET = '带噪读数';
/** Readings from a cheap, noisy colour sensor: the classes overlap, so a model cannot be perfect on new cards. */
export const NOISY_DATA = colourReadings('noisy-readings', DATASET, { red: 15, green: 15, blue: 15, yellow: 15 }, 11, 90);

const showAccuracy = (b: Blocks, model: string) => b.print(b.val(b.join(b.text(`${model}: `), b.val(ai.accuracy(b, model)), b.text('%'))));

function exam(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const blocks = [ai.trainKnn(b, '自测模型', DATASET, 1, 0), showAccuracy(b, '自测模型')];
  if (solved) blocks.push(ai.trainKnn(b, '考试模型', DATASET, 1, 30), showAccuracy(b, '考试模型'));
  return lessonProject('sensorkit', '自测和考试 Self-test and exam', DATA_ARENA, b, [b.whenStarted(...blocks)], { datasets: [NOISY_DATA] });
}
function chooseK(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const tryK = b.block('controls_for', {
    fields: { VAR: b.variable('k') },
    inputs: {
      FROM: b.num(1), TO: b.num(9), BY: b.num(2),
      DO: b.body(
        b.block('ai_train_knn', { fields: { MODEL: '考试模型', DATASET }, inputs: { K: b.get('k'), TEST: b.num(30) } }),
        b.print(b.val(b.join(b.text('k = '), b.get('k'), b.text(': '), b.val(ai.accuracy(b, '考试模型')), b.text('%')))),
        ...(solved ? [b.ifElse([[b.compare('>', b.val(ai.accuracy(b, '考试模型')), b.get('best')), [b.set('best', b.val(ai.accuracy(b, '考试模型'))), b.set('best k', b.get('k'))]]])] : []),
      ),
    },
  });
  return lessonProject('sensorkit', '用考试选 k Choose k with the exam', DATA_ARENA, b, [
    b.whenStarted(b.set('best', b.num(0)), b.set('best k', b.num(1)), tryK, b.print(b.val(b.join(b.text('best k = '), b.get('best k'))))),
  ], { datasets: [NOISY_DATA] });
}

const BLOCKS = ['ai_train_knn', 'ai_model_accuracy', 'text_print', 'text_join', 'text'];
const K_BLOCKS = [...BLOCKS, 'controls_for', 'controls_if', 'logic_compare', 'variables_set', 'variables_get'];

export const trainTestAccuracy: UnitSource = {
  id: 'train-test-accuracy',
  grade: '7',
  order: 3,
  title: L('训练集、测试集和准确率', 'Training vs testing, and accuracy'),
  summary: L(
    '用训练过的数据检验模型就像拿做过的题考试：分数高得不真实。留出测试集，得到诚实的准确率，再用它选出最好的 k。',
    'Testing a model on the data it trained on is like an exam with questions you have already seen: the score is too good to be true. Keep a test set back for an honest accuracy, then use it to choose the best k.',
  ),
  classHours: 2,
  target: { kit: 'sensorkit', arenaId: DATA_ARENA, hardware: [] },
  prerequisites: ['knn-colours'],
  lessons: [
    {
      id: 'self-test-vs-exam',
      title: L('自测和考试', 'Self-test and exam'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'too-good',
          title: L('100% 太好了？', '100 %: too good?'),
          text: L(`
            「带噪读数」是一个便宜的颜色传感器采的 60 个样本，颜色之间有重叠。程序用 k = 1、测试比例 0 训练「自测模型」：
            用**全部**样本训练，再用**同样的**样本检验。点 **运行**：准确率 100%！可它真能认准每一张新卡片吗？
          `, `
            "带噪读数" (noisy readings) holds 60 samples from a cheap colour sensor; the colours overlap. The program
            trains "自测模型" (self-test model) with k = 1 and test share 0: it learns from **all** samples and is checked
            on **the same** samples. Press **Run**: 100 % accuracy! But can it really name every new card?
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'hold-out',
          title: L('留出考题', 'Keep the exam questions back'),
          text: L(`
            再训练一个「考试模型」：同样 k = 1，但**测试比例 30**——30% 的样本不给模型看，训练完再拿来考它。
            打印两个准确率并比较：哪一个更能说明模型在新卡片上的表现？
          `, `
            Train a second model, "考试模型" (exam model): k = 1 again, but **test share 30**: 30 % of the samples are
            hidden from the model and used to test it afterwards. Print both accuracies and compare: which one tells you
            how the model will do on new cards?
          `),
          toolbox: BLOCKS,
          checks: ['exam-model', 'honest-score'],
          hints: [L('复制训练积木，改模型名和测试比例就行。', 'Duplicate the train block and change the model name and the test share.')],
        },
      ],
      checks: [
        {
          id: 'exam-model', type: 'modelMetric', model: '考试模型', metric: 'accuracy', op: '>=', value: 0.5,
          fail: L('还没有用测试集检验过的「考试模型」。', 'There is no "考试模型" (exam model) checked on a test set yet.'),
        },
        {
          id: 'honest-score', type: 'modelMetric', model: '考试模型', metric: 'accuracy', op: '<', value: 1,
          pass: L('考试成绩低于 100%：这才是诚实的成绩。', 'The exam score is below 100 %: that is the honest score.'),
          fail: L('「考试模型」的成绩还是 100%：它真的留出测试样本了吗？', 'The exam model still scores 100 %: did it really keep test samples back?'),
        },
      ],
      reflection: L(
        '老师出期末考试题时，为什么不直接用作业里的原题？这和测试集有什么关系？',
        'Why does a teacher not reuse the homework questions in the final exam? How is that like a test set?',
      ),
      starter: exam('exam-starter', false),
      solution: exam('exam-solution', true),
    },
    {
      id: 'choose-k',
      title: L('用考试成绩选 k', 'Choose k by the exam score'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'try-ks',
          title: L('试 5 个 k', 'Try five values of k'),
          text: L(`
            程序用「从 1 到 9 每次加 2」的循环，分别用 k = 1、3、5、7、9 训练考试模型并打印准确率。点 **运行**，看看哪个 k 最好。
            可最后打印的 best k 一直是 1——程序没有记住最好的那个。
          `, `
            The program loops "from 1 to 9 by 2", training the exam model with k = 1, 3, 5, 7, 9 and printing each
            accuracy. Press **Run** and see which k does best. But the best k printed at the end is always 1: the
            program never remembers the best one.
          `),
          toolbox: K_BLOCKS,
        },
        {
          id: 'remember-best',
          title: L('记住最好的 k', 'Remember the best k'),
          text: L(`
            在循环里加一条规则：**如果**考试模型的准确率 > best，就把 best 设为这个准确率、把 best k 设为 k。
            这样选出来的 k 是靠**测试成绩**选的，而不是靠猜。
          `, `
            Add a rule inside the loop: **if** the exam model's accuracy > best, set best to that accuracy and best k to
            k. Now k is chosen by the **test score**, not by guessing.
          `),
          toolbox: K_BLOCKS,
          checks: ['best-k', 'best-score'],
          hints: [L('「如果」要放在训练积木的后面：先训练，再看成绩。', 'The "if" goes after the train block: train first, then look at the score.')],
        },
      ],
      checks: [
        {
          id: 'best-k', type: 'variableEquals', name: 'best k', value: 7,
          pass: L('找到了考试成绩最好的 k：7。', 'Found the k with the best exam score: 7.'),
          fail: L('best k 不是考试成绩最好的那个 k（看看打印出来的 5 个成绩）。', 'best k is not the k with the best exam score (look at the 5 printed scores).'),
        },
        { id: 'best-score', type: 'variableEquals', name: 'best', value: 94.4, tolerance: 0.1 },
      ],
      reflection: L(
        '每训练一次，程序都重新随机抽一份测试集。k = 7 最好，是因为 k 选得好，还是因为那一次抽到的考题容易？怎样才能更有把握？',
        'Each training draws a new random test set. Is k = 7 best because it is a good k, or because that draw gave easy questions? How could you be more certain?',
      ),
      starter: chooseK('k-starter', false),
      solution: chooseK('k-solution', true),
    },
  ],
  teacherNotes: L(`
    # 训练集、测试集和准确率（2 课时）

    ## 目标
    - 知道准确率要在模型没见过的数据（测试集）上计算；理解「在训练数据上 100%」为什么不可信。
    - 会用测试成绩选择超参数 k，知道测试集的随机划分也会影响成绩（交叉验证、验证集的概念，了解即可）。

    ## 课时安排
    **第 1 课时 自测和考试**
    - 10 分钟：情景：一位同学背下了作业答案，作业全对，考试呢？
    - 20 分钟：运行、训练考试模型、比较两个准确率；把测试比例改为 10、50 看看变化。
    - 10 分钟：打开数据面板的混淆矩阵，找出最容易混淆的两种颜色。

    **第 2 课时 用考试成绩选 k**
    - 5 分钟：讲 for 循环和「记住最大值」（和四年级找最高温度一样）。
    - 25 分钟：学生补全规则，检查通过；把 k 的范围扩大到 1–21 看看。
    - 10 分钟：反思：每次训练都重新随机划分测试集，成绩的差别有一部分来自「抽到的考题」——数据少时尤其明显；引出多次划分取平均（交叉验证）和验证集。

    ## 常见错误
    - 两个模型用了同一个名字：后训练的覆盖前面的，只剩一个模型。
    - 比较时把 best 和 best k 弄反。
    - 以为测试比例越大越好：测试多了，训练数据就少了；讨论取舍。

    ## 说明
    - 划分训练 / 测试用的是运行的随机种子，所以每次运行结果相同；改随机种子（项目设置）会得到不同的划分，准确率会上下浮动——这本身就是很好的讨论材料。
    - 用起始种子运行时 k = 7 成绩最好（94.4%），k = 5 最差（72.2%）：成绩并不随 k 平稳变化，说明数据少时测试集怎么抽对成绩影响很大。
  `, `
    # Training vs testing, and accuracy (2 class hours)

    ## Goal
    - Know that accuracy must be measured on data the model has not seen (the test set), and why 100 % on the
      training data means little.
    - Choose the hyper-parameter k by test score, and know that the random test split moves the score too
      (cross-validation and validation sets, awareness only).

    ## Timing
    **Hour 1 — Self-test and exam**
    - 10 min: a student learned the homework answers by heart: full marks in homework, and in the exam?
    - 20 min: run, train the exam model, compare the two accuracies; try test shares 10 and 50.
    - 10 min: open the confusion matrix in the Data panel and find the two colours mixed up most.

    **Hour 2 — Choose k by the exam score**
    - 5 min: the for loop and "remember the largest" (as in grade 4's highest temperature).
    - 25 min: students complete the rule until the check passes; widen k to 1–21.
    - 10 min: reflection: every training draws a new random test split, so part of the difference between scores
      comes from which questions were drawn, especially with little data; this leads to averaging over several splits
      (cross-validation) and to validation sets.

    ## Common mistakes
    - Both models with the same name: the second replaces the first, one model is left.
    - best and best k swapped in the comparison.
    - Thinking a bigger test share is always better: more test data means less training data; discuss the trade-off.

    ## Notes
    - The train/test split uses the run's random seed, so every run gives the same result; another seed (project
      settings) gives another split and the accuracies move up and down: good material for discussion.
    - With the lesson's seed, k = 7 scores best (94.4 %) and k = 5 worst (72.2 %): the score does not change smoothly
      with k, which shows how much the test draw matters with little data.
  `),
};
