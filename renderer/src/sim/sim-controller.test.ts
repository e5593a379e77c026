/**
 * SimController against the real sim runner and simulator. Web Workers do not exist in Node, so the test passes a
 * `WorkerLike` that carries messages to a SimRunner in this thread through structured clone — the same path, minus
 * the thread. Everything behind it (runner, session, interpreter, rapier) is real.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSimRequest } from '../../../core/contracts/sim-worker';
import type { Program } from '../../../core/program/ir';
import { createRunnerSession, initSimPhysics } from './session-adapter';
import { SimController, type WorkerLike } from './sim-controller';
import { SimRunner } from './sim-runner';

type Handler = (event: MessageEvent) => void;

/** An in-thread stand-in for the module worker: validates requests as sim-worker.ts does, answers asynchronously. */
function inThreadWorker(options: { readyDelayMs?: number; inject?: unknown[] } = {}): WorkerLike & { requests: unknown[] } {
  const handlers: Handler[] = [];
  const requests: unknown[] = [];
  const deliver = (data: unknown) => setTimeout(() => handlers.forEach((h) => h({ data: structuredClone(data) } as MessageEvent)), 0);
  const runner = new SimRunner({
    post: deliver,
    now: () => performance.now(),
    schedule: (fn, ms) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    },
    createSession: createRunnerSession,
  });
  setTimeout(() => {
    for (const bad of options.inject ?? []) deliver(bad);
    deliver({ type: 'sim.ready' });
  }, options.readyDelayMs ?? 0);
  return {
    requests,
    postMessage(message: unknown) {
      requests.push(message);
      const parsed = parseSimRequest(structuredClone(message));
      if (parsed.ok) runner.handle(parsed.request);
    },
    addEventListener(type: string, listener: Handler) {
      if (type === 'message') handlers.push(listener);
    },
    terminate() {
      runner.dispose();
    },
  } as WorkerLike & { requests: unknown[] };
}

const drive: Program = {
  irVersion: 1, target: 'robot', variables: [], procedures: [],
  scripts: [{ blockId: 'hat', trigger: { kind: 'start' }, body: [{ kind: 'command', blockId: 'drive', op: 'robot.driveCm', args: [{ kind: 'num', blockId: '', value: 20 }, { kind: 'num', blockId: '', value: 50 }] }] }],
};

beforeAll(async () => {
  await initSimPhysics();
});

describe('SimController', () => {
  it('a Run clicked while the simulator is still starting is not lost: it runs once the worker is ready', async () => {
    const worker = inThreadWorker({ readyDelayMs: 50 });
    const sim = new SimController({ createWorker: () => worker });
    sim.load(drive, 'open-floor', 1);
    const result = sim.runFor(3);
    expect(worker.requests).toHaveLength(0);
    const r = await result;
    expect(worker.requests.map((m) => (m as { type: string }).type)).toEqual(['sim.load', 'sim.runFor']);
    expect(r.state).toBe('finished');
    expect(sim.state).toBe('finished');
    expect(sim.latestSnapshot!.robots[0].position[2]).toBeLessThan(1.6 - 0.19);
    sim.dispose();
  });

  it('garbage from the worker never reaches the stage or the editor', async () => {
    const worker = inThreadWorker({ inject: [{ type: 'sim.snapshot', snapshot: { timeMs: 'soon' } }, { type: 'sim.state', state: 'exploded', timeMs: 0, stateHash: '' }, 42] });
    const sim = new SimController({ createWorker: () => worker });
    const seen: unknown[] = [];
    sim.onSnapshot((s) => seen.push(s));
    sim.onStateChange((s) => seen.push(s));
    await new Promise<void>((resolve) => sim.onReady(resolve));
    expect(seen).toEqual([]);
    expect(sim.state).toBe('idle');
    sim.dispose();
  });

  it('the editor hears the drive command and the run ending, in order', async () => {
    const sim = new SimController({ createWorker: () => inThreadWorker() });
    const events: string[] = [];
    sim.onRuntimeEvent((e) => events.push(e.type === 'command' ? `command:${e.op}` : e.type));
    sim.load(drive, 'open-floor', 1);
    await sim.runFor(3);
    await new Promise((r) => setTimeout(r, 10));
    expect(events.filter((e) => e !== 'highlight')).toEqual(['command:robot.driveCm', 'stopped']);
    sim.dispose();
  });

  it('the watch panel hears a counting variable through the controller, and a malformed watch message is dropped', async () => {
    const worker = inThreadWorker({ inject: [{ type: 'sim.variables', variables: { count: { nested: 'object' } } }] });
    const sim = new SimController({ createWorker: () => worker });
    const seen: Record<string, unknown>[] = [];
    sim.onVariables((v) => seen.push(v));
    const counter: Program = {
      irVersion: 1, target: 'robot', variables: ['count'], procedures: [],
      scripts: [{ blockId: 'hat', trigger: { kind: 'start' }, body: [{ kind: 'repeat', blockId: 'rep', times: { kind: 'num', blockId: '', value: 3 }, body: [
        { kind: 'change', blockId: 'inc', name: 'count', by: { kind: 'num', blockId: '', value: 1 } },
        { kind: 'wait', blockId: 'w', seconds: { kind: 'num', blockId: '', value: 0.1 } },
      ] }] }],
    };
    sim.load(counter, 'open-floor', 1);
    await sim.runFor(2);
    await new Promise((r) => setTimeout(r, 10));
    expect(seen[0]).toEqual({ count: 0 });
    expect(seen.at(-1)).toEqual({ count: 3 });
    expect(sim.latestVariables).toEqual({ count: 3 });
    sim.dispose();
  });
});
