/**
 * The stage's camera view and the sim worker: the worker ships the robot's camera frame in snapshots only while the
 * view is open, every such message passes the worker contract, and opening the view never changes the run. Real
 * runner, real simulator; the wall clock and timer are hand-turned.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSimResponse, type SimResponse } from '../../../core/contracts/sim-worker';
import type { Expr, Program } from '../../../core/program/ir';
import { createRunnerSession, initSimPhysics } from '../sim/session-adapter';
import { SimRunner } from '../sim/sim-runner';

const num = (value: number): Expr => ({ kind: 'num', blockId: '', value });
/** Turn slowly on the spot: the cubes sweep across the camera's view. */
const turning: Program = {
  irVersion: 1, target: 'robot', variables: [], procedures: [],
  scripts: [{ blockId: 'hat', trigger: { kind: 'start' }, body: [{ kind: 'command', blockId: 'm', op: 'robot.setMotors', args: [num(-10), num(10)] }] }],
};

function harness() {
  const posted: SimResponse[] = [];
  let timer: (() => void) | null = null;
  let wall = 0;
  const runner = new SimRunner({
    post: (m) => posted.push(m),
    now: () => wall,
    schedule: (fn) => {
      timer = fn;
      return () => { if (timer === fn) timer = null; };
    },
    createSession: createRunnerSession,
  });
  const drain = () => {
    for (let guard = 0; timer && guard < 100_000; guard++) {
      const t = timer;
      timer = null;
      wall += 1;
      t();
    }
  };
  const snapshots = () => posted.flatMap((m) => (m.type === 'sim.snapshot' ? [m.snapshot] : []));
  return { runner, posted, drain, snapshots };
}

beforeAll(() => initSimPhysics());

describe('camera view in the sim worker', () => {
  it('opening the view shows the camera frame at once (green and blue cubes ahead), closing it drops the frame', () => {
    const h = harness();
    h.runner.handle({ type: 'sim.load', program: turning, arenaId: 'sorting-table', seed: 1 });
    expect(h.snapshots().at(-1)!.camera).toBeUndefined();
    h.runner.handle({ type: 'sim.setCameraView', open: true });
    const cam = h.snapshots().at(-1)!.camera!;
    expect(cam.blobs.filter((b) => b.height > 20).map((b) => b.colour).sort()).toEqual(['blue', 'green']);
    expect(cam.tags.map((t) => t.id)).toEqual([2, 3]);
    h.runner.handle({ type: 'sim.setCameraView', open: false });
    expect(h.snapshots().at(-1)!.camera).toBeUndefined();
  });

  it('snapshots carry a camera frame while the view is open, each one valid under the worker contract, and the run is the same', () => {
    const run = (open: boolean) => {
      const h = harness();
      h.runner.handle({ type: 'sim.setCameraView', open });
      h.runner.handle({ type: 'sim.load', program: turning, arenaId: 'sorting-table', seed: 1 });
      h.runner.handle({ type: 'sim.runFor', seconds: 3, requestId: 1 });
      h.drain();
      return h;
    };
    const open = run(true);
    const closed = run(false);
    const withCamera = open.snapshots().filter((s) => s.camera);
    expect(withCamera.length).toBe(open.snapshots().length);
    expect(closed.snapshots().every((s) => s.camera === undefined)).toBe(true);
    for (const m of open.posted) expect(parseSimResponse(JSON.parse(JSON.stringify(m))).ok).toBe(true);
    const hash = (h: ReturnType<typeof harness>) => h.posted.flatMap((m) => (m.type === 'sim.ranFor' ? [m.stateHash] : []))[0];
    expect(hash(open)).toBe(hash(closed));
    expect(hash(open)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the worker contract refuses a camera frame with an unknown colour or a negative box', () => {
    const h = harness();
    h.runner.handle({ type: 'sim.load', program: turning, arenaId: 'sorting-table', seed: 1 });
    h.runner.handle({ type: 'sim.setCameraView', open: true });
    const good = h.posted.at(-1) as Extract<SimResponse, { type: 'sim.snapshot' }>;
    const cam = good.snapshot.camera!;
    expect(parseSimResponse({ ...good, snapshot: { ...good.snapshot, camera: { ...cam, blobs: [{ ...cam.blobs[0], colour: 'purple' }] } } }).ok).toBe(false);
    expect(parseSimResponse({ ...good, snapshot: { ...good.snapshot, camera: { ...cam, tags: [{ ...cam.tags[0], x: -5 }] } } }).ok).toBe(false);
  });
});
