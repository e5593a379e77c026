/**
 * The Models tab: pick a saved model and see what it learnt, drawn the way its kind works (KNN neighbours, the tree,
 * the line, the K-means steps), with its scores (accuracy + confusion matrix, or RMSE), and an honest check: "does it
 * still work on data from another arena or other light?".
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dataset, SavedModel } from '../../../core/ai/contracts';
import { AiError } from '../../../core/ai/errors';
import type { Predictor } from '../../../core/ai/models';
import { sortedLabels } from '../../../core/ai/split';
import { checkedPredictor, drawnIndices, evaluateOn, kmeansFrames, knnTraining, lineOf, nearestIndices, treeView } from './model-views';
import { ConfusionMatrix, formatPercent } from './pictures/ConfusionMatrix';
import { KMeansPicture } from './pictures/KMeansPicture';
import { KnnPicture } from './pictures/KnnPicture';
import { RegressionPicture } from './pictures/RegressionPicture';
import { TreePicture } from './pictures/TreePicture';
import { shortNumber } from './pictures/plot-scale';

/** An accuracy this much lower on other data than when trained is called out as "not reliable there". */
export const SHIFT_DROP = 0.2;

function FeatureAxes(props: { features: readonly string[]; x: number; y: number; onChange: (x: number, y: number) => void }) {
  const { t } = useTranslation('aiui');
  if (props.features.length < 2) return null;
  return (
    <div className="ai-controls" aria-label={t('knn.axes')}>
      <label>
        {t('data.axisX')}{' '}
        <select data-testid="model-axis-x" value={props.x} onChange={(e) => props.onChange(Number(e.target.value), props.y)}>
          {props.features.map((f, i) => <option key={i} value={i}>{f}</option>)}
        </select>
      </label>
      <label>
        {t('data.axisY')}{' '}
        <select data-testid="model-axis-y" value={props.y} onChange={(e) => props.onChange(props.x, Number(e.target.value))}>
          {props.features.map((f, i) => <option key={i} value={i}>{f}</option>)}
        </select>
      </label>
    </div>
  );
}

function KnnView(props: { model: SavedModel; predictor: Predictor }) {
  const { model, predictor } = props;
  const training = useMemo(() => knnTraining(model), [model]);
  const labels = useMemo(() => sortedLabels(training.labels), [training]);
  const mean = useMemo(() => model.features.map((_, j) => training.points.reduce((a, p) => a + (p[j] ?? 0), 0) / Math.max(1, training.points.length)), [model, training]);
  const [axes, setAxes] = useState<[number, number]>([0, Math.min(1, model.features.length - 1)]);
  const [query, setQuery] = useState<number[]>(mean);
  useEffect(() => setQuery(mean), [mean]);
  const [fx, fy] = axes;
  const oneFeature = model.features.length < 2;
  const nearest = nearestIndices(training.points, query, training.k);
  const predicted = String(predictor.predict(query).value);
  // A big training set is thinned for drawing; the neighbours are always drawn.
  const shown = drawnIndices(training.points.length, nearest);
  const position = new Map(shown.map((i, n) => [i, n]));
  return (
    <>
      <FeatureAxes features={model.features} x={fx} y={fy} onChange={(x, y) => setAxes([x, y])} />
      <KnnPicture
        points={shown.map((i) => ({ x: training.points[i]![fx] ?? 0, y: oneFeature ? 0 : (training.points[i]![fy] ?? 0), label: training.labels[i]! }))}
        labels={labels}
        query={{ x: query[fx] ?? 0, y: oneFeature ? 0 : (query[fy] ?? 0) }}
        neighbours={nearest.map((i) => position.get(i)!)}
        predicted={predicted}
        xLabel={model.features[fx] ?? ''}
        yLabel={oneFeature ? '' : (model.features[fy] ?? '')}
        onMoveQuery={(x, y) => setQuery((q) => q.map((v, j) => (j === fx ? x : j === fy && !oneFeature ? y : v)))}
      />
    </>
  );
}

function KMeansView(props: { model: SavedModel; dataset: Dataset | undefined }) {
  const { t } = useTranslation('aiui');
  const { model, dataset } = props;
  const [axes, setAxes] = useState<[number, number]>([0, Math.min(1, model.features.length - 1)]);
  if (!dataset) return <p className="hint">{t('models.datasetMissing', { id: model.datasetId ?? '' })}</p>;
  const values = dataset.samples.map((s) => s.values);
  const frames = kmeansFrames(model, values);
  const [fx, fy] = axes;
  const project = (p: readonly number[]) => (model.features.length >= 2 ? [p[fx] ?? 0, p[fy] ?? 0] : [p[0] ?? 0]);
  const shown = drawnIndices(values.length);
  return (
    <>
      <FeatureAxes features={model.features} x={fx} y={fy} onChange={(x, y) => setAxes([x, y])} />
      <KMeansPicture
        key={model.id}
        points={shown.map((i) => project(values[i]!))}
        steps={frames.map((f) => ({ ...f, centroids: f.centroids.map(project), assignments: shown.map((i) => f.assignments[i] ?? -1) }))}
        xLabel={model.features[fx] ?? ''}
        yLabel={model.features[fy] ?? ''}
      />
    </>
  );
}

function ShiftCheck(props: { model: SavedModel; predictor: Predictor; datasets: readonly Dataset[] }) {
  const { t } = useTranslation('aiui');
  const others = props.datasets.filter((d) => d.id !== props.model.datasetId);
  const [otherId, setOtherId] = useState('');
  const other = others.find((d) => d.id === otherId);
  const result = other ? evaluateOn(props.predictor, props.model, other) : null;
  const trained = props.model.metrics.accuracy;
  return (
    <section className="ai-shift" data-testid="shift-check">
      <h4>{t('shift.title')}</h4>
      <p className="hint">{t('shift.explain')}</p>
      {others.length === 0 ? (
        <p className="hint" data-testid="shift-none">{t('shift.noOther')}</p>
      ) : (
        <label>
          {t('shift.pick')}{' '}
          <select data-testid="shift-dataset" value={otherId} onChange={(e) => setOtherId(e.target.value)}>
            <option value="">{t('shift.choose')}</option>
            {others.map((d) => <option key={d.id} value={d.id}>{t('data.option', { name: d.name, count: d.samples.length })}</option>)}
          </select>
        </label>
      )}
      {other && !result && <p className="warn" data-testid="shift-result">{t('shift.featuresDiffer', { name: other.name, features: other.features.join(', ') })}</p>}
      {other && result?.accuracy !== undefined && (
        <div data-testid="shift-result">
          <p>{t('shift.result', { name: other.name, accuracy: formatPercent(result.accuracy), trained: trained === undefined ? '—' : formatPercent(trained) })}</p>
          {trained !== undefined && trained - result.accuracy >= SHIFT_DROP && <p className="warn" role="alert" data-testid="shift-worse">{t('shift.worse')}</p>}
          {result.confusion && <ConfusionMatrix confusion={result.confusion} testSize={result.testSize} trainSize={result.trainSize} />}
        </div>
      )}
    </section>
  );
}

export function ModelPanel(props: {
  models: readonly SavedModel[];
  datasets: readonly Dataset[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Removes a model from the project (the panel makes it undoable); no button when absent. */
  onDelete?: (id: string, what: string) => void;
}) {
  const { t, i18n } = useTranslation('aiui');
  const model = props.models.find((m) => m.id === props.selectedId) ?? props.models[0];
  const checked = useMemo(() => (model ? checkedPredictor(model) : null), [model]);
  if (!model || !checked) return <p className="hint" data-testid="models-none">{t('models.none')}</p>;
  const dataset = props.datasets.find((d) => d.id === model.datasetId);
  const kindName = t(`models.kind.${model.kind}`);
  const params = Object.entries(model.params).map(([k, v]) => `${k} = ${typeof v === 'number' ? shortNumber(v) : String(v)}`).join(', ');
  const classifier = model.kind === 'knn' || model.kind === 'tree';
  let picture: React.ReactNode = null;
  if (!checked.ok) {
    const e = checked.error;
    const reason = e instanceof AiError ? i18n.t(`ai:${e.key}`, e.params) : String(e instanceof Error ? e.message : e);
    picture = model.kind === 'qlearning' ? <p className="hint">{t('models.qlearningElsewhere')}</p> : <p className="warn" role="alert" data-testid="model-damaged">{t('models.pictureUnavailable', { reason })}</p>;
  } else if (model.kind === 'knn') picture = <KnnView key={model.id} model={model} predictor={checked.value} />;
  else if (model.kind === 'tree') {
    const root = treeView(model);
    if (root) picture = <TreePicture root={root} labels={model.metrics.confusion?.labels ?? Object.keys(root.counts).sort()} />;
  } else if (model.kind === 'linear') {
    const line = lineOf(model);
    picture = (
      <RegressionPicture
        points={(dataset?.samples ?? []).map((s) => ({ x: s.values[0] ?? 0, y: Number(s.label) })).filter((p) => Number.isFinite(p.y))}
        slope={line.slope}
        intercept={line.intercept}
        rmse={model.metrics.rmse}
        r2={model.metrics.r2}
        xLabel={model.features[0] ?? 'x'}
        yLabel={dataset ? t('data.label') : 'y'}
      />
    );
  } else if (model.kind === 'kmeans') picture = <KMeansView key={model.id} model={model} dataset={dataset} />;
  return (
    <div className="ai-models" data-testid="model-panel" data-model={model.name}>
      <div className="ai-controls">
        <label>
          {t('models.pick')}{' '}
          <select data-testid="model-pick" value={model.id} onChange={(e) => props.onSelect(e.target.value)}>
            {props.models.map((m) => <option key={m.id} value={m.id}>{t('models.option', { name: m.name, kind: t(`models.kind.${m.kind}`) })}</option>)}
          </select>
        </label>
        <span className="hint" data-testid="model-kind">{kindName}</span>
        {props.onDelete && (
          <button type="button" data-testid="model-delete" onClick={() => props.onDelete!(model.id, t('edit.deleteModel', { name: model.name }))}>{t('models.delete')}</button>
        )}
      </div>
      <p className="hint">
        {t('models.trainedOn', { dataset: dataset?.name ?? model.datasetId ?? '—', features: model.features.join(', ') || '—' })}
        {params && <> · {t('models.params', { params })}</>}
      </p>
      {!dataset && model.datasetId && model.kind !== 'knn' && model.kind !== 'tree' && <p className="hint">{t('models.datasetMissing', { id: model.datasetId })}</p>}
      {classifier && model.metrics.confusion && (
        <ConfusionMatrix confusion={model.metrics.confusion} accuracy={model.metrics.accuracy} testSize={model.metrics.testSize} trainSize={model.metrics.trainSize} />
      )}
      {picture}
      {classifier && checked.ok && <ShiftCheck model={model} predictor={checked.value} datasets={props.datasets} />}
    </div>
  );
}
