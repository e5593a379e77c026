/**
 * The lesson check worker: "Check my work" runs the student's project headless under the lesson's settings and
 * judges every check (core/lessons/run-lesson.ts), without blocking the editor. Created by `LessonChecker` with
 * `new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module' })`.
 */
import { runLessonChecks } from '../../../core/lessons/run-lesson';
import { initPhysics } from '../../../core/sim/world';
import { CheckRequestSchema, type CheckResponse } from './check-messages';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
const scope = self as unknown as WorkerScope;
const post = (m: CheckResponse) => scope.postMessage(m);

scope.addEventListener('message', (event) => {
  const parsed = CheckRequestSchema.safeParse(event.data);
  const id = typeof (event.data as { id?: unknown })?.id === 'number' ? (event.data as { id: number }).id : -1;
  if (!parsed.success) {
    console.warn('[CheckWorker] refused a malformed request');
    post({ type: 'check.error', id, detail: parsed.error.message.slice(0, 2000) });
    return;
  }
  const { project, lesson } = parsed.data;
  runLessonChecks(project, lesson).then(
    (run) => post({ type: 'check.result', id, run: { ...run, results: run.results.map((r) => ({ ...r })) } }),
    (err) => post({ type: 'check.error', id, detail: err instanceof Error ? err.message.slice(0, 2000) : String(err) }),
  );
});

void initPhysics().then(() => post({ type: 'check.ready' }));
