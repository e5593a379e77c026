/**
 * Judging one project against one lesson: Blockly workspace → IR (core/program) → headless run with the lesson's
 * run settings (arena, seed, length, scripted kit inputs) → every check. The same code runs in `ailab check`, the
 * curricula test and the lesson player's check worker, so the verdict a child sees is the one the tests assert.
 */
import { SavedModelSchema, type AiState } from '../ai/contracts';
import type { Project } from '../contracts/project';
import { translate } from '../i18n/index';
import { fromBlockly } from '../program/index';
import { arenaById } from '../sim/arenas/index';
import { runHeadless, type HeadlessOptions, type RunSummary } from '../sim/headless';
import { evaluateChecks, type CheckResult } from './checks';
import type { Lesson, Localized } from './unit-schema';

export interface LessonRun {
  /** Every check passed. */
  readonly passed: boolean;
  readonly results: readonly CheckResult[];
  /** Why the project could not be run at all (block errors, unknown arena); `results` is then empty. */
  readonly error?: Localized;
  readonly stateHash?: string;
  readonly simSeconds?: number;
}

const both = (key: string, params: Record<string, string | number> = {}): Localized => ({
  'zh-CN': translate('zh-CN', 'lessons', key, params),
  en: translate('en', 'lessons', key, params),
});

/** The project's datasets and models as the run's starting AI state (models that do not parse are left out). */
export function aiStateOf(project: Project): AiState {
  const models = project.models.flatMap((m) => {
    const parsed = SavedModelSchema.safeParse(m);
    return parsed.success ? [parsed.data] : [];
  });
  return { datasets: project.datasets, models };
}

/** Runs `project` under `lesson`'s settings and judges every check of the lesson. */
export async function runLessonChecks(project: Project, lesson: Lesson): Promise<LessonRun> {
  const arena = arenaById(lesson.run.arenaId);
  if (!arena) return { passed: false, results: [], error: both('run.unknownArena', { id: lesson.run.arenaId }) };
  const { program, diagnostics } = fromBlockly(project.workspace, project.target);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return {
      passed: false,
      results: [],
      error: { 'zh-CN': both('run.blockErrors', { detail: errors.map((d) => d.message['zh-CN']).join('；') })['zh-CN'], en: both('run.blockErrors', { detail: errors.map((d) => d.message.en).join('; ') }).en },
    };
  }
  const ai = aiStateOf(project);
  // The run starts from the project's datasets and models and ends with what AI blocks made of them.
  const options: HeadlessOptions = {
    program,
    arenaId: lesson.run.arenaId,
    seed: lesson.run.seed,
    seconds: lesson.run.seconds,
    robotCount: lesson.run.robotCount,
    kit: project.target,
    keepTrace: true,
    kitInputs: lesson.run.kitInputs?.map((k) => ({ atMs: Math.round(k.atS * 1000), input: k.input, value: k.value })),
    ai,
  };
  const summary: RunSummary = await runHeadless(options);
  const results = evaluateChecks(lesson.checks, { summary, workspace: project.workspace, arena, kit: project.target, ai: summary.ai });
  return { passed: results.every((r) => r.passed), results, stateHash: summary.stateHash, simSeconds: summary.simSeconds };
}
