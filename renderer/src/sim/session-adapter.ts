/**
 * Adapts core/sim's SimSession to the runner's `RunnerSession`. Placeholder until core/sim/session.ts lands: loading
 * reports a clear error instead of running.
 */
import type { RunnerSession, SessionOptions } from './sim-runner';

export async function initSimPhysics(): Promise<void> {}

export function createRunnerSession(_options: SessionOptions): RunnerSession {
  throw new Error('the simulator core (core/sim/session.ts) is not built yet');
}
