/** Grade 7, unit 1: collecting and labelling data with sensors; cleaning out sensor glitches. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';
import { ai, DATA_ARENA } from './shared';

const DATASET = '教室声音';

/** Ten seconds of a classroom: 5 s of lesson (quiet), then 5 s of break (loud) while a student holds the button. */
const CLASSROOM = [
  { atS: 0, input: 'lightPercent', value: 70 }, { atS: 0, input: 'soundPercent', value: 20 },
  { atS: 2.5, input: 'soundPercent', value: 28 },
  { atS: 5, input: 'soundPercent', value: 78 }, { atS: 5, input: 'buttonPressed', value: true },
  { atS: 7.5, input: 'soundPercent', value: 66 },
] as const;
/** The same, with three moments where the microphone cable slips and the sound reads 0. */
const WITH_GLITCHES = [
  ...CLASSROOM,
  { atS: 2.9, input: 'soundPercent', value: 0 }, { atS: 3.2, input: 'soundPercent', value: 28 },
  { atS: 6.4, input: 'soundPercent', value: 0 }, { atS: 6.7, input: 'soundPercent', value: 78 },
  { atS: 8.4, input: 'soundPercent', value: 0 }, { atS: 8.7, input: 'soundPercent', value: 66 },
] as const;

function collector(prefix: string, labelled: boolean, cleaned: boolean) {
  const b = new Blocks(prefix);
  const sample = () => b.val(ai.features(b, b.read('kit_light_percent'), b.read('kit_sound_percent')));
  const record = labelled
    ? b.ifElse([[b.block('kit_button_pressed'), [ai.record(b, DATASET, sample(), b.text('课间'))]]], [ai.record(b, DATASET, sample(), b.text('上课'))])
    : ai.record(b, DATASET, sample(), b.text('上课'));
  const step = cleaned
    ? b.ifElse([[b.compare('>', b.read('kit_sound_percent'), b.num(0)), [record]]], [b.change('skipped', b.num(1))])
    : record;
  const start = [ai.clear(b, DATASET), ...(cleaned ? [b.set('skipped', b.num(0))] : [])];
  return lessonProject('sensorkit', '采集并标注数据 Collect and label data', DATA_ARENA, b, [
    b.whenStarted(...start, b.repeat(20, step, b.wait(0.5)), b.show(b.val(ai.size(b, DATASET)))),
  ]);
}

const BLOCKS = ['controls_repeat_ext', 'control_wait_s', 'ai_record', 'ai_features', 'ai_dataset_clear', 'ai_dataset_size', 'kit_light_percent', 'kit_sound_percent', 'kit_button_pressed', 'controls_if', 'logic_compare', 'looks_show_text', 'text'];
const CLEAN_BLOCKS = [...BLOCKS, 'variables_set', 'math_change'];

export const dataCollection: UnitSource = {
  id: 'data-collection',
  grade: '7',
  order: 1,
  title: L('用传感器采集和标注数据', 'Collecting and labelling data with sensors'),
  summary: L(
    '用光线和声音传感器每半秒采集一次教室数据，用按钮给数据打上「上课 / 课间」标签；再去掉传感器出错时的坏数据。',
    'Sample the classroom\'s light and sound every half second, label each sample "lesson" or "break" with a button, then leave out the bad samples a faulty sensor gives.',
  ),
  classHours: 2,
  target: { kit: 'sensorkit', arenaId: DATA_ARENA, hardware: ['firmata-uno-sensorkit'] },
  lessons: [
    {
      id: 'label-samples',
      title: L('给数据贴标签', 'Label the samples'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 15, kitInputs: [...CLASSROOM] },
      steps: [
        {
          id: 'samples',
          title: L('样本和特征', 'Samples and features'),
          text: L(`
            机器学习从**数据**里学。每一条数据叫一个**样本**：这里是某一时刻的「光线强度、声音强度」两个**特征**，再加一个**标签**：那时是「上课」还是「课间」。
            程序每 0.5 秒记一个样本，共 20 个，存进数据集「教室声音」。点 **运行**，再打开「数据」面板看看表格。
          `, `
            Machine learning learns from **data**. Each record is a **sample**: here two **features** at one moment, light
            level and sound level, plus a **label**: was it "上课" (lesson) or "课间" (break)? The program takes a sample
            every 0.5 s, 20 in all, into the dataset "教室声音" (classroom sound). Press **Run**, then open the Data panel
            and look at the table.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'button-label',
          title: L('用按钮标注', 'Label with the button'),
          text: L(`
            现在所有样本的标签都是「上课」，连下课时的也是——这样的数据会把模型教坏。
            检查时，下课后有同学一直按着按钮。改程序：**如果**按钮被按下，标签记为「课间」，**否则**记为「上课」。
          `, `
            Right now every sample is labelled "上课" (lesson), even those taken in the break: data like this would
            teach a model the wrong thing. During the check a classmate holds the button down during the break. Change
            the program: **if** the button is pressed, label the sample "课间" (break), **otherwise** "上课" (lesson).
          `),
          toolbox: BLOCKS,
          checks: ['twenty-samples', 'two-labels'],
          hints: [
            L('用「如果……否则……」，两个分支里各放一块「记录样本」，只有标签不同。', 'Use "if … else …" with a "record sample" block in each branch; only the label differs.'),
            L('标签要写得一模一样：「课间」和「课间 」（多一个空格）对电脑来说是两个不同的标签。', 'Type labels exactly the same each time: "课间" and "课间 " (an extra space) are two different labels to a computer.'),
          ],
        },
      ],
      checks: [
        { id: 'twenty-samples', type: 'datasetSize', dataset: DATASET, samples: 20 },
        {
          id: 'two-labels', type: 'datasetSize', dataset: DATASET, samples: 20, classes: 2,
          pass: L('数据集里有「上课」和「课间」两种标签。', 'The dataset has both labels, lesson and break.'),
          fail: L('数据集里只有一种标签：下课时的样本也要标成「课间」。', 'The dataset has only one label: label the break samples "课间" too.'),
        },
      ],
      reflection: L(
        '如果按按钮的同学走神了，晚按了 2 秒，数据会有什么问题？谁来保证标签是对的？',
        'If the classmate pressing the button is 2 seconds late, what goes wrong in the data? Who makes sure the labels are right?',
      ),
      starter: collector('label-starter', false, false),
      solution: collector('label-solution', true, false),
    },
    {
      id: 'clean-data',
      title: L('去掉坏数据', 'Leave out bad data'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 15, kitInputs: [...WITH_GLITCHES] },
      steps: [
        {
          id: 'glitches',
          title: L('传感器也会出错', 'Sensors make mistakes too'),
          text: L(`
            这次麦克风的线有点松，有 3 次读数突然变成 0——教室不可能一点声音都没有。
            点 **运行**，在「数据」面板里找一找声音为 0 的样本。把它们留在数据里，模型就会学到错误的东西。
          `, `
            This time the microphone cable is loose, and three times the reading drops to 0: a classroom is never
            completely silent. Press **Run** and find the samples with sound 0 in the Data panel. Left in the data,
            they would teach a model something false.
          `),
          toolbox: CLEAN_BLOCKS,
        },
        {
          id: 'skip-zero',
          title: L('只记录合理的读数', 'Record only sensible readings'),
          text: L(`
            在记录之前加一条规则：**如果**声音强度 > 0 才记录，**否则**把变量 skipped（跳过的次数）加 1。
            这就是**数据清洗**。运行后数据集里应有 17 个样本，skipped 是 3。
          `, `
            Add a rule before recording: **if** the sound level is above 0, record; **otherwise** add 1 to the variable
            skipped. This is **data cleaning**. After the run the dataset should hold 17 samples and skipped should be 3.
          `),
          toolbox: CLEAN_BLOCKS,
          checks: ['three-skipped', 'kept-the-rest'],
          hints: [L('先「设 skipped 为 0」，放在「重复」前面。', 'First "set skipped to 0", before the repeat.')],
        },
      ],
      checks: [
        {
          id: 'three-skipped', type: 'variableEquals', name: 'skipped', value: 3,
          pass: L('3 个坏样本都被跳过了。', 'All 3 bad samples were left out.'),
          fail: L('变量 skipped 应该是 3：声音为 0 的样本有 3 个。', 'skipped should be 3: three samples have sound 0.'),
        },
        { id: 'kept-the-rest', type: 'datasetSize', dataset: DATASET, samples: 17, classes: 2 },
      ],
      reflection: L(
        '「声音为 0 就是坏数据」这条规则一定对吗？如果真的有完全安静的时候怎么办？清洗数据时要注意什么？',
        'Is "sound 0 means bad data" always right? What if it really were completely silent? What must you be careful about when cleaning data?',
      ),
      starter: collector('clean-starter', true, false),
      solution: collector('clean-solution', true, true),
    },
  ],
  teacherNotes: L(`
    # 用传感器采集和标注数据（2 课时）

    ## 目标
    - 理解样本、特征、标签、数据集；会用程序定时采集传感器数据并标注。
    - 知道标签错误和传感器故障都会让数据「变脏」，会用规则做简单的数据清洗。

    ## 课时安排
    **第 1 课时 给数据贴标签**
    - 10 分钟：不插电活动：全班安静 10 秒、说话 10 秒，一位同学举牌标注，其他人记录「音量感受」。
    - 25 分钟：运行起始程序，在数据面板看表格；改成按钮标注，检查通过；导出 CSV 用表格软件画散点图。
    - 5 分钟：反思：标注晚了会怎样。

    **第 2 课时 去掉坏数据**
    - 5 分钟：展示含有 0 的数据，猜原因。
    - 25 分钟：加清洗规则，检查通过；讨论还有哪些「不可能的值」（温度 200 ℃、湿度 -5%）。
    - 10 分钟：讨论：删除数据要不要记录？（我们用 skipped 记了下来——数据处理要可追溯。）

    ## 常见错误
    - 两个记录块的数据集名不一样（「教室声音」和「教室声音1」）：变成了两个数据集。
    - 标签前后有空格或用了英文：检查会数出 3 种标签。
    - 没有清空数据集：多次运行后样本越来越多（起始程序第一块就是「清空数据集」，不要删掉）。

    ## 真实传感器套件
    - 声音模块读数跳动大，可以连续读 5 次取平均再记录；光线模块避免阳光直射。
    - 标注按钮接在数字口上；也可以两人一组，一人操作一人标注，体会「人工标注」的工作量。
    - 只记录环境数据，不录音：声音模块只给出音量大小，不保存说话内容（和学生说明这一点）。
  `, `
    # Collecting and labelling data with sensors (2 class hours)

    ## Goal
    - Understand samples, features, labels and datasets; sample sensor data on a timer and label it with a program.
    - Know that wrong labels and faulty sensors both make data "dirty", and clean data with simple rules.

    ## Timing
    **Hour 1 — Label the samples**
    - 10 min: unplugged: the class is quiet for 10 s and talks for 10 s; one student holds up a label card, the
      others note how loud it felt.
    - 25 min: run the starter and look at the table in the Data panel; label with the button until the check
      passes; export the CSV and draw a scatter plot in a spreadsheet.
    - 5 min: reflection: what a late label does.

    **Hour 2 — Leave out bad data**
    - 5 min: show data with zeros in it; guess why.
    - 25 min: add the cleaning rule until the check passes; find other impossible values (200 °C, −5 % humidity).
    - 10 min: should deleting data be written down? (We counted it in skipped: data handling should be traceable.)

    ## Common mistakes
    - The two record blocks name different datasets ("教室声音" and "教室声音1"): two datasets appear.
    - Labels with spaces or in English: the check counts three labels.
    - Not clearing the dataset: it grows with every run (the starter's first block clears it; keep it).

    ## Real sensor kit
    - Sound modules jump a lot: average 5 readings before recording; keep the light module out of direct sunshine.
    - Wire the labelling button to a digital pin, or work in pairs (one runs, one labels) to feel how much work
      human labelling is.
    - Only the environment is recorded, no audio: the sound module gives a loudness level and keeps no speech
      (tell the students so).
  `),
};
