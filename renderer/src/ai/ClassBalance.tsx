/**
 * How many samples each class has, as bars on one scale, so an unbalanced dataset is visible at a glance (the
 * warning banner above says it in words).
 */
import { useTranslation } from 'react-i18next';
import { labelColour } from './label-colours';

export function ClassBalance(props: { counts: ReadonlyMap<string, number>; labels: readonly string[] }) {
  const { t } = useTranslation('aiui');
  const max = Math.max(1, ...props.counts.values());
  return (
    <div className="ai-balance" data-testid="class-balance" aria-label={t('data.balance')}>
      <h4>{t('data.balance')}</h4>
      {props.labels.length === 0 && <p className="hint">{t('data.noSamples')}</p>}
      {props.labels.map((l) => {
        const n = props.counts.get(l) ?? 0;
        return (
          <div key={l} className="ai-balance-row" data-testid="balance-row" data-label={l} data-count={n}>
            <span className="ai-balance-label" title={l}>{l}</span>
            <span className="ai-balance-track">
              <span className="ai-balance-bar" style={{ width: `${(100 * n) / max}%`, background: labelColour(l, props.labels) }} />
            </span>
            <span className="ai-balance-count">{n}</span>
          </div>
        );
      })}
    </div>
  );
}
