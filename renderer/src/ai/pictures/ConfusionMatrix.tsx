/**
 * Accuracy and the confusion matrix: rows are the true class, columns the model's answer, so the diagonal is what it
 * got right and every other cell names a mix-up ("said green when it was blue: 3"). Cells are shaded by their share
 * of the row so the pattern shows even before the numbers are read.
 */
import { useTranslation } from 'react-i18next';
import type { ModelMetrics } from '../../../../core/ai/contracts';
import { labelColour } from '../label-colours';

type Confusion = NonNullable<ModelMetrics['confusion']>;

export function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/**
 * The train–test split as one bar: the share of samples the model learnt from and the share kept back to test it,
 * so "accuracy on the test samples" has something to point at.
 */
export function SplitBar(props: { trainSize: number; testSize: number }) {
  const { t } = useTranslation('aiui');
  const total = props.trainSize + props.testSize;
  if (total === 0) return null;
  const trainShare = (100 * props.trainSize) / total;
  return (
    <div className="ai-split" data-testid="split-bar" aria-label={t('split.title', { train: props.trainSize, test: props.testSize })}>
      <span className="ai-split-train" style={{ width: `${trainShare}%` }}>{t('split.train', { count: props.trainSize })}</span>
      {props.testSize > 0 && <span className="ai-split-test" style={{ width: `${100 - trainShare}%` }}>{t('split.test', { count: props.testSize })}</span>}
    </div>
  );
}

export function ConfusionMatrix(props: { confusion: Confusion; accuracy?: number; testSize: number; trainSize: number }) {
  const { t } = useTranslation('aiui');
  const { labels, matrix } = props.confusion;
  return (
    <figure className="ai-picture" data-testid="confusion">
      {props.accuracy !== undefined && <SplitBar trainSize={props.trainSize} testSize={props.testSize} />}
      {props.accuracy !== undefined && (
        <p className="ai-accuracy">
          {t('metrics.accuracy')}: <strong data-testid="model-accuracy">{formatPercent(props.accuracy)}</strong>{' '}
          <span className="hint">
            {props.testSize > 0 ? t('metrics.onTest', { test: props.testSize, train: props.trainSize }) : t('metrics.onTrain', { train: props.trainSize })}
          </span>
        </p>
      )}
      <table className="ai-confusion">
        <caption>{t('confusion.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('confusion.corner')}</th>
            {labels.map((l) => (
              <th key={l} scope="col" style={{ color: labelColour(l, labels) }}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((actual, r) => {
            const row = matrix[r] ?? [];
            const total = row.reduce((a, b) => a + b, 0);
            return (
              <tr key={actual}>
                <th scope="row" style={{ color: labelColour(actual, labels) }}>{actual}</th>
                {labels.map((predicted, c) => {
                  const n = row[c] ?? 0;
                  const share = total > 0 ? n / total : 0;
                  const right = r === c;
                  return (
                    <td
                      key={predicted}
                      data-testid={`confusion-${r}-${c}`}
                      className={right ? 'right' : n > 0 ? 'wrong' : ''}
                      style={{ background: n > 0 ? (right ? `rgba(67,160,71,${0.15 + 0.6 * share})` : `rgba(229,57,53,${0.15 + 0.6 * share})`) : undefined }}
                      title={right ? t('confusion.rightCell', { label: actual, count: n }) : t('confusion.wrongCell', { actual, predicted, count: n })}
                    >
                      {n}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}
