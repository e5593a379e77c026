/** Read-only JavaScript / Python text generated from the IR (core/codegen); the App regenerates it, debounced. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface GeneratedCode {
  readonly javascript: string;
  readonly python: string;
}

export function CodeView(props: { code: GeneratedCode | null }) {
  const { t } = useTranslation('app');
  const [tab, setTab] = useState<'javascript' | 'python'>('javascript');
  const text = props.code?.[tab] ?? '';
  return (
    <section className="panel code-view" data-testid="code-view">
      <div className="tabs" role="tablist">
        {(['javascript', 'python'] as const).map((k) => (
          <button key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'tab active' : 'tab'} onClick={() => setTab(k)}>
            {t(`editor.code.${k}`)}
          </button>
        ))}
        <span className="hint">{t('editor.code.readOnly')}</span>
      </div>
      <pre className="code" data-testid={`code-${tab}`} aria-readonly="true">
        {text.trim() ? text : t('editor.code.empty')}
      </pre>
    </section>
  );
}
