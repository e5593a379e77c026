/**
 * Least squares explained: the samples, the fitted line y = a·x + b, and each sample's error drawn as a vertical
 * segment to the line; the line is the one that makes the squares of those segments smallest. RMSE (the typical
 * size of a segment) is shown next to it, in the units of y. A box for x shows the y the line predicts for it (what the
 * predict block answers), marked on the line.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SvgPlot } from './SvgPlot';
import { paddedExtent, shortNumber } from './plot-scale';

export function RegressionPicture(props: {
  points: readonly { x: number; y: number }[];
  slope: number;
  intercept: number;
  rmse?: number;
  /** Share of y's spread the line explains (1 = every point on the line). */
  r2?: number;
  xLabel: string;
  yLabel: string;
}) {
  const { t } = useTranslation('aiui');
  const line = (x: number) => props.slope * x + props.intercept;
  const xs = props.points.map((p) => p.x);
  const [queryText, setQueryText] = useState(() => shortNumber(xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0));
  const queryX = queryText.trim() === '' ? NaN : Number(queryText);
  const query = Number.isFinite(queryX) ? { x: queryX, y: line(queryX) } : null;
  const xe = paddedExtent(query ? [...xs, query.x] : xs);
  const ye = paddedExtent([...props.points.map((p) => p.y), line(xe.min), line(xe.max)]);
  return (
    <figure className="ai-picture" data-testid="regression-picture">
      <SvgPlot width={420} height={300} x={xe} y={ye} xLabel={props.xLabel} yLabel={props.yLabel} title={t('regression.title')}>
        {({ sx, sy }) => (
          <>
            {props.points.map((p, i) => (
              <line key={`r${i}`} data-testid="regression-residual" className="ai-residual" x1={sx(p.x)} y1={sy(p.y)} x2={sx(p.x)} y2={sy(line(p.x))} />
            ))}
            <line data-testid="regression-line" className="ai-fit-line" x1={sx(xe.min)} y1={sy(line(xe.min))} x2={sx(xe.max)} y2={sy(line(xe.max))} />
            {props.points.map((p, i) => (
              <circle key={`p${i}`} data-testid="regression-point" cx={sx(p.x)} cy={sy(p.y)} r={3.5} className="ai-point" />
            ))}
            {query && <circle data-testid="regression-query" cx={sx(query.x)} cy={sy(query.y)} r={6} className="ai-query" />}
          </>
        )}
      </SvgPlot>
      <figcaption>
        <span data-testid="regression-equation">{t('regression.equation', { slope: shortNumber(props.slope), intercept: shortNumber(props.intercept) })}</span>
        {props.rmse !== undefined && (
          <span> · {t('metrics.rmse')}: <strong data-testid="regression-rmse">{shortNumber(props.rmse)}</strong></span>
        )}
        {props.r2 !== undefined && (
          <span> · {t('metrics.r2')}: <strong data-testid="regression-r2">{shortNumber(props.r2)}</strong></span>
        )}
        <p className="ai-controls">
          <label>
            {t('regression.tryX', { x: props.xLabel })}{' '}
            <input data-testid="regression-x" inputMode="decimal" size={6} maxLength={20} value={queryText} onChange={(e) => setQueryText(e.target.value)} />
          </label>{' '}
          {query
            ? <span data-testid="regression-y">{t('regression.predicted', { y: shortNumber(query.y) })}</span>
            : <span className="warn" role="alert" data-testid="regression-x-error">{t('regression.xNotNumber')}</span>}
        </p>
        <p className="hint">{t('regression.hint')}</p>
      </figcaption>
    </figure>
  );
}
