/**
 * The tokenizer activity's built-in vocabulary (grade 7, "how a language model reads text"), written for this app
 * as data. A token's id is its position in VOCAB, so the order below is part of the contract: lessons and saved
 * answers quote ids, and `tokenizer.test.ts` pins a few. New entries go in a new group at the end of VOCAB.
 *
 * Groups, in id order:
 * - special tokens: [PAD] 0, [UNK] 1 (anything not covered), [CLS] 2, [SEP] 3;
 * - punctuation, ASCII then Chinese (full-width);
 * - digits 0–9 (numbers are read digit by digit, as many real tokenizers do);
 * - letters a–z, then the same letters as word-inner pieces ##a–##z (also the endings ##s, ##d, ##y), so every
 *   English word can be spelt out;
 * - common English words of two letters or more ("a" and "i" are letters already; lower case: the tokenizer is
 *   uncased), word-start pieces and word-inner pieces (`##ing`: "##" marks a piece that continues a word, as in
 *   WordPiece);
 * - common Chinese characters (every character of every Chinese word below is among them, so any Chinese text
 *   made of them splits into known pieces), then common Chinese words and phrases of the course.
 */

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/** ASCII punctuation and symbols, one token each. */
const PUNCT_ASCII = Array.from('.,!?:;\'"()-+*/=%&@#$_[]{}<>~^|`\\');

/** Chinese (full-width) punctuation, one token each. */
const PUNCT_ZH = Array.from('，。！？：；、“”‘’（）《》【】…—·「」～');

const DIGITS = Array.from('0123456789');

const LETTERS = Array.from('abcdefghijklmnopqrstuvwxyz');

const ENGLISH_WORDS = `
  the an and or not no yes is are was were be been am you he she it we they me him her us them my your his its
  our their this that these those what which who when where why how to of in on at by for with from up down out
  over under about into after before if then else so but because than as there here can will would should could may
  might must do does did done have has had go goes went gone come came make made take took see saw look get got
  give gave know knew think thought say said tell told use find want like love play learn read write run walk turn
  move stop start open close help work call try need feel keep let begin show hear ask answer talk sing draw eat
  drink sleep drive fly jump time year day today tomorrow yesterday week morning night people man woman child
  children boy girl friend teacher student school class lesson book word name world life hand eye head home house
  water food tree city country car road way thing number part place point light sound colour color red green blue
  yellow black white big small good bad new old long short high low fast slow left right front back first last next
  one two three four five six seven eight nine ten hundred thousand many much more most some any all every each
  other same very also too only just now again still always never often hello hi thank thanks please sorry ok okay
  happy sad beautiful cool fun easy hard great best better robot computer machine learning intelligence artificial
  ai data model train test predict sensor camera image picture voice speech text language token chat program code
  block game drone grid goal reward agent action state maze path step math science music art sport phone internet
  smart cat dog bird fish apple banana sun moon star sky rain snow weather hot cold warm china chinese english
  shanghai beijing question problem idea example information system network rule result real true false value list
  loop distance speed temperature wall trap cell table score policy random neural deep classify label feature
  cluster sample dataset
`.trim().split(/\s+/);

/** Pieces that may start a word (prefixes and common onsets). */
const WORD_STARTS = `
  un re pre dis im ex pro con com inter trans tele auto micro th ch sh wh st sp tr pr gr br cr dr fl bl cl pl sl sw
  sm sn qu
`.trim().split(/\s+/);

/** Pieces that continue a word: suffixes, then common letter pairs. */
const WORD_PIECES = `
  ##es ##ed ##ing ##er ##ers ##est ##ly ##tion ##sion ##ion ##ment ##ness ##ful ##less ##able ##ible ##al
  ##ial ##ic ##ical ##ity ##ize ##ise ##ive ##ous ##ist ##ism ##en ##ry ##or ##ance ##ence ##ship ##ward ##ish
  ##ure ##age ##ery ##ant ##ent ##ian ##ics ##ology ##one ##ot ##ut ##um ##us ##th ##ch ##sh ##ll ##ss ##nt ##st
  ##nd ##ck ##ng ##on ##an ##in ##at ##it ##ar ##re ##te ##le ##ce ##se ##ve ##ge ##de ##ne ##me ##ke ##ow ##ou
  ##ea ##ee ##oo ##ai ##ay ##ey ##ie ##ab ##ob ##ig ##og ##op ##ap ##am ##em ##el ##et ##ro ##ri ##ra ##la ##li
  ##lo ##ma ##mi ##na ##ni ##no ##ta ##ti ##to
`.trim().split(/\s+/);

/** Common Chinese characters, one token each. */
const CHINESE_CHARACTERS = Array.from(`
  的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后
  小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长
  知民样现分将外但身些与高意进把法此实回二理美点月明社向正体相位定机问力第几给加间等部度被少西走山东百
  反爱吃喝玩乐听读写画唱跳笑哭飞跑坐站睡醒买卖送收找做试练习讲课书笔纸桌椅门窗车路桥河海水火木金土石风
  雨雪云电光声色红绿蓝黄黑白灰粉紫春夏秋冬早晚今昨朝午夜周星期钟秒半刻父母爸妈哥姐弟妹爷奶儿女男孩朋友
  师班校园猫狗鸟鱼马牛羊猪鸡虎龙花草树叶果苹香蕉米饭菜茶蛋肉糖四五六七八九千万亿零左右内南北快慢远近短
  低新旧坏冷热真假错器智网络数据模型训测识别图像语言词句计算程序编积传感摄奖励惩罚状态策略环境迷宫终陷
  阱径格距离速温湿线什怎哪呢吗吧啊呀哦嗯很太更最非常特因虽且或每重简单困难趣聪准确误结规则例信息系统未
  安全隐私伦阳亮物游戏故片照视频谢再欢迎类庭眼睛耳朵情思名字次概率平均征标签聚归决邻话聊翻译输入变列表
  循条件判函按钮屏幕键盘鼠共帮助使利工活答提考解记住科技术英音育城市希望需应该够始束继续停止退转弯深神
  集预元脑强化颜它己候堂教室业题案京世界喜觉认者兴漂气互联关量断汉级虑选择比较展改创造设验观察录整析示
  品
`.replace(/\s+/g, ''));

/** Common Chinese words and phrases, matched longest first. */
const CHINESE_WORDS = `
  人工智能 智能 人工 机器 机器人 学习 机器学习 深度学习 神经网络 网络 数据 数据集 模型 大模型 训练 测试 预测 分类 识别 图像 图像识别 语音 语音识别 语言 语言模型 自然语言 文字 文本 词元 分词 词语
  句子 计算机 电脑 程序 编程 积木 算法 传感器 摄像头 无人机 小车 强化学习 奖励 惩罚 动作 状态 策略 智能体 环境 迷宫 终点 起点 陷阱 路径 方格 距离 速度 温度 湿度 光线 声音 颜色 红色 绿色 蓝色
  黄色 黑色 白色 我们 你们 他们 她们 它们 自己 大家 什么 怎么 为什么 这个 那个 这里 那里 哪里 现在 今天 明天 昨天 时候 时间 早上 晚上 中午 上午 下午 学校 学生 老师 同学 朋友 上课 下课 课堂
  教室 作业 考试 问题 答案 知识 科学 技术 科技 数学 语文 英语 音乐 美术 体育 中国 上海 北京 世界 城市 国家 喜欢 知道 觉得 认为 可以 能够 应该 需要 希望 开始 结束 继续 停止 前进 后退 左转 右转
  转弯 发现 帮助 使用 利用 工作 生活 学会 看到 听到 说话 回答 提问 思考 理解 记住 非常 特别 已经 还是 但是 因为 所以 如果 虽然 而且 或者 然后 一起 一个 一些 一样 没有 不是 就是 还有 很多 所有
  每个 第一 重要 简单 困难 有趣 快乐 高兴 漂亮 聪明 准确 正确 错误 结果 方法 过程 规则 例子 信息 系统 社会 未来 安全 隐私 伦理 天气 下雨 太阳 月亮 星星 动物 小猫 小狗 苹果 水果 手机 互联网
  游戏 故事 图片 照片 视频 你好 谢谢 再见 对不起 没关系 欢迎 人类 人们 孩子 家庭 妈妈 爸爸 身体 眼睛 耳朵 东西 地方 事情 意思 名字 数字 次数 计算 统计 概率 平均 特征 标签 样本 准确率 聚类 回归
  决策树 近邻 生成 对话 聊天 聊天机器人 翻译 输入 输出 变量 列表 循环 条件 判断 函数 事件 按钮 屏幕 键盘 鼠标 一共 多少 几个 可能 不能 不会 出来 起来 东方 明白 中文 汉字 字母 单词 学期 年级
  同桌 考虑 选择 比较 发展 改变 创造 设计 实验 观察 记录 收集 整理 分析 表示 解决 作品 机会
`.trim().split(/\s+/);

/** Every token, id = index. */
export const VOCAB: readonly string[] = Object.freeze([
  ...SPECIAL,
  ...PUNCT_ASCII,
  ...PUNCT_ZH,
  ...DIGITS,
  ...LETTERS,
  ...LETTERS.map((l) => `##${l}`),
  ...ENGLISH_WORDS,
  ...WORD_STARTS,
  ...WORD_PIECES,
  ...CHINESE_CHARACTERS,
  ...CHINESE_WORDS,
]);

export const PAD_TOKEN = '[PAD]';
export const UNK_TOKEN = '[UNK]';
