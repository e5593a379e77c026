/**
 * AI lab blocks: datasets (record, clear, size), training (KNN, decision tree, line, K-means) and using a model
 * (predict, confidence, cluster, accuracy, error). Each maps to an IR `ai` node whose op is in core/ai/ops.ts.
 * Dataset and model names are text fields (blocks refer to them by name; the data panel shows the same names).
 * core/ai/BLOCKS.md describes every block for lesson writers.
 */
import { CATEGORY_STYLES, numberShadow, type ArgSource, type BlockSpec } from './types';

const style = CATEGORY_STYLES.ai.blockStyle;
const KITS = ['robot', 'sensorkit'] as const;

const datasetField = { type: 'field_input', name: 'DATASET', text: '%{BKY_AILAB_AI_DEFAULT_DATASET}' } as const;
const modelField = { type: 'field_input', name: 'MODEL', text: '%{BKY_AILAB_AI_DEFAULT_MODEL}' } as const;
const valueInput = (name: string, check?: string) => ({ type: 'input_value', name, ...(check ? { check } : {}) });

const MODEL: ArgSource = { field: 'MODEL', as: 'string' };
const DATASET: ArgSource = { field: 'DATASET', as: 'string' };
const FEATURES: ArgSource = { input: 'FEATURES', type: 'number' };

/** A command block (statement) of the AI category. */
function command(type: string, op: string, args0: readonly object[], args: readonly ArgSource[], shadows?: BlockSpec['shadows']): BlockSpec {
  const key = type.toUpperCase().replace(/^AI_/, 'AILAB_AI_');
  return {
    type,
    category: 'ai',
    kits: KITS,
    json: { type, message0: `%{BKY_${key}}`, args0, previousStatement: null, nextStatement: null, inputsInline: true, style, tooltip: `%{BKY_${key}_TIP}` },
    ir: { kind: 'ai', op, args },
    ...(shadows ? { shadows } : {}),
  };
}

/** A reporter block of the AI category; `output` null means any type (predict gives text or a number). */
function reporter(type: string, op: string, output: string | null, args0: readonly object[], args: readonly ArgSource[]): BlockSpec {
  const key = type.toUpperCase().replace(/^AI_/, 'AILAB_AI_');
  return {
    type,
    category: 'ai',
    kits: KITS,
    json: { type, message0: `%{BKY_${key}}`, args0, output, inputsInline: true, style, tooltip: `%{BKY_${key}_TIP}` },
    ir: { kind: 'ai', op, args },
  };
}

export const AI_BLOCKS: readonly BlockSpec[] = [
  command('ai_record', 'record', [valueInput('FEATURES'), valueInput('LABEL'), datasetField],
    [{ input: 'FEATURES', type: 'number' }, { input: 'LABEL', type: 'string' }, DATASET]),
  command('ai_dataset_clear', 'datasetClear', [datasetField], [DATASET]),
  reporter('ai_dataset_size', 'datasetSize', 'Number', [datasetField], [DATASET]),
  reporter('ai_features', 'features', 'Array', [valueInput('A', 'Number'), valueInput('B', 'Number'), valueInput('C', 'Number'), valueInput('D', 'Number')],
    ['A', 'B', 'C', 'D'].map((input) => ({ input, type: 'number' as const, optional: true }))),
  command('ai_train_knn', 'trainKnn', [modelField, datasetField, valueInput('K', 'Number'), valueInput('TEST', 'Number')],
    [MODEL, DATASET, { input: 'K', type: 'number' }, { input: 'TEST', type: 'number' }], { K: numberShadow(3), TEST: numberShadow(20) }),
  command('ai_train_tree', 'trainTree', [modelField, datasetField, valueInput('DEPTH', 'Number'), valueInput('TEST', 'Number')],
    [MODEL, DATASET, { input: 'DEPTH', type: 'number' }, { input: 'TEST', type: 'number' }], { DEPTH: numberShadow(3), TEST: numberShadow(20) }),
  command('ai_train_linear', 'trainLinear', [modelField, datasetField], [MODEL, DATASET]),
  command('ai_train_kmeans', 'trainKmeans', [modelField, datasetField, valueInput('K', 'Number')],
    [MODEL, DATASET, { input: 'K', type: 'number' }], { K: numberShadow(2) }),
  reporter('ai_predict', 'predict', null, [modelField, valueInput('FEATURES')], [MODEL, FEATURES]),
  reporter('ai_confidence', 'confidence', 'Number', [modelField, valueInput('FEATURES')], [MODEL, FEATURES]),
  reporter('ai_cluster_of', 'clusterOf', 'Number', [modelField, valueInput('FEATURES')], [MODEL, FEATURES]),
  reporter('ai_model_accuracy', 'accuracy', 'Number', [modelField], [MODEL]),
  reporter('ai_model_error', 'modelError', 'Number', [modelField], [MODEL]),
];
