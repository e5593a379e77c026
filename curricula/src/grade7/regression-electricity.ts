/** Grade 7, unit 5: least-squares regression — household electricity against temperature; forecasting a week. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { lineData } from '../../tools/data';
import { L, type UnitSource } from '../../tools/unit-source';
import { ai, DATA_ARENA } from './shared';

const MODEL = '用电直线';
/** A Shanghai household's monthly kWh over a year: high in winter (heating) and summer (cooling), a U shape. */
const MONTHLY_KWH = [420, 390, 300, 240, 250, 330, 470, 500, 380, 260, 270, 360];
export const MONTHLY = {
  id: 'monthly-kwh', name: '每月用电', features: ['月份'],
  samples: MONTHLY_KWH.map((kwh, i) => ({ values: [i + 1], label: String(kwh) })),
};
/** 30 summer days: daily kWh rises with the day's highest temperature (air conditioning), ±0.8 kWh. */
const SUMMER_TEMPERATURES = Array.from({ length: 30 }, (_, i) => 24 + Math.round(i * 0.41 * 10) / 10);
export const SUMMER = lineData('summer-kwh', '夏季用电', '最高气温', SUMMER_TEMPERATURES, (t) => 8 + (t - 24), 5, 0.8);
const FORECAST = [30, 32, 33, 35, 34, 31, 29];

function fit(prefix: string, dataset: string) {
  const b = new Blocks(prefix);
  return lessonProject('sensorkit', '用电和气温 Electricity and temperature', DATA_ARENA, b, [b.whenStarted(
    ai.trainLinear(b, MODEL, dataset),
    b.print(b.val(b.join(b.text('error (kWh) '), b.val(ai.error(b, MODEL))))),
    b.set('at 37', b.val(ai.predict(b, MODEL, b.num(37)))),
    b.print(b.val(b.join(b.text('37 °C → '), b.get('at 37')))),
  )], { datasets: [MONTHLY, SUMMER] });
}
function forecast(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const each = solved ? b.val(ai.predict(b, MODEL, b.get('t'))) : b.get('t');
  const loop = b.block('controls_forEach', {
    fields: { VAR: b.variable('t') },
    inputs: { LIST: b.val(b.list(...FORECAST.map((t) => b.num(t)))), DO: b.body(b.change('week', each)) },
  });
  return lessonProject('sensorkit', '预测下周用电 Forecast next week', DATA_ARENA, b, [b.whenStarted(
    ai.trainLinear(b, MODEL, '夏季用电'),
    b.set('week', b.num(0)),
    loop,
    b.print(b.val(b.join(b.text('next week (kWh) '), b.get('week')))),
  )], { datasets: [MONTHLY, SUMMER] });
}

const BLOCKS = ['ai_train_linear', 'ai_predict', 'ai_model_error', 'variables_set', 'variables_get', 'text_print', 'text_join', 'text'];
const FORECAST_BLOCKS = [...BLOCKS, 'controls_forEach', 'lists_create_with', 'math_change'];

export const regressionElectricity: UnitSource = {
  id: 'regression-electricity',
  grade: '7',
  order: 5,
  title: L('最小二乘回归：家庭用电和气温', 'Least-squares regression: home electricity and temperature'),
  summary: L(
    '用最小二乘法拟合一条直线：先发现「月份」解释不了用电量，换成夏季的「最高气温」；再用直线预测下周用电。',
    'Fit a straight line by least squares: find that the month cannot explain electricity use, switch to the day\'s highest summer temperature, then forecast next week\'s use with the line.',
  ),
  classHours: 2,
  target: { kit: 'sensorkit', arenaId: DATA_ARENA, hardware: [] },
  prerequisites: ['decision-tree'],
  lessons: [
    {
      id: 'fit-a-line',
      title: L('找一条最贴近的直线', 'Find the closest line'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'by-month',
          title: L('按月份拟合', 'Fit by month'),
          text: L(`
            **回归**是用一个数预测另一个数。**最小二乘法**找一条直线，让所有点到直线的（竖直）距离的平方和最小。
            程序用「每月用电」拟合：x 是月份，y 是用电度数。点 **运行**，看误差，再在「模型」面板里看直线：冬天、夏天都用电多，一条直线画得出来吗？
          `, `
            **Regression** predicts one number from another. **Least squares** finds the straight line that makes the sum
            of the squared (vertical) distances from every point to the line as small as possible. The program fits
            "每月用电" (monthly electricity): x is the month, y the kWh. Press **Run**, read the error, then look at the
            line in the Model panel: both winter and summer use a lot; can one straight line show that?
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'by-temperature',
          title: L('换一个特征：气温', 'Another feature: temperature'),
          text: L(`
            把数据集换成「夏季用电」：夏天里的 30 天，每天的最高气温（x）和当天用电（y）。天越热，空调开得越多。
            再运行：误差变小了多少？直线预测 37 ℃ 那天用多少电？
          `, `
            Switch the dataset to "夏季用电" (summer electricity): 30 summer days, each day's highest temperature (x) and
            that day's kWh (y). The hotter, the more air conditioning. Run again: how much smaller is the error? What
            does the line predict for a 37 °C day?
          `),
          toolbox: BLOCKS,
          checks: ['good-fit', 'at-37'],
          hints: [L('只要改训练积木里的数据集名字。', 'Only the dataset name in the train block changes.')],
        },
      ],
      checks: [
        {
          id: 'good-fit', type: 'modelMetric', model: MODEL, metric: 'r2', op: '>=', value: 0.8,
          pass: L('直线很好地解释了用电量（R² ≥ 0.8）。', 'The line explains electricity use well (R² ≥ 0.8).'),
          fail: L('这条直线解释不了用电量（R² 太小）：换一个更相关的特征。', 'This line does not explain electricity use (R² too small): use a feature that matters more.'),
        },
        { id: 'at-37', type: 'variableEquals', name: 'at 37', value: 21, tolerance: 1 },
      ],
      reflection: L(
        '用这条直线预测 45 ℃ 那天的用电靠得住吗？数据里没有的范围能随便预测吗？',
        'Can you trust the line for a 45 °C day? Can you predict outside the range of your data?',
      ),
      starter: fit('fit-starter', '每月用电'),
      solution: fit('fit-solution', '夏季用电'),
    },
    {
      id: 'forecast-week',
      title: L('预测下周用电', 'Forecast next week'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'sum-wrong',
          title: L('加错了东西', 'Adding the wrong thing'),
          text: L(`
            天气预报说下周最高气温是 30、32、33、35、34、31、29 ℃。程序逐天累加，想算出下周一共用多少度电。
            点 **运行**：结果是 224——这是 7 天的**气温**加起来，不是用电量！
          `, `
            The forecast says next week's highest temperatures are 30, 32, 33, 35, 34, 31 and 29 °C. The program adds
            day by day to find next week's total kWh. Press **Run**: it says 224, the 7 **temperatures** added up, not
            the electricity!
          `),
          toolbox: FORECAST_BLOCKS,
        },
        {
          id: 'use-the-model',
          title: L('每天用模型预测', 'Predict each day with the model'),
          text: L(`
            把「week 增加 t」改成「week 增加 模型 用电直线 对 t 的预测」。模型把每天的气温变成用电量，再加起来。
          `, `
            Change "change week by t" into "change week by model 用电直线's prediction for t". The model turns each
            day's temperature into kWh, and those are added up.
          `),
          toolbox: FORECAST_BLOCKS,
          checks: ['week-total'],
          hints: [L('把变量 t 拖进预测积木的特征格里。', 'Drag the variable t into the features slot of the predict block.')],
        },
      ],
      checks: [
        {
          id: 'week-total', type: 'variableEquals', name: 'week', value: 112, tolerance: 3,
          pass: L('预测下周一共用电约 112 度。', 'Next week\'s forecast: about 112 kWh in all.'),
          fail: L('下周总用电应该在 112 度左右：每天要用模型把气温换成用电量。', 'Next week\'s total should be about 112 kWh: turn each temperature into kWh with the model.'),
        },
      ],
      reflection: L(
        '电力公司为什么要预测明天的用电量？预测不准会有什么后果？',
        'Why does the power company forecast tomorrow\'s electricity use? What happens if the forecast is wrong?',
      ),
      starter: forecast('forecast-starter', false),
      solution: forecast('forecast-solution', true),
    },
  ],
  teacherNotes: L(`
    # 最小二乘回归：家庭用电和气温（2 课时）

    ## 目标
    - 理解回归是「用一个数预测另一个数」，最小二乘法找误差平方和最小的直线；会看误差（RMSE）和 R²。
    - 知道选对特征比换模型更重要；知道外推（超出数据范围预测）有风险；会用模型批量预测。

    ## 课时安排
    **第 1 课时 找一条最贴近的直线**
    - 10 分钟：把「夏季用电」数据画在方格纸上，每组用一根细绳摆出「最贴近」的直线，比较各组的线。
    - 20 分钟：运行起始程序（按月份），发现拟合很差；换成按气温，读误差和 37 ℃ 的预测。
    - 10 分钟：讲最小二乘：为什么用「平方」（正负误差不抵消、大误差更受重视）。

    **第 2 课时 预测下周用电**
    - 20 分钟：修改累加，检查通过；再把预报改成一周都是 40 ℃，讨论外推。
    - 20 分钟：讨论：家里用电数据属于谁？电力公司能拿它做什么、不能做什么？（数据安全与隐私。）

    ## 常见错误
    - 训练积木和预测积木的模型名不一致。
    - 把月份数据当成「拟合失败」就换成更复杂的模型：引导学生先想「特征对不对」。
    - 预测时把气温写进了标签格（文字）：线性模型的标签是用电量，特征是气温。

    ## 说明
    - 数据为教学编制：一户上海家庭的典型用电（冬夏高、春秋低），夏季日用电 ≈ 8 + (最高气温 − 24) 度，加上小的随机误差；可以换成学生家里电表的真实读数（数据面板导入 CSV）。
  `, `
    # Least-squares regression: home electricity and temperature (2 class hours)

    ## Goal
    - Understand regression as predicting one number from another and least squares as the line with the smallest
      sum of squared errors; read the error (RMSE) and R².
    - Know that choosing the right feature matters more than a fancier model; that extrapolating beyond the data is
      risky; and how to predict many values with a model.

    ## Timing
    **Hour 1 — Find the closest line**
    - 10 min: plot the summer data on squared paper; each group lays a thread along the "closest" line; compare lines.
    - 20 min: run the starter (by month) and see the poor fit; switch to temperature, read the error and the 37 °C
      prediction.
    - 10 min: least squares: why squares (positive and negative errors do not cancel; big errors count more).

    **Hour 2 — Forecast next week**
    - 20 min: fix the sum until the check passes; then make the whole week 40 °C and discuss extrapolation.
    - 20 min: whose data is a home's electricity use? What may the power company do with it, and what not? (Data
      security and privacy.)

    ## Common mistakes
    - Different model names in the train and predict blocks.
    - Reaching for a more complex model when the monthly fit fails: first ask whether the feature is right.
    - Putting the temperature in the label slot (text): for the line, the label is the kWh, the feature the temperature.

    ## Notes
    - The data are made for teaching: a typical Shanghai household (high in winter and summer, low in spring and
      autumn), summer daily use ≈ 8 + (highest temperature − 24) kWh plus small random errors; swap in real readings
      from students' meters (import a CSV in the Data panel).
  `),
};
