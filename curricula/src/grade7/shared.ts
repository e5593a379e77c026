/** Shared pieces of the grade-7 AI units: the AI blocks of the toolbox and the data-table arena. */
import { Blocks, type BlockState, type Conn } from '../../tools/blocks';

/** Grade-7 data units run on the empty floor with the sensor kit: nothing moves, the AI blocks do the work. */
export const DATA_ARENA = 'open-floor';

/** AI block helpers (core/ai/BLOCKS.md). Dataset and model names are text fields. */
export const ai = {
  record: (b: Blocks, dataset: string, features: Conn, label: Conn): BlockState => b.block('ai_record', { fields: { DATASET: dataset }, inputs: { FEATURES: features, LABEL: label } }),
  features: (b: Blocks, ...values: Conn[]): BlockState => b.block('ai_features', { inputs: Object.fromEntries(values.map((v, i) => [['A', 'B', 'C', 'D'][i], v])) }),
  trainKnn: (b: Blocks, model: string, dataset: string, k: number, testPercent: number): BlockState =>
    b.block('ai_train_knn', { fields: { MODEL: model, DATASET: dataset }, inputs: { K: b.num(k), TEST: b.num(testPercent) } }),
  trainTree: (b: Blocks, model: string, dataset: string, depth: number, testPercent: number): BlockState =>
    b.block('ai_train_tree', { fields: { MODEL: model, DATASET: dataset }, inputs: { DEPTH: b.num(depth), TEST: b.num(testPercent) } }),
  trainLinear: (b: Blocks, model: string, dataset: string): BlockState => b.block('ai_train_linear', { fields: { MODEL: model, DATASET: dataset } }),
  trainKmeans: (b: Blocks, model: string, dataset: string, k: number): BlockState => b.block('ai_train_kmeans', { fields: { MODEL: model, DATASET: dataset }, inputs: { K: b.num(k) } }),
  predict: (b: Blocks, model: string, features: Conn): BlockState => b.block('ai_predict', { fields: { MODEL: model }, inputs: { FEATURES: features } }),
  clusterOf: (b: Blocks, model: string, features: Conn): BlockState => b.block('ai_cluster_of', { fields: { MODEL: model }, inputs: { FEATURES: features } }),
  accuracy: (b: Blocks, model: string): BlockState => b.block('ai_model_accuracy', { fields: { MODEL: model } }),
  error: (b: Blocks, model: string): BlockState => b.block('ai_model_error', { fields: { MODEL: model } }),
  size: (b: Blocks, dataset: string): BlockState => b.block('ai_dataset_size', { fields: { DATASET: dataset } }),
  clear: (b: Blocks, dataset: string): BlockState => b.block('ai_dataset_clear', { fields: { DATASET: dataset } }),
};
