/** Grade 7, unit 8: language models — tokens and the vocabulary. */
import { Blocks, lessonProject } from '../../tools/blocks';
import { L, type UnitSource } from '../../tools/unit-source';
import { DATA_ARENA } from './shared';

const count = (b: Blocks, text: string, tokens: boolean) =>
  b.val(tokens ? b.block('ai_token_count', { inputs: { TEXT: b.text(text) } }) : b.block('text_length', { inputs: { VALUE: b.text(text) } }));
const show = (b: Blocks, text: string) => b.print(b.val(b.block('ai_tokenize', { inputs: { TEXT: b.text(text) } })));

function counter(prefix: string, tokens: boolean) {
  const b = new Blocks(prefix);
  return lessonProject('sensorkit', '数一数词元 Count the tokens', DATA_ARENA, b, [b.whenStarted(
    b.set('zh tokens', count(b, '我爱AI机器人！', tokens)),
    b.set('en tokens', count(b, 'Robots are playing', tokens)),
    show(b, '我爱AI机器人！'),
    show(b, 'Robots are playing'),
    b.print(b.val(b.join(b.get('zh tokens'), b.text(' / '), b.get('en tokens')))),
  )]);
}
const ZH = '人工智能改变我们的生活。';
const EN = 'Artificial intelligence changes our lives.';
function compare(prefix: string, tokens: boolean) {
  const b = new Blocks(prefix);
  return lessonProject('sensorkit', '同一句话，不同的词元 Same meaning, different tokens', DATA_ARENA, b, [b.whenStarted(
    b.set('zh tokens', count(b, ZH, tokens)),
    b.set('en tokens', count(b, EN, tokens)),
    show(b, ZH),
    show(b, EN),
    b.print(b.val(b.block('ai_token_ids', { inputs: { TEXT: b.text('changes') } }))),
    b.ifElse([[b.compare('<', b.get('zh tokens'), b.get('en tokens')), [b.set('fewer', b.text('zh'))]]], [b.set('fewer', b.text('en'))]),
  )]);
}

const BLOCKS = ['ai_token_count', 'ai_tokenize', 'ai_token_ids', 'text_length', 'variables_set', 'variables_get', 'text_print', 'text_join', 'text', 'controls_if', 'logic_compare'];

export const tokensVocabulary: UnitSource = {
  id: 'tokens-vocabulary',
  grade: '7',
  order: 8,
  title: L('大语言模型的词元和词表', 'Tokens and vocabularies of language models'),
  summary: L(
    '大语言模型读文字时先把它切成「词元」，再换成词表里的编号。数一数中英文句子的词元，看看词表里没有的词会被切成几块。',
    'A language model first cuts text into tokens, then turns each into its number in the vocabulary. Count the tokens of Chinese and English sentences, and see how words missing from the vocabulary are cut into pieces.',
  ),
  classHours: 2,
  target: { kit: 'sensorkit', arenaId: DATA_ARENA, hardware: [] },
  prerequisites: ['q-learning-maze'],
  lessons: [
    {
      id: 'count-tokens',
      title: L('词元不是字', 'Tokens are not characters'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'characters',
          title: L('数字数', 'Counting characters'),
          text: L(`
            和大模型聊天时，平台按**词元**（token）计费，也按词元限制一次能读多长。程序现在用「文本长度」数字数：「我爱AI机器人！」是 8 个字符。
            点 **运行**，再看打印出的切分结果：模型看到的并不是 8 块。
          `, `
            Chat services charge by the **token** and limit how much a model reads at once in tokens. The program counts
            characters with "length of": "我爱AI机器人！" has 8 characters. Press **Run** and look at the printed
            split: the model does not see 8 pieces.
          `),
          toolbox: BLOCKS,
        },
        {
          id: 'tokens',
          title: L('数词元', 'Counting tokens'),
          text: L(`
            把两处「文本长度」换成「词元数量」。「机器人」在词表里是一个词，算 1 个词元；「AI」也是 1 个。
            英文「Robots are playing」只有 3 个单词，却是 5 个词元：robot、##s、are、play、##ing——「##」表示接在前一块后面。
          `, `
            Replace both "length of" blocks with "token count". "机器人" (robot) is one word in the vocabulary, so one
            token; "AI" is one too. The English "Robots are playing" has 3 words but 5 tokens: robot, ##s, are, play,
            ##ing ("##" means: joined to the piece before).
          `),
          toolbox: BLOCKS,
          checks: ['zh-count', 'en-count'],
          hints: [L('「词元数量」在「人工智能」分类里。', '"token count" is in the AI category.')],
        },
      ],
      checks: [
        { id: 'zh-count', type: 'variableEquals', name: 'zh tokens', value: 5 },
        { id: 'en-count', type: 'variableEquals', name: 'en tokens', value: 5 },
      ],
      reflection: L(
        '为什么模型不干脆一个字一个字地读，或者一整句一整句地读？词表太大、太小各有什么问题？',
        'Why does a model not read one character at a time, or one whole sentence at a time? What goes wrong with a vocabulary that is too big or too small?',
      ),
      starter: counter('count-starter', false),
      solution: counter('count-solution', true),
    },
    {
      id: 'same-meaning',
      title: L('意思一样，词元不一样', 'Same meaning, different tokens'),
      run: { arenaId: DATA_ARENA, seed: 1, seconds: 5 },
      steps: [
        {
          id: 'compare',
          title: L('中英文比一比', 'Chinese against English'),
          text: L(`
            「${ZH}」和「${EN}」意思一样。程序想比较哪一句花的词元更少，可它数的还是字符。
            把「文本长度」换成「词元数量」，运行后看看 fewer 是哪种语言。
          `, `
            "${ZH}" and "${EN}" mean the same. The program wants to find which needs fewer tokens, but it still counts
            characters. Replace "length of" with "token count", run, and see which language ends up in fewer.
          `),
          toolbox: BLOCKS,
          checks: ['zh-count', 'en-count', 'fewer'],
          hints: [L('打印出的编号列表就是模型真正「看到」的东西。', 'The printed list of ids is what the model really "sees".')],
        },
        {
          id: 'unknown-words',
          title: L('词表里没有的词', 'Words the vocabulary lacks'),
          text: L(`
            看打印结果：「changes」被切成了 ch、##an、##ge、##s 四块，因为这个小词表里没有 change。词表里没有的词要用好几块拼起来，词元就多了。
            想一想：如果一个模型的词表里中文词很少，用它处理中文会怎样？
          `, `
            Look at the output: "changes" is cut into ch, ##an, ##ge, ##s, because this small vocabulary lacks
            "change". A word missing from the vocabulary is built from several pieces, so it costs more tokens. Think:
            what happens when a model whose vocabulary has few Chinese words handles Chinese?
          `),
          toolbox: BLOCKS,
        },
      ],
      checks: [
        { id: 'zh-count', type: 'variableEquals', name: 'zh tokens', value: 6 },
        { id: 'en-count', type: 'variableEquals', name: 'en tokens', value: 11 },
        {
          id: 'fewer', type: 'variableEquals', name: 'fewer', value: 'zh',
          pass: L('用这个词表，中文句子花的词元更少。', 'With this vocabulary the Chinese sentence needs fewer tokens.'),
        },
      ],
      reflection: L(
        '按词元收费时，词表对哪种语言「更友好」，用这种语言的人就更省钱。这公平吗？应该怎样设计词表？',
        'When tokens are paid for, speakers of the language the vocabulary favours pay less. Is that fair? How should a vocabulary be designed?',
      ),
      starter: compare('compare-starter', false),
      solution: compare('compare-solution', true),
    },
  ],
  teacherNotes: L(`
    # 大语言模型的词元和词表（2 课时）

    ## 目标
    - 知道大语言模型先把文本切成词元、再映射成词表编号；词元数量和字数、单词数不同。
    - 知道词表里没有的词会被拆成多个子词；理解词表设计会影响不同语言的成本（公平性）。

    ## 课时安排
    **第 1 课时 词元不是字**
    - 10 分钟：不插电：给每组一张「词表卡」（50 个常用词），用它把一句话切开，数块数；词表里没有的字怎么办？
    - 20 分钟：运行、替换积木、检查通过；自己输入名字、班级口号试试。
    - 10 分钟：讨论：为什么聊天机器人有「字数限制」，限制的其实是词元。

    **第 2 课时 意思一样，词元不一样**
    - 20 分钟：比较中英文、查看编号；找 3 个被切碎的英文词和 3 个被切碎的中文词（生僻字会变成 [UNK]）。
    - 20 分钟：讨论语言公平：小语种、方言、少数民族语言在大模型里的处境。

    ## 常见错误
    - 只换了一处「文本长度」：另一处还在数字符。
    - 句子里多打了空格或标点：标点单独算一个词元，数会变。
    - 以为「##」是文字的一部分：它只是「接在前面」的记号。

    ## 说明
    - 软件内置一个约 1,500 个词元的小词表（离线可用），用最长匹配切分；真实大模型的词表有几万到十几万个词元，切分方法类似（BPE / WordPiece）。
    - 本单元不需要联网，也不把学生输入的文字发送到任何地方。
  `, `
    # Tokens and vocabularies of language models (2 class hours)

    ## Goal
    - Know that a language model first cuts text into tokens, then maps them to vocabulary ids; token counts differ
      from character and word counts.
    - Know that words missing from the vocabulary are split into sub-word pieces, and that vocabulary design changes
      what each language costs (fairness).

    ## Timing
    **Hour 1 — Tokens are not characters**
    - 10 min: unplugged: each group gets a "vocabulary card" (50 common words) and cuts a sentence with it, counting
      the pieces; what about characters not on the card?
    - 20 min: run, swap the blocks, pass the check; try your own name and the class motto.
    - 10 min: why chatbots have a "length limit", which is really a token limit.

    **Hour 2 — Same meaning, different tokens**
    - 20 min: compare Chinese and English, look at the ids; find 3 English and 3 Chinese words that get cut up (rare
      characters become [UNK]).
    - 20 min: language fairness: minority languages and dialects in large models.

    ## Common mistakes
    - Only one "length of" replaced: the other still counts characters.
    - An extra space or punctuation mark: punctuation is a token of its own and the count changes.
    - Taking "##" as part of the text: it only marks "joined to the piece before".

    ## Notes
    - The app has a small built-in vocabulary of about 1,500 tokens (works offline) and cuts by longest match; real
      large models have tens of thousands to over a hundred thousand tokens and cut in a similar way (BPE / WordPiece).
    - Nothing in this unit needs the internet, and no student text is sent anywhere.
  `),
};
