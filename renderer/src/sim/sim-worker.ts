/**
 * The sim worker entry: a module Web Worker that runs the interpreter and the world in lockstep (SimRunner over a
 * core/sim SimSession) and talks to the UI only through the messages in core/contracts/sim-worker.ts. Created by
 * SimController with `new Worker(new URL('./sim-worker.ts', import.meta.url), { type: 'module' })`.
 *
 * Rapier's WASM is initialised here, once, before `sim.ready`; requests that arrive earlier wait for it.
 */
import { parseSimRequest, type SimResponse } from '../../../core/contracts/sim-worker';
import { createRunnerSession, initSimPhysics } from './session-adapter';
import { SimRunner } from './sim-runner';

/** The part of DedicatedWorkerGlobalScope this file uses (the renderer's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

function post(message: SimResponse): void {
  scope.postMessage(message);
}

const runner = new SimRunner({
  post,
  now: () => performance.now(),
  schedule: (fn, delayMs) => {
    const id = setTimeout(fn, delayMs);
    return () => clearTimeout(id);
  },
  createSession: createRunnerSession,
});

let ready = false;
const early: unknown[] = [];

function handle(data: unknown): void {
  const parsed = parseSimRequest(data);
  if (!parsed.ok) {
    console.warn(`[SimWorker] refused a malformed request: ${parsed.detail}`);
    post({ type: 'sim.error', code: 'sim.error.badRequest', detail: parsed.detail.slice(0, 2000) });
    return;
  }
  try {
    runner.handle(parsed.request);
  } catch (err) {
    const detail = err instanceof Error ? `${err.message}` : String(err);
    console.error(`[SimWorker] ${parsed.request.type} failed: ${detail}`);
    post({ type: 'sim.error', code: 'sim.error.internal', detail: detail.slice(0, 2000) });
  }
}

scope.addEventListener('message', (event) => {
  if (ready) handle(event.data);
  else early.push(event.data);
});

initSimPhysics().then(
  () => {
    ready = true;
    post({ type: 'sim.ready' });
    for (const data of early.splice(0)) handle(data);
  },
  (err: unknown) => {
    const detail = err instanceof Error ? err.message : String(err);
    console.error(`[SimWorker] physics init failed: ${detail}`);
    post({ type: 'sim.error', code: 'sim.error.physicsInit', detail: detail.slice(0, 2000) });
  },
);
