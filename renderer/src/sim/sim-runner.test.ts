/**
 * The sim worker's brain with the real simulator (core/sim SimSession + interpreter + rapier), driven through the
 * same requests the UI sends. Only the wall clock and the timer are hand-turned, so pacing can be checked exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSimResponse, WATCH_LIST_MAX_ITEMS, WATCH_STRING_MAX_CHARS, type SimResponse } from '../../../core/contracts/sim-worker';
import type { Expr, Program, Stmt } from '../../../core/program/ir';
import { runHeadless } from '../../../core/sim/headless';
import { createRunnerSession, initSimPhysics } from './session-adapter';
import { DISPLAY_INTERVAL_MS, MAX_TICKS_PER_PUMP, PUMP_INTERVAL_MS, SimRunner, TICK_MS, type RunnerSession, type SessionOptions } from './sim-runner';

const num = (value: number): Expr => ({ kind: 'num', blockId: '', value });
const program = (body: Stmt[], variables: string[] = []): Program => ({
  irVersion: 1, target: 'robot', variables, procedures: [], scripts: [{ blockId: 'hat', trigger: { kind: 'start' }, body }],
});
const drive = (cm: number): Stmt => ({ kind: 'command', blockId: 'drive', op: 'robot.driveCm', args: [num(cm), num(50)] });
const motors = (l: number, r: number): Stmt => ({ kind: 'command', blockId: 'motors', op: 'robot.setMotors', args: [num(l), num(r)] });
/** `forever { n = n + 1 }`: never blocks, so every tick ends at the step budget. */
const spin: Stmt = { kind: 'forever', blockId: 'loop', body: [{ kind: 'change', blockId: 'inc', name: 'n', by: num(1) }] };

class Harness {
  wall = 0;
  posted: SimResponse[] = [];
  private timer: { fn: () => void; at: number } | null = null;
  /** Session factory the runner uses (a test may wrap it to look at the session). */
  createSession: (o: SessionOptions) => RunnerSession = createRunnerSession;
  readonly runner = new SimRunner({
    post: (m) => this.posted.push(m),
    now: () => this.wall,
    schedule: (fn, delayMs) => {
      const t = { fn, at: this.wall + delayMs };
      this.timer = t;
      return () => {
        if (this.timer === t) this.timer = null;
      };
    },
    createSession: (o) => this.createSession(o),
  });

  /** Lets `ms` of wall time pass, firing the runner's timer whenever it is due. */
  advance(ms: number, step = PUMP_INTERVAL_MS): void {
    const end = this.wall + ms;
    while (this.wall < end) {
      this.wall = Math.min(end, this.wall + step);
      let guard = 0;
      while (this.timer && this.timer.at <= this.wall && guard++ < 10_000) {
        const t = this.timer;
        this.timer = null;
        t.fn();
      }
    }
  }

  /** Fires pending zero-delay timers until the runner goes quiet (for runFor). */
  drain(): void {
    let guard = 0;
    while (this.timer && guard++ < 1_000_000) {
      const t = this.timer;
      this.timer = null;
      this.wall = Math.max(this.wall, t.at);
      t.fn();
    }
  }

  last<T extends SimResponse['type']>(type: T): Extract<SimResponse, { type: T }> | undefined {
    return this.posted.filter((m) => m.type === type).at(-1) as Extract<SimResponse, { type: T }> | undefined;
  }
  count(type: SimResponse['type']): number {
    return this.posted.filter((m) => m.type === type).length;
  }
}

beforeAll(async () => {
  await initSimPhysics();
});

describe('sim worker runner', () => {
  it('loading shows the robot at the start before anything runs', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([drive(30)]), arenaId: 'open-floor', seed: 1 });
    expect(h.last('sim.state')).toMatchObject({ state: 'idle', timeMs: 0 });
    const robot = h.last('sim.snapshot')!.snapshot.robots[0];
    expect(robot.position[0]).toBeCloseTo(1, 2);
    expect(robot.position[2]).toBeCloseTo(1.6, 2);
  });

  it('an unknown arena is reported, not crashed on', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([]), arenaId: 'moon-base', seed: 1 });
    expect(h.last('sim.error')?.code).toBe('sim.error.load');
  });

  it('device time follows wall time × speed (1 s at ×1, then 1 s at ×4)', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([motors(30, 30), { kind: 'wait', blockId: 'w', seconds: num(60) }]), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(1000);
    const t1 = h.last('sim.state')!.timeMs;
    expect(t1).toBeGreaterThanOrEqual(1000 - 2 * TICK_MS);
    expect(t1).toBeLessThanOrEqual(1000 + 2 * TICK_MS);
    h.runner.handle({ type: 'sim.setSpeed', speed: 4 });
    h.advance(1000);
    const t2 = h.last('sim.state')!.timeMs;
    expect(t2 - t1).toBeGreaterThanOrEqual(4000 - 3 * TICK_MS);
    expect(t2 - t1).toBeLessThanOrEqual(4000 + 3 * TICK_MS);
  });

  it('a frozen tab (10 s without a timer) does not make the sim spiral to catch up', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([motors(30, 30), { kind: 'wait', blockId: 'w', seconds: num(60) }]), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    const before = h.last('sim.state')!.timeMs;
    h.advance(10_000, 10_000);
    const after = h.last('sim.state')!.timeMs;
    expect(after - before).toBeLessThanOrEqual(MAX_TICKS_PER_PUMP * TICK_MS);
  });

  it('snapshots reach the stage at display rate (~30 per second), not at tick rate', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([motors(30, 30), { kind: 'wait', blockId: 'w', seconds: num(60) }]), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    const before = h.count('sim.snapshot');
    h.advance(1000);
    const perSecond = h.count('sim.snapshot') - before;
    expect(perSecond).toBeGreaterThanOrEqual(Math.floor(1000 / (DISPLAY_INTERVAL_MS + PUMP_INTERVAL_MS)));
    expect(perSecond).toBeLessThanOrEqual(Math.ceil(1000 / DISPLAY_INTERVAL_MS) + 1);
    // Highlights are throttled to the same rate.
    const highlights = h.posted.filter((m) => m.type === 'sim.runtimeEvent' && m.event.type === 'highlight').length;
    expect(highlights).toBeLessThanOrEqual(h.count('sim.snapshot'));
  });

  it('the first drive command reaches the UI as Run is handled, without waiting for a timer', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([drive(30)]), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    const command = h.posted.find((m) => m.type === 'sim.runtimeEvent' && m.event.type === 'command');
    expect(command).toMatchObject({ event: { op: 'robot.driveCm', args: [30, 50] } });
  });

  it('Stop wins over a forever loop with no wait: the next tick never comes and the motors are off', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([motors(60, 60), spin], ['n']), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(200);
    expect(h.last('sim.state')!.state).toBe('running');
    // A pump is the longest a Stop can wait; time one with real wall time while the loop spins at its budget.
    const t0 = performance.now();
    h.advance(PUMP_INTERVAL_MS);
    const pumpMs = performance.now() - t0;
    expect(pumpMs).toBeLessThan(100);
    h.runner.handle({ type: 'sim.stop' });
    const stopped = h.last('sim.state')!;
    expect(stopped.state).toBe('stopped');
    h.advance(500);
    expect(h.last('sim.state')!.timeMs).toBe(stopped.timeMs);
    const robot = h.last('sim.snapshot')!.snapshot.robots[0];
    expect([robot.leftMotorPercent, robot.rightMotorPercent]).toEqual([0, 0]);
  });

  it('pause freezes device time; step runs one statement; resume continues', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([motors(30, 30), spin], ['n']), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(300);
    h.runner.handle({ type: 'sim.pause' });
    const paused = h.last('sim.state')!;
    expect(paused.state).toBe('paused');
    h.advance(500);
    expect(h.last('sim.state')!.timeMs).toBe(paused.timeMs);
    h.runner.handle({ type: 'sim.step' });
    expect(h.last('sim.state')!.state).toBe('paused');
    h.runner.handle({ type: 'sim.resume' });
    h.advance(300);
    expect(h.last('sim.state')!.state).toBe('running');
    expect(h.last('sim.state')!.timeMs).toBeGreaterThan(paused.timeMs + 200);
  });

  it('reset puts the robot back at the start with the program not started', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: program([drive(30)]), arenaId: 'open-floor', seed: 1 });
    const start = h.last('sim.snapshot')!.snapshot.robots[0].position;
    h.runner.handle({ type: 'sim.run' });
    h.advance(1500);
    expect(h.last('sim.snapshot')!.snapshot.robots[0].position[2]).toBeLessThan(start[2] - 0.1);
    h.runner.handle({ type: 'sim.reset' });
    expect(h.last('sim.state')).toMatchObject({ state: 'idle', timeMs: 0 });
    expect(h.last('sim.snapshot')!.snapshot.robots[0].position).toEqual(start);
  });

  it('runFor ends on the same tick with the same hash as the headless runner (ailab run)', async () => {
    const prog = program([drive(30), { kind: 'command', blockId: 'turn', op: 'robot.turnDeg', args: [num(90), num(50)] }, drive(20)]);
    for (const seconds of [1, 8]) {
      const h = new Harness();
      h.runner.handle({ type: 'sim.load', program: prog, arenaId: 'open-floor', seed: 3 });
      h.runner.handle({ type: 'sim.runFor', seconds, requestId: 7 });
      h.drain();
      const ran = h.last('sim.ranFor')!;
      const headless = await runHeadless({ program: prog, arenaId: 'open-floor', seed: 3, seconds });
      expect(ran.requestId).toBe(7);
      expect(ran.stateHash).toBe(headless.stateHash);
      expect(ran.timeMs).toBe(headless.ticks * TICK_MS);
    }
  });
});

describe('variable watch', () => {
  /** `count = 0; repeat 5 { count += 1; wait 0.2 s }` — the watch should see 0 … 5. */
  const counting = program([
    { kind: 'set', blockId: 'set', name: 'count', value: num(0) },
    { kind: 'repeat', blockId: 'rep', times: num(5), body: [
      { kind: 'change', blockId: 'inc', name: 'count', by: num(1) },
      { kind: 'wait', blockId: 'w', seconds: num(0.2) },
    ] },
  ], ['count']);
  const counts = (h: Harness) => h.posted.flatMap((m) => (m.type === 'sim.variables' ? [m.variables['count']] : []));

  it('the watch shows a counting variable going up while the program runs, and its final value after the end', () => {
    const h = new Harness();
    h.runner.handle({ type: 'sim.load', program: counting, arenaId: 'open-floor', seed: 1 });
    expect(h.last('sim.variables')?.variables).toEqual({ count: 0 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(500);
    const midway = h.last('sim.variables')!.variables['count'] as number;
    expect(midway).toBeGreaterThanOrEqual(2);
    expect(midway).toBeLessThanOrEqual(4);
    h.advance(1500);
    expect(h.last('sim.state')!.state).toBe('finished');
    expect(h.last('sim.variables')!.variables).toEqual({ count: 5 });
    // Every value on the way was shown, in order, and each message parses against the contract.
    expect([...new Set(counts(h))]).toEqual([0, 1, 2, 3, 4, 5]);
    for (const m of h.posted.filter((x) => x.type === 'sim.variables')) expect(parseSimResponse(structuredClone(m)).ok).toBe(true);
  });

  it('an unchanged variable is not re-sent at display rate', () => {
    const h = new Harness();
    // count = 7, then wait 60 s: nothing changes while the world keeps ticking.
    h.runner.handle({ type: 'sim.load', program: program([{ kind: 'set', blockId: 's', name: 'count', value: num(7) }, { kind: 'wait', blockId: 'w', seconds: num(60) }], ['count']), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(2000);
    expect(h.count('sim.snapshot')).toBeGreaterThan(40);
    // One after load (0) and one when it became 7.
    expect(counts(h)).toEqual([0, 7]);
  });

  it('Step while paused shows the value the stepped statement set; Stop shows the final values', () => {
    const h = new Harness();
    let session: RunnerSession | null = null;
    h.createSession = (o) => (session = createRunnerSession(o));
    h.runner.handle({ type: 'sim.load', program: program([motors(20, 20), spin], ['n']), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(100);
    h.runner.handle({ type: 'sim.pause' });
    const paused = h.last('sim.variables')!.variables['n'] as number;
    expect(paused).toBeGreaterThan(0);
    // `forever { n += 1 }`: a few steps reach the `change` statement at least once.
    for (let i = 0; i < 4; i++) h.runner.handle({ type: 'sim.step' });
    const stepped = h.last('sim.variables')!.variables['n'] as number;
    expect(stepped).toBeGreaterThan(paused);
    expect(stepped).toBeLessThanOrEqual(paused + 4);
    // Unchanged values are not sent again.
    const before = h.count('sim.variables');
    h.runner.handle({ type: 'sim.stop' });
    expect(h.count('sim.variables')).toBe(before);
    expect(h.last('sim.variables')!.variables['n']).toBe(stepped);
    // Running again: Stop lands between display posts (the loop counted on since the last one), and the watch still
    // ends on the value the program stopped at.
    h.runner.handle({ type: 'sim.load', program: program([motors(20, 20), spin], ['n']), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(200);
    // Stop right after a pump that ticked but did not post (within the display interval of the last post).
    let posts = h.count('sim.variables');
    let timeMs = h.last('sim.state')!.timeMs;
    for (let i = 0; i < 10; i++) {
      h.advance(PUMP_INTERVAL_MS);
      const quiet = h.count('sim.variables') === posts && session!.timeMs > timeMs;
      posts = h.count('sim.variables');
      timeMs = session!.timeMs;
      if (quiet) break;
    }
    expect(h.last('sim.variables')!.variables['n']).not.toBe(session!.variables()['n']);
    h.runner.handle({ type: 'sim.stop' });
    expect(h.count('sim.variables')).toBe(posts + 1);
    const final = session!.variables()['n'];
    expect(final).toBeGreaterThan(0);
    expect(h.last('sim.variables')!.variables['n']).toBe(final);
  });

  it('a long list and a long text are cut for the watch, so a big variable cannot flood the UI', () => {
    const h = new Harness();
    const long = 'x'.repeat(5000);
    h.runner.handle({ type: 'sim.load', program: program([
      { kind: 'set', blockId: 's1', name: 'items', value: { kind: 'builtin', blockId: 'b', name: 'list.repeat', args: [num(3), num(1000)] } },
      { kind: 'set', blockId: 's2', name: 'text', value: { kind: 'str', blockId: 't', value: long } },
    ], ['items', 'text']), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(200);
    const vars = h.last('sim.variables')!.variables;
    const items = vars['items'] as unknown[];
    expect(items).toHaveLength(WATCH_LIST_MAX_ITEMS + 1);
    expect(items.slice(0, 3)).toEqual([3, 3, 3]);
    expect(items.at(-1)).toBe(`…(+${1000 - WATCH_LIST_MAX_ITEMS})`);
    expect(vars['text']).toBe(`${'x'.repeat(WATCH_STRING_MAX_CHARS)}…`);
    expect(parseSimResponse(structuredClone(h.last('sim.variables'))).ok).toBe(true);
  });
});
