/**
 * The AI state of one run, as AI ops see it: the project's datasets and models (copied, so the project is only
 * changed when the app takes `snapshot()` back), the run's seeded random, and the device time.
 *
 * Blocks name datasets and models by their name ("颜色数据", "颜色分类器"); ids are made here for new ones
 * (`dataset-1`, `model-1` …, the first free number), so a run is deterministic. Several robots running the same
 * program share one context: their records go into the same datasets, in robot order within a tick.
 */
import type { AiState, Dataset, SavedModel } from './contracts';

export interface AiContext {
  /** Seeded random of the run, floats in [0, 1): train/test splits and K-means seeds use it, never Math.random. */
  readonly random: () => number;
  /** Device time of the current tick, ms (set by the interpreter each tick). */
  timeMs: number;
  /** Datasets in project order; ops change them in place. */
  readonly datasets: Dataset[];
  /** Saved models in project order. */
  readonly models: SavedModel[];
  /** True once an op changed a dataset or a model (the app then marks the project unsaved). */
  readonly changed: boolean;
  /** Counts changes (0 = none yet), so a watcher can tell whether to send the state again. */
  readonly version: number;
  dataset(name: string): Dataset | undefined;
  /** The dataset called `name`, created (empty, with `featureCount` features x1, x2 …) when missing. */
  ensureDataset(name: string, featureCount: number): Dataset;
  model(name: string): SavedModel | undefined;
  /** Saves a trained model, replacing one of the same name (it keeps its id). */
  putModel(model: Omit<SavedModel, 'id'>): SavedModel;
  /** Marks the state changed (ops that edit a dataset in place call it). */
  touch(): void;
  /**
   * A live object built from a saved model (a KNN with its KD-tree …), built once per saved model object and reused
   * by later predictions: a `predict` block in a loop must not rebuild the model 50 times a second.
   */
  live<T>(model: SavedModel, build: (model: SavedModel) => T): T;
  /** The state now, as plain data (deep copies), for the project file and the lesson checker. */
  snapshot(): AiState;
}

/** Feature names of a new dataset: x1, x2 … (the data panel lets the student rename them). */
export function defaultFeatureNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `x${i + 1}`);
}

function copyDataset(d: Dataset): Dataset {
  return { id: d.id, name: d.name, features: d.features.slice(), samples: d.samples.map((s) => ({ values: s.values.slice(), label: s.label })) };
}

/** A deep copy: a model's state is plain JSON, and the run must never change the project's own objects. */
function copyModel(m: SavedModel): SavedModel {
  return structuredCloneJson(m);
}

/** Deep copy of JSON data without relying on a global `structuredClone` (core's lib is plain ES2022). */
function structuredCloneJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function freeId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((t) => t.id));
  for (let n = 1; ; n++) if (!ids.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

class RunAiContext implements AiContext {
  timeMs = 0;
  readonly datasets: Dataset[];
  readonly models: SavedModel[];
  private changes = 0;
  private readonly cache = new WeakMap<SavedModel, unknown>();

  constructor(state: AiState, readonly random: () => number) {
    this.datasets = state.datasets.map(copyDataset);
    this.models = state.models.map(copyModel);
  }

  get changed(): boolean {
    return this.changes > 0;
  }

  get version(): number {
    return this.changes;
  }

  touch(): void {
    this.changes++;
  }

  dataset(name: string): Dataset | undefined {
    return this.datasets.find((d) => d.name === name);
  }

  ensureDataset(name: string, featureCount: number): Dataset {
    const found = this.dataset(name);
    if (found) return found;
    const d: Dataset = { id: freeId('dataset', this.datasets), name, features: defaultFeatureNames(featureCount), samples: [] };
    this.datasets.push(d);
    this.changes++;
    return d;
  }

  model(name: string): SavedModel | undefined {
    return this.models.find((m) => m.name === name);
  }

  putModel(model: Omit<SavedModel, 'id'>): SavedModel {
    const i = this.models.findIndex((m) => m.name === model.name);
    const saved: SavedModel = { id: i >= 0 ? this.models[i].id : freeId('model', this.models), ...model };
    if (i >= 0) this.models[i] = saved;
    else this.models.push(saved);
    this.changes++;
    return saved;
  }

  live<T>(model: SavedModel, build: (model: SavedModel) => T): T {
    if (this.cache.has(model)) return this.cache.get(model) as T;
    const made = build(model);
    this.cache.set(model, made);
    return made;
  }

  snapshot(): AiState {
    return { datasets: this.datasets.map(copyDataset), models: this.models.map(copyModel) };
  }
}

/** A run's AI context starting from `state` (the project's datasets and models); `random` is the run's seeded PRNG. */
export function createAiContext(state: AiState, random: () => number): AiContext {
  return new RunAiContext(state, random);
}
