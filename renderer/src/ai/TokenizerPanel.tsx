/**
 * The tokenizer activity (grade 7, "how a language model reads text"): type Chinese or English text and see it cut
 * into tokens, as coloured chips with their vocabulary ids, the token count next to the character count. Offline:
 * the built-in vocabulary and tokenizer of core/ai (the same ones the token blocks use).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TOKENIZE_CHARS, tokenize, VOCAB_SIZE } from '../../../core/ai/tokenizer';
import { UNK_TOKEN } from '../../../core/ai/vocab';

/** Chip colours, cycled token by token so neighbours differ (light backgrounds with dark text in every theme). */
const CHIP_COLOURS = ['#ffe0b2', '#c8e6c9', '#bbdefb', '#f8bbd0', '#d1c4e9', '#b2ebf2', '#fff59d', '#dcedc8'] as const;

/** Most chips drawn; the count still covers every token (thousands of chips would make typing sluggish). */
export const MAX_CHIPS = 1000;

export const DEFAULT_TOKENIZER_TEXT = '我喜欢人工智能。Robots are learning!';

export function TokenizerPanel(props: { defaultOpen?: boolean; initialText?: string }) {
  const { t } = useTranslation('airl');
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  const [text, setText] = useState(props.initialText ?? DEFAULT_TOKENIZER_TEXT);
  const [showIds, setShowIds] = useState(true);
  const tokens = useMemo(() => tokenize(text), [text]);
  const chars = useMemo(() => Array.from(text).length, [text]);
  const hasUnknown = tokens.some((tok) => tok.text === UNK_TOKEN);

  return (
    <section className="panel tokenizer-panel" data-testid="tokenizer-panel" aria-label={t('tokens.title')}>
      <button type="button" data-testid="tokenizer-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? '▾' : '▸'} {t('tokens.title')}
      </button>
      {open && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 6 }}>
          <p className="hint" style={{ margin: 0 }}>{t('tokens.explain')}</p>
          <label style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            {t('tokens.input')}
            <textarea
              data-testid="tokenizer-input"
              value={text}
              rows={3}
              placeholder={t('tokens.placeholder')}
              onChange={(e) => setText(e.target.value)}
              style={{ width: '100%', boxSizing: 'border-box', font: 'inherit', background: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--border)', borderRadius: 6 }}
            />
          </label>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', fontSize: 14 }}>
            <strong data-testid="tokenizer-count">{t('tokens.count', { count: tokens.length })}</strong>
            <span data-testid="tokenizer-chars">{t('tokens.chars', { count: chars })}</span>
            <span className="hint">{t('tokens.vocabSize', { size: VOCAB_SIZE })}</span>
            <label>
              <input type="checkbox" data-testid="tokenizer-show-ids" checked={showIds} onChange={(e) => setShowIds(e.target.checked)} /> {t('tokens.showIds')}
            </label>
          </div>
          {text.length > MAX_TOKENIZE_CHARS && <p className="hint" role="status" data-testid="tokenizer-too-long">{t('tokens.tooLong', { max: MAX_TOKENIZE_CHARS })}</p>}
          <ol data-testid="tokenizer-chips" aria-label={t('tokens.title')} style={{ display: 'flex', flexWrap: 'wrap', gap: 4, listStyle: 'none', padding: 0, margin: 0, maxHeight: 240, overflow: 'auto' }}>
            {tokens.slice(0, MAX_CHIPS).map((tok, i) => {
              const unknown = tok.text === UNK_TOKEN;
              return (
                <li
                  key={i}
                  data-testid="token-chip"
                  data-id={tok.id}
                  title={t('tokens.chip', { text: tok.text, id: tok.id })}
                  style={{
                    display: 'inline-flex', flexDirection: 'column', alignItems: 'center', padding: '2px 6px', borderRadius: 6,
                    background: unknown ? '#e0e0e0' : CHIP_COLOURS[i % CHIP_COLOURS.length], color: '#111',
                    border: unknown ? '1px dashed #616161' : '1px solid rgba(0,0,0,0.15)', minWidth: 24,
                  }}
                >
                  <span data-testid="token-text" style={{ fontSize: 15, whiteSpace: 'pre' }}>{tok.text}</span>
                  {showIds && <span data-testid="token-id" style={{ fontSize: 11, fontVariantNumeric: 'tabular-nums', opacity: 0.8 }}>{tok.id}</span>}
                </li>
              );
            })}
          </ol>
          {tokens.length > MAX_CHIPS && <p className="hint" data-testid="tokenizer-more" style={{ margin: 0 }}>{t('tokens.more', { count: tokens.length - MAX_CHIPS })}</p>}
          {hasUnknown && <p className="hint" data-testid="tokenizer-unknown" style={{ margin: 0 }}>{t('tokens.unknown')}</p>}
        </div>
      )}
    </section>
  );
}
