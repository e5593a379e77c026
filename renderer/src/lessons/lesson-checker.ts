/**
 * The UI side of the check worker: `check(project, lesson)` resolves with the verdicts (or rejects with an English
 * detail for the log). One worker, started on first use and kept for the session; requests are answered in order.
 */
import type { Project } from '../../../core/contracts/project';
import type { LessonRun } from '../../../core/lessons/run-lesson';
import type { Lesson } from '../../../core/lessons/unit-schema';
import { CheckResponseSchema } from './check-messages';

export class LessonChecker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LessonRun) => void; reject: (e: Error) => void }>();

  check(project: Project, lesson: Lesson): Promise<LessonRun> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'check.run', id, project, lesson });
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('checker closed'));
    this.pending.clear();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module', name: 'ailab-lesson-check' });
    worker.addEventListener('message', (event: MessageEvent) => {
      const parsed = CheckResponseSchema.safeParse(event.data);
      if (!parsed.success) {
        console.warn('[LessonChecker] dropped a malformed message from the worker');
        return;
      }
      const msg = parsed.data;
      if (msg.type === 'check.ready') return;
      const entry = this.pending.get(msg.id);
      if (!entry) return;
      this.pending.delete(msg.id);
      if (msg.type === 'check.result') entry.resolve(msg.run as LessonRun);
      else entry.reject(new Error(msg.detail));
    });
    worker.addEventListener('error', (event) => {
      console.error(`[LessonChecker] worker error: ${event.message}`);
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'worker error'));
      this.pending.clear();
      this.worker = null;
    });
    this.worker = worker;
    return worker;
  }
}
