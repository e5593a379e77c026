/** Grade 7, unit 2: classification with KNN — sort by colour readings; act only when the model is sure. */
import { Blocks, lessonProject, type BlockState } from '../../tools/blocks';
import { colourReadings } from '../../tools/data';
import { L, type UnitSource } from '../../tools/unit-source';
import { knnNeighboursSvg } from '../assets/knn-neighbours';
import { ai } from './shared';

const ARENA = 'open-floor';
const MODEL = '颜色分类器';
const DATASET = '颜色读数';
/** The class's colour-sensor readings over red, green, blue and yellow cards (12 each). */
export const COLOUR_DATA = colourReadings('colour-readings', DATASET, { red: 12, green: 12, blue: 12, yellow: 12 }, 7);

const reading = (b: Blocks, r: number, g: number, bl: number) => b.val(ai.features(b, b.num(r), b.num(g), b.num(bl)));
/** LED colour and a turn for each predicted label: red cards go left, the others right. */
function act(b: Blocks): BlockState {
  const is = (label: string) => b.compare('==', b.get('guess'), b.text(label));
  return b.ifElse([
    [is('red'), [b.led('#ff0000'), b.turn('left', 90)]],
    [is('green'), [b.led('#00ff00'), b.turn('right', 90)]],
    [is('blue'), [b.led('#0000ff'), b.turn('right', 90)]],
  ], [b.led('#ffff00'), b.turn('right', 90)]);
}

function classify(prefix: string, trained: boolean) {
  const b = new Blocks(prefix);
  const train = trained ? [ai.trainKnn(b, MODEL, DATASET, 3, 25)] : [];
  const main = b.whenStarted(...train, b.set('guess', b.val(ai.predict(b, MODEL, reading(b, 198, 52, 47)))), b.show(b.get('guess')), act(b));
  return lessonProject('robot', 'K 近邻分颜色 Colour KNN', ARENA, b, [main], { datasets: [COLOUR_DATA] });
}
function careful(prefix: string, checksConfidence: boolean) {
  const b = new Blocks(prefix);
  const orange = () => reading(b, 210, 122, 48);
  const decide = checksConfidence
    ? [b.ifElse([[b.compare('>', b.get('sure'), b.num(80)), [b.set('decision', b.get('guess')), act(b)]]], [b.set('decision', b.text('ask')), b.led('#ffffff'), b.show(b.text('?'))])]
    : [b.set('decision', b.get('guess')), act(b)];
  const main = b.whenStarted(
    ai.trainKnn(b, MODEL, DATASET, 5, 25),
    b.set('guess', b.val(ai.predict(b, MODEL, orange()))),
    b.set('sure', b.val(b.block('ai_confidence', { fields: { MODEL }, inputs: { FEATURES: orange() } }))),
    b.print(b.val(b.join(b.get('guess'), b.text(' '), b.get('sure'), b.text('%')))),
    ...decide,
  );
  return lessonProject('robot', '没把握就问人 Ask when unsure', ARENA, b, [main], { datasets: [COLOUR_DATA] });
}

const BLOCKS = ['ai_train_knn', 'ai_predict', 'ai_features', 'ai_model_accuracy', 'variables_set', 'variables_get', 'controls_if', 'logic_compare', 'looks_set_led', 'looks_show_text', 'robot_turn_deg', 'text'];
const CAREFUL_BLOCKS = [...BLOCKS, 'ai_confidence', 'text_print', 'text_join'];

export const knnColours: UnitSource = {
  id: 'knn-colours',
  grade: '7',
  order: 2,
  title: L('K 近邻分类：按颜色读数分拣', 'Classification with KNN: sorting by colour readings'),
  summary: L(
    '用全班采集的颜色传感器读数（R、G、B）训练 K 近邻模型，让小车认出卡片颜色并转向分拣；再学会看「可信度」，没把握时交给人来判断。',
    'Train a k-nearest-neighbours model on the class\'s colour-sensor readings (R, G, B) so the robot names a card\'s colour and turns to sort it; then read the confidence and hand unsure cases to a person.',
  ),
  classHours: 2,
  target: { kit: 'robot', arenaId: ARENA, hardware: ['ailab-robot', 'firmata-uno-car'] },
  prerequisites: ['data-collection'],
  assets: [{ name: 'knn-neighbours.svg', svg: knnNeighboursSvg }],
  lessons: [
    {
      id: 'train-and-predict',
      title: L('训练，然后预测', 'Train, then predict'),
      run: { arenaId: ARENA, seed: 1, seconds: 10 },
      steps: [
        {
          id: 'nearest',
          title: L('离谁近就像谁', 'You are like your nearest neighbours'),
          text: L(`
            数据集「颜色读数」里有 48 个样本：颜色传感器对着红、绿、蓝、黄卡片读到的 R、G、B 三个数。
            **K 近邻**的想法很简单：来了一个新读数，找出数据集里和它**最接近的 k 个样本**，它们多数是什么颜色，就猜什么颜色。
            点 **运行**：程序报错了——模型还没有训练。

            ![新读数周围最近的 3 个样本都是红色](../../assets/knn-neighbours.svg)
          `, `
            The dataset "颜色读数" (colour readings) holds 48 samples: the R, G and B numbers a colour sensor read over
            red, green, blue and yellow cards. The idea of **k-nearest neighbours** is simple: for a new reading, find
            the **k samples closest to it**; whatever colour most of them are is the guess. Press **Run**: the program
            stops with an error, because the model has not been trained.

            ![The 3 samples nearest the new reading are all red](../../assets/knn-neighbours.svg)
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'train',
          title: L('先训练', 'Train first'),
          text: L(`
            在最前面加「训练 K 近邻模型 颜色分类器 用数据集 颜色读数 k = 3 测试比例 25」。
            25% 的样本不参加训练，留下来**考试**，算出准确率。再运行：读数 (198, 52, 47) 应被认成 red，小车亮红灯、左转。
          `, `
            At the top add "train KNN model 颜色分类器 with dataset 颜色读数, k = 3, test share 25". A quarter of the
            samples sit out of training and are kept for the **test** that measures accuracy. Run again: the reading
            (198, 52, 47) should come out as red, and the robot lights red and turns left.
          `),
          toolbox: BLOCKS,
          checks: ['accurate', 'says-red', 'acts'],
          hints: [
            L('模型名要和「预测」积木里的一模一样：颜色分类器。', 'The model name must match the one in the predict block exactly: 颜色分类器.'),
            L('训练积木要放在预测之前：先学，后用。', 'The train block goes before predict: learn first, then use.'),
          ],
        },
      ],
      checks: [
        { id: 'accurate', type: 'modelMetric', model: MODEL, metric: 'accuracy', op: '>=', value: 0.9 },
        {
          id: 'says-red', type: 'variableEquals', name: 'guess', value: 'red',
          pass: L('模型把 (198, 52, 47) 认成了红色。', 'The model named (198, 52, 47) red.'),
        },
        { id: 'acts', type: 'eventually', when: { quantity: 'led', op: '==', value: '#ff0000' } },
      ],
      reflection: L(
        '如果把 k 设成 48（全部样本），模型会怎么猜？k 太小又会有什么问题？',
        'If k were 48 (every sample), how would the model guess? What goes wrong when k is too small?',
      ),
      starter: classify('knn-starter', false),
      solution: classify('knn-solution', true),
    },
    {
      id: 'ask-when-unsure',
      title: L('没把握就问人', 'Ask a person when unsure'),
      run: { arenaId: ARENA, seed: 1, seconds: 10 },
      steps: [
        {
          id: 'orange',
          title: L('一张橙色卡片', 'An orange card'),
          text: L(`
            这次传感器读到 (210, 122, 48)——一张**橙色**卡片，训练数据里没有橙色。点 **运行**，看打印出的预测和**可信度**：5 个邻居里有几个投了同一票？
            模型只会在学过的颜色里选一个，它不会说「我不知道」。
          `, `
            This time the sensor reads (210, 122, 48): an **orange** card, a colour the training data never had. Press
            **Run** and look at the printed guess and its **confidence**: how many of the 5 neighbours voted the same
            way? The model can only pick one of the colours it learned; it never says "I don't know".
          `),
          toolbox: CAREFUL_BLOCKS,
        },
        {
          id: 'threshold',
          title: L('可信度不够就不动', 'Not sure enough? Do not act'),
          text: L(`
            改程序：**如果**可信度 sure > 80（5 个邻居全都同意），才按预测分拣（decision 设为 guess）；**否则**把 decision 设为「ask」，亮白灯、屏幕显示「?」，等老师来判断。
          `, `
            Change the program: **if** the confidence sure is above 80 (all 5 neighbours agree), sort by the guess (set decision to guess);
            **otherwise** set decision to "ask", light the LED white and show "?", and wait for the teacher to decide.
          `),
          toolbox: CAREFUL_BLOCKS,
          checks: ['asks', 'no-turn'],
          hints: [L('比较用「>」，把变量 sure 放左边、80 放右边。', 'Compare with ">": the variable sure on the left, 80 on the right.')],
        },
      ],
      checks: [
        {
          id: 'asks', type: 'variableEquals', name: 'decision', value: 'ask',
          pass: L('模型没把握，程序把决定交给了人。', 'The model was unsure, so the program left the decision to a person.'),
          fail: L('模型没把握时也做了决定：decision 应该是 ask。', 'The program decided although the model was unsure: decision should be "ask".'),
        },
        {
          id: 'no-turn', type: 'never', when: { quantity: 'headingDeg', op: '!=', value: 0 },
          fail: L('小车在没把握的时候转向分拣了。', 'The robot turned to sort the card although the model was unsure.'),
        },
      ],
      reflection: L(
        '医院、银行用人工智能做判断时，什么情况下一定要让人来做最后的决定？',
        'When hospitals or banks use AI to decide, when must a person make the final decision?',
      ),
      starter: careful('careful-starter', false),
      solution: careful('careful-solution', true),
    },
  ],
  teacherNotes: L(`
    # K 近邻分类：按颜色读数分拣（2 课时）

    ## 目标
    - 理解 K 近邻的思想（找最近的 k 个样本投票），知道「训练—预测」的流程和测试准确率。
    - 认识可信度；知道模型只会在学过的类别里选，做高风险决定时要设阈值、交给人。

    ## 课时安排
    **第 1 课时 训练，然后预测**
    - 10 分钟：不插电：在黑板上画 R–G 散点图，贴几张「新卡片」，学生找最近的 3 个点投票。
    - 25 分钟：学生补训练积木、运行、看准确率；改 k = 1、5、15 对比准确率和预测。
    - 5 分钟：反思 k 的大小。

    **第 2 课时 没把握就问人**
    - 5 分钟：展示橙色卡片，全班猜模型会说什么。
    - 25 分钟：加可信度阈值；试 60、80、100 三个阈值，讨论「太谨慎」和「太大胆」。
    - 10 分钟：讨论人机协同：自动驾驶接管、医疗影像辅助诊断。

    ## 常见错误
    - 模型名或数据集名打错一个字：运行时报「找不到模型 / 数据集」（错误提示会显示名字）。
    - 把特征顺序写反（B、G、R）：准确率不受影响，但预测全错——特征顺序要和数据集一致。
    - 以为准确率 100% 就是好模型：下节课讨论训练和测试。

    ## 真实套件
    - 用 TCS34725 等颜色传感器，每张卡片在不同位置读 3 次，全班合起来就是数据集（可在数据面板导入 CSV）。
    - 光照会改变 R、G、B，采集数据和使用模型要在同样的光照下；这也是「数据分布变化」的好例子。
  `, `
    # Classification with KNN: sorting by colour readings (2 class hours)

    ## Goal
    - Understand k-nearest neighbours (the k closest samples vote), the train → predict flow and test accuracy.
    - Meet confidence; know that a model always picks one of the classes it learned, so high-stakes decisions need a
      threshold and a person.

    ## Timing
    **Hour 1 — Train, then predict**
    - 10 min: unplugged: draw an R–G scatter plot on the board, stick up some "new cards", students find the 3
      nearest points and vote.
    - 25 min: students add the train block, run, read the accuracy; compare k = 1, 5, 15.
    - 5 min: reflection on the size of k.

    **Hour 2 — Ask a person when unsure**
    - 5 min: show the orange card; the class guesses what the model will say.
    - 25 min: add the confidence threshold; try 60, 80 and 100 and discuss "too careful" versus "too bold".
    - 10 min: people and AI together: self-driving take-over, AI-assisted medical imaging.

    ## Common mistakes
    - One character wrong in a model or dataset name: the run stops with "no model / dataset called …" (the error
      shows the name).
    - Features in the wrong order (B, G, R): accuracy is unaffected but predictions are wrong; the order must match
      the dataset.
    - Taking 100 % accuracy as proof of a good model: next unit, training versus testing.

    ## Real kit
    - With a colour sensor such as the TCS34725, read each card 3 times in different places; the whole class's
      readings make the dataset (import the CSV in the Data panel).
    - Lighting changes R, G and B: collect and use the model under the same light; a good example of data shift.
  `),
};
