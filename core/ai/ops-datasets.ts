/** AI ops on datasets: record a sample, clear, size; and the features-list helper. */
import type { Value } from '../program/ir';
import type { AiOpSpec } from './ops';
import { AiError } from './errors';
import { defaultFeatureNames } from './context';
import { featuresArg, labelArg, nameArg } from './ops-values';

/** Most datasets / samples per dataset a project keeps (project schema limits). */
export const MAX_DATASETS = 100;
export const MAX_SAMPLES = 100_000;

export const DATASET_OPS: Record<string, AiOpSpec> = {
  /** record(features, label, dataset): appends a sample; creates the dataset on first use. */
  record: {
    args: ['any', 'any', 'string'],
    returns: 'none',
    run(ctx, [features, label, datasetName]) {
      const x = featuresArg(features);
      const y = labelArg(label);
      const name = nameArg(datasetName, 'dataset');
      if (!ctx.dataset(name) && ctx.datasets.length >= MAX_DATASETS) throw new AiError('error.tooManyDatasets', { max: MAX_DATASETS });
      const d = ctx.ensureDataset(name, x.length);
      if (d.features.length !== x.length) {
        // An empty dataset takes the shape of its first sample; a filled one keeps its shape.
        if (d.samples.length > 0) throw new AiError('error.recordFeatureCount', { name, expected: d.features.length, got: x.length });
        d.features = defaultFeatureNames(x.length);
      }
      if (d.samples.length >= MAX_SAMPLES) throw new AiError('error.datasetFull', { name, max: MAX_SAMPLES });
      d.samples.push({ values: x, label: y });
      ctx.touch();
    },
  },
  /** datasetClear(dataset): removes every sample (an unknown dataset is already empty). */
  datasetClear: {
    args: ['string'],
    returns: 'none',
    run(ctx, [datasetName]) {
      const d = ctx.dataset(nameArg(datasetName, 'dataset'));
      if (d && d.samples.length > 0) {
        d.samples = [];
        ctx.touch();
      }
    },
  },
  /** datasetSize(dataset): number of samples (0 for a dataset that does not exist yet). */
  datasetSize: {
    args: ['string'],
    returns: 'number',
    run: (ctx, [datasetName]) => ctx.dataset(nameArg(datasetName, 'dataset'))?.samples.length ?? 0,
  },
  /** features(a, b, c, d): the feature list of a sample, 1–4 numbers (empty inputs left out by fromBlockly). */
  features: {
    args: [],
    rest: 'number',
    returns: 'list',
    run: (_ctx, values): Value => values.slice(),
  },
};
