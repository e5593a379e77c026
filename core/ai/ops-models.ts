/** AI ops on models: train (KNN, tree, line, K-means), predict, confidence, cluster, accuracy, error. */
import type { Value } from '../program/ir';
import type { AiContext } from './context';
import type { SavedModel } from './contracts';
import { AiError } from './errors';
import { loadPredictor, trainModel, type DatasetModelKind, type Prediction, type TrainParams } from './models';
import type { AiOpSpec } from './ops';
import { featuresArg, nameArg } from './ops-values';

/** Most models a project keeps (project schema limit). */
export const MAX_MODELS = 100;

function train(ctx: AiContext, kind: DatasetModelKind, modelName: Value, datasetName: Value, params: TrainParams): void {
  const name = nameArg(modelName, 'model');
  const dsName = nameArg(datasetName, 'dataset');
  const dataset = ctx.dataset(dsName);
  if (!dataset) throw new AiError('error.unknownDataset', { name: dsName });
  if (!ctx.model(name) && ctx.models.length >= MAX_MODELS) throw new AiError('error.tooManyModels', { max: MAX_MODELS });
  ctx.putModel(trainModel(kind, name, dataset, params, ctx.random));
}

function model(ctx: AiContext, modelName: Value): SavedModel {
  const name = nameArg(modelName, 'model');
  const m = ctx.model(name);
  if (!m) throw new AiError('error.unknownModel', { name });
  return m;
}

/** Prediction for `features` with a model; checks the feature count. */
function predict(ctx: AiContext, modelName: Value, features: Value): { model: SavedModel; p: Prediction } {
  const m = model(ctx, modelName);
  const predictor = ctx.live(m, loadPredictor);
  const x = featuresArg(features);
  if (x.length !== predictor.featureCount) throw new AiError('error.featureCount', { name: m.name, expected: predictor.featureCount, got: x.length });
  return { model: m, p: predictor.predict(x) };
}

/** The confidence or cluster of a prediction, or `missingKey` when the model's kind has none (a line has no cluster). */
function part(ctx: AiContext, modelName: Value, features: Value, which: 'confidence' | 'cluster', missingKey: string): number {
  const { model: saved, p } = predict(ctx, modelName, features);
  const v = p[which];
  if (v === null) throw new AiError(missingKey, { name: saved.name });
  return v;
}

/** A score of a saved model, or `missingKey` when its kind has none (a line has no accuracy). */
function metric(ctx: AiContext, modelName: Value, which: 'accuracy' | 'rmse', missingKey: string): number {
  const saved = model(ctx, modelName);
  const v = saved.metrics[which];
  if (v === undefined) throw new AiError(missingKey, { name: saved.name });
  return v;
}

/** 0–100 with one decimal, as the blocks show percentages. */
const percent = (share: number) => Math.round(share * 1000) / 10;

export const MODEL_OPS: Record<string, AiOpSpec> = {
  /** trainKnn(model, dataset, k, testPercent). */
  trainKnn: { args: ['string', 'string', 'number', 'number'], returns: 'none', run: (ctx, [m, d, k, test]) => train(ctx, 'knn', m, d, { k: k as number, testPercent: test as number }) },
  /** trainTree(model, dataset, maxDepth, testPercent). */
  trainTree: { args: ['string', 'string', 'number', 'number'], returns: 'none', run: (ctx, [m, d, depth, test]) => train(ctx, 'tree', m, d, { maxDepth: depth as number, testPercent: test as number }) },
  /** trainLinear(model, dataset): x = feature 1, y = label as a number. */
  trainLinear: { args: ['string', 'string'], returns: 'none', run: (ctx, [m, d]) => train(ctx, 'linear', m, d, {}) },
  /** trainKmeans(model, dataset, k). */
  trainKmeans: { args: ['string', 'string', 'number'], returns: 'none', run: (ctx, [m, d, k]) => train(ctx, 'kmeans', m, d, { k: k as number }) },
  /** predict(model, features): class label (KNN, tree), number (line), cluster number (K-means). */
  predict: { args: ['string', 'any'], returns: 'any', run: (ctx, [m, x]) => predict(ctx, m, x).p.value },
  /** confidence(model, features): 0–100, share of the neighbours (KNN) or of the leaf's samples (tree). */
  confidence: { args: ['string', 'any'], returns: 'number', run: (ctx, [m, x]) => percent(part(ctx, m, x, 'confidence', 'error.noConfidence')) },
  /** clusterOf(model, features): 1…k (K-means only). */
  clusterOf: { args: ['string', 'any'], returns: 'number', run: (ctx, [m, x]) => part(ctx, m, x, 'cluster', 'error.notClustering') },
  /** accuracy(model): 0–100 on the test split (classifiers). */
  accuracy: { args: ['string'], returns: 'number', run: (ctx, [m]) => percent(metric(ctx, m, 'accuracy', 'error.noAccuracy')) },
  /** modelError(model): root-mean-square error of a line, in the label's unit. */
  modelError: { args: ['string'], returns: 'number', run: (ctx, [m]) => Math.round(metric(ctx, m, 'rmse', 'error.noError') * 1000) / 1000 },
};
