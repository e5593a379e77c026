/** Grade 7, unit 6: K-means clustering — library borrowing in 1D, then homes on a map in 2D (where to put bus stops). */
import { Blocks, lessonProject } from '../../tools/blocks';
import { clusterData } from '../../tools/data';
import { L, type UnitSource } from '../../tools/unit-source';
import { ai, DATA_ARENA } from './shared';

/** Books 36 students borrowed this term: occasional, regular and keen readers (no labels: nobody sorted them). */
export const BORROWING = clusterData('borrowing', '借书数量', ['本数'], [[2], [9], [21]], 12, 13, 2.5);
/** Where 30 students live on a 10 km × 6 km map: three neighbourhoods, west, middle and east. */
export const HOMES = clusterData('homes', '家的位置', ['东西 km', '南北 km'], [[1.5, 4.5], [5, 1.5], [8.5, 4]], 10, 37, 1.2);

function readers(prefix: string, k: number) {
  const b = new Blocks(prefix);
  return lessonProject('sensorkit', '借书分组 Reader groups', DATA_ARENA, b, [b.whenStarted(
    ai.trainKmeans(b, '读者分组', '借书数量', k),
    b.set('group of 22', b.val(ai.clusterOf(b, '读者分组', b.num(22)))),
    b.set('group of 9', b.val(ai.clusterOf(b, '读者分组', b.num(9)))),
    b.print(b.val(b.join(b.text('22 → '), b.get('group of 22'), b.text(', 9 → '), b.get('group of 9')))),
  )], { datasets: [BORROWING] });
}
function busStops(prefix: string, solved: boolean) {
  const b = new Blocks(prefix);
  const home = (x: number, y: number) => b.val(ai.features(b, b.num(x), b.num(y)));
  const blocks = [
    ai.trainKmeans(b, '公交站', '家的位置', solved ? 3 : 2),
    b.set('stop for Li', b.val(ai.clusterOf(b, '公交站', home(8, 4.5)))),
    b.print(b.val(b.join(b.text('Li → '), b.get('stop for Li')))),
  ];
  if (solved) blocks.push(b.set('stop for Wang', b.val(ai.clusterOf(b, '公交站', home(5.5, 1)))), b.print(b.val(b.join(b.text('Wang → '), b.get('stop for Wang')))));
  return lessonProject('sensorkit', '公交站设在哪 Where to put the bus stops', DATA_ARENA, b, [b.whenStarted(...blocks)], { datasets: [HOMES] });
}

const BLOCKS = ['ai_train_kmeans', 'ai_cluster_of', 'ai_features', 'variables_set', 'variables_get', 'text_print', 'text_join', 'text'];

export const kmeansClustering: UnitSource = {
  id: 'kmeans-clustering',
  grade: '7',
  order: 6,
  title: L('K 均值聚类：先一维，再二维', 'K-means clustering: 1D, then 2D'),
  summary: L(
    '没有标签也能分组：用 K 均值把同学的借书数量分成三类读者，再把同学家的位置分成三片，找出公交站该设在哪里。',
    'Grouping without labels: K-means sorts classmates\' library borrowing into three kinds of readers, then their homes on a map into three areas, to find where bus stops should go.',
  ),
  classHours: 2,
  target: { kit: 'sensorkit', arenaId: DATA_ARENA, hardware: [] },
  prerequisites: ['regression-electricity'],
  lessons: [
    {
      id: 'readers-1d',
      title: L('一维：三类读者', '1D: three kinds of readers'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'no-labels',
          title: L('没有标签的数据', 'Data without labels'),
          text: L(`
            「借书数量」是 36 位同学这学期借书的本数，**没有标签**：没有人告诉我们谁是「爱读书的人」。
            **K 均值**先随便放 k 个中心，然后反复做两步：① 每个点归到最近的中心；② 把中心挪到它那组点的平均位置。直到不再变化。
            程序用 k = 2 分组。点 **运行**，在「模型」面板里一步步看中心怎么移动。
          `, `
            "借书数量" (books borrowed) holds how many books 36 classmates borrowed this term, **without labels**: nobody
            told us who the keen readers are. **K-means** places k centres anywhere, then repeats two steps: ① each point
            joins its nearest centre; ② each centre moves to the average of its points; until nothing changes. The
            program uses k = 2. Press **Run** and watch the centres move step by step in the Model panel.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'three-groups',
          title: L('分成三组', 'Three groups'),
          text: L(`
            图书馆老师想分三类读者：偶尔借、经常借、特别爱借。把 k 改成 3。组号按中心从小到大排：1 组借得最少。
            借了 22 本的同学应该在第 3 组，借了 9 本的在第 2 组。
          `, `
            The librarian wants three kinds of readers: occasional, regular and keen. Change k to 3. Groups are numbered
            by their centres, smallest first: group 1 borrows least. A classmate with 22 books should be in group 3, one
            with 9 books in group 2.
          `),
          toolbox: BLOCKS,
          checks: ['keen-reader', 'regular-reader'],
          hints: [L('只要改聚类积木里的 k。', 'Only the k in the clustering block changes.')],
        },
      ],
      checks: [
        { id: 'keen-reader', type: 'variableEquals', name: 'group of 22', value: 3 },
        { id: 'regular-reader', type: 'variableEquals', name: 'group of 9', value: 2 },
      ],
      reflection: L(
        '给同学贴上「不爱读书」的标签合适吗？分组结果应该怎样使用，才不会伤害别人？',
        'Is it fair to label a classmate "does not like reading"? How should the groups be used so that nobody is hurt?',
      ),
      starter: readers('readers-starter', 2),
      solution: readers('readers-solution', 3),
    },
    {
      id: 'bus-stops-2d',
      title: L('二维：公交站设在哪', '2D: where to put the bus stops'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'map',
          title: L('地图上的点', 'Points on a map'),
          text: L(`
            「家的位置」是 30 位同学家在地图上的坐标（东西、南北，单位千米）。每个点有**两个**特征，K 均值在平面上找中心。
            学校要开校车，设几个站点。中心就是站点：每位同学去离家最近的站。现在程序只设了 2 个站，点 **运行** 看看谁要走很远。
          `, `
            "家的位置" (home positions) holds where 30 classmates live on a map (east–west and north–south, in km). Each
            point has **two** features, so K-means finds centres on the plane. The school wants a bus with a few stops:
            the centres are the stops, and each student walks to the nearest one. The program sets only 2 stops; press
            **Run** and see who has a long walk.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'three-stops',
          title: L('三个站', 'Three stops'),
          text: L(`
            地图上明显有三片住宅区。把 k 改成 3，再加一句：小王家在 (5.5, 1)，算出他去几号站，存进变量 stop for Wang。
            小李家在 (8, 4.5)，应该去 3 号站（最东边）；小王应该去 2 号站。
          `, `
            The map clearly has three housing areas. Change k to 3 and add one more line: Wang lives at (5.5, 1); work
            out his stop number into the variable stop for Wang. Li, at (8, 4.5), should go to stop 3 (the easternmost);
            Wang to stop 2.
          `),
          toolbox: BLOCKS,
          checks: ['li-stop', 'wang-stop'],
          hints: [L('复制「设 stop for Li」那一块，改变量名和坐标。', 'Duplicate the "set stop for Li" block and change the variable and the coordinates.')],
        },
      ],
      checks: [
        { id: 'li-stop', type: 'variableEquals', name: 'stop for Li', value: 3 },
        { id: 'wang-stop', type: 'variableEquals', name: 'stop for Wang', value: 2 },
      ],
      reflection: L(
        '把学生家的位置交给公交公司算站点，要注意保护哪些信息？能不能只交出大概的位置？',
        'Handing students\' home positions to a bus company to plan stops: what information must be protected? Could you hand over only approximate positions?',
      ),
      starter: busStops('stops-starter', false),
      solution: busStops('stops-solution', true),
    },
  ],
  teacherNotes: L(`
    # K 均值聚类：先一维，再二维（2 课时）

    ## 目标
    - 区分分类（有标签）和聚类（无标签）；理解 K 均值「分配—更新」两步迭代。
    - 会选择 k 并解释分组；知道分组结果用于人时要谨慎（标签化），位置数据属于敏感个人信息。

    ## 课时安排
    **第 1 课时 一维：三类读者**
    - 10 分钟：不插电：在黑板数轴上贴 15 张借书数量便利贴，请 3 位同学当「中心」，全班一起做两轮「分配—更新」。
    - 20 分钟：运行 k = 2、3、4，在模型面板逐步观看迭代；检查通过。
    - 10 分钟：反思：分组的用途与标签化的伤害。

    **第 2 课时 二维：公交站**
    - 5 分钟：在地图上标出住宅区，猜站点位置。
    - 25 分钟：改 k、加小王，检查通过；比较 k = 2、3、5 时每位同学到站的平均距离。
    - 10 分钟：讨论位置隐私：只交出「小区」而不是门牌号。

    ## 常见错误
    - 以为组号有意义（「1 组最好」）：组号只是按中心从小到大编的号。
    - 二维预测时只给一个坐标：运行时报「特征数量不对」。
    - k 大于不同点的数量：报错（K 均值需要至少 k 个不同的点）。

    ## 说明
    - 数据为教学编制（借书数量和坐标带随机误差）；可以换成图书馆导出的真实借阅统计，但只用匿名的数量，不带姓名。
    - 初始中心用运行的随机种子选取，所以结果可复现；换种子（或换一份数据）时，两个初始中心可能落在同一片住宅区，K 均值就会「卡住」，把一片拆成两半、另两片合成一组（局部最优）。这正是拓展讨论的好材料：多跑几次、挑组内距离最小的一次。
  `, `
    # K-means clustering: 1D, then 2D (2 class hours)

    ## Goal
    - Tell classification (labels) from clustering (no labels); understand K-means' two repeated steps, assign and
      update.
    - Choose k and explain the groups; know that grouping people needs care (labelling), and that location is
      sensitive personal data.

    ## Timing
    **Hour 1 — 1D: three kinds of readers**
    - 10 min: unplugged: stick 15 sticky notes of borrowing counts on a number line on the board; 3 students act as
      centres and the class does two rounds of assign and update.
    - 20 min: run k = 2, 3, 4 and watch the iterations step by step in the Model panel; pass the check.
    - 10 min: reflection: what groups are for, and the harm of labels.

    **Hour 2 — 2D: bus stops**
    - 5 min: mark the housing areas on the map and guess the stops.
    - 25 min: change k, add Wang, pass the check; compare the average walk to a stop for k = 2, 3, 5.
    - 10 min: location privacy: hand over the housing estate, not the door number.

    ## Common mistakes
    - Reading meaning into group numbers ("group 1 is best"): they are numbered by centre, smallest first.
    - Only one coordinate in the 2D prediction: the run stops with "wrong number of features".
    - k larger than the number of different points: an error (K-means needs at least k different points).

    ## Notes
    - The data are made for teaching (counts and coordinates with random errors); real library statistics can be used
      instead, as anonymous counts without names.
    - The starting centres are picked with the run's random seed, so results repeat; with another seed (or other data)
      two starting centres can land in the same housing area and K-means gets stuck, splitting one area in two and
      merging the other two (a local optimum). Good for an extension: run it several times and keep the grouping
      with the shortest distances inside groups.
  `),
};
