/**
 * Live mode end to end: the real interpreter drives the Tello driver, which flies the virtual Tello over UDP on
 * 127.0.0.1, ticks paced by wall time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fromBlockly } from '../../core/program';
import { ir } from '../../core/runtime/testing';
import { connectToVirtualTello, sleep, until, type Flight } from '../tello/test-support';
import { droneDeviceSet } from './device-sets';
import { startLiveRun } from './live-run';

const open: Flight[] = [];
afterEach(async () => {
  for (const f of open.splice(0)) await f.close();
});

describe('live run on the virtual Tello', () => {
  it('examples/drone-rings.ailab flies its whole course and lands', async () => {
    const project = JSON.parse(readFileSync(fileURLToPath(new URL('../../examples/drone-rings.ailab', import.meta.url)), 'utf8'));
    const { program, diagnostics } = fromBlockly(project.workspace, project.target);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const flight = await connectToVirtualTello({ timeScale: 0.05 }, { keepAliveMs: 1000 });
    open.push(flight);
    const run = startLiveRun({ program, devices: droneDeviceSet(flight.drone) });
    const summary = await run.done;
    expect(summary.stopReason).toBe('finished');
    const status = flight.tello.status();
    expect(status.flying).toBe(false);
    const flown = status.received.filter((t) => t !== 'command');
    expect(flown[0]).toBe('takeoff');
    expect(flown.at(-1)).toBe('land');
    expect(flown).toContain('cw 90');
    // The program prints the height while hovering: telemetry reached the program.
    const log = summary.events.find((e) => e.type === 'log');
    expect(log && log.type === 'log' ? log.text : '').toMatch(/^height \(cm\): [1-9]\d+$/);
    expect(summary.events.some((e) => e.type === 'error')).toBe(false);
    // Ticks kept their 20 ms pace (the 1 s hover is wall time).
    expect(summary.seconds).toBeGreaterThan(1);
    expect(summary.ticks).toBeGreaterThan(summary.seconds * 40);
  });

  it('Stop lands the drone even while the program spins in a loop with no wait', async () => {
    const flight = await connectToVirtualTello({ timeScale: 0.05 });
    open.push(flight);
    const program = ir.program([ir.script({ kind: 'start' }, [ir.command('drone.takeoff', []), ir.set('n', ir.num(0)), ir.forever([ir.change('n', ir.num(1))])])], [], ['n'], 'drone');
    const run = startLiveRun({ program, devices: droneDeviceSet(flight.drone) });
    await until(() => flight.tello.status().flying && flight.drone.readings().flying, 2000, 'airborne');
    await sleep(200);
    const spun = Number(run.interpreter.variables().n);
    expect(spun).toBeGreaterThan(10_000); // it really spins
    const stoppedAt = Date.now();
    run.stop();
    const summary = await run.done;
    expect(Date.now() - stoppedAt).toBeLessThan(100);
    expect(summary.stopReason).toBe('user');
    await until(() => !flight.tello.status().flying, 2000, 'landed');
    expect(flight.tello.status().received.at(-1)).toBe('land');
  });

  it('a command the drone refuses stops the program with a deviceFailed error naming the reply', async () => {
    const flight = await connectToVirtualTello();
    open.push(flight);
    const program = ir.program([ir.script({ kind: 'start' }, [ir.command('drone.move', [ir.str('forward'), ir.num(50)], 'move-block')])], [], [], 'drone');
    const run = startLiveRun({ program, devices: droneDeviceSet(flight.drone) });
    const summary = await run.done;
    expect(summary.stopReason).toBe('error');
    const err = summary.events.find((e) => e.type === 'error');
    expect(err?.type === 'error' && err.error).toMatchObject({ code: 'deviceFailed', blockId: 'move-block' });
    expect(err?.type === 'error' ? err.error.message.en : '').toContain('error Not flying');
  });

  it('a time limit ends a program that never finishes', async () => {
    const flight = await connectToVirtualTello();
    open.push(flight);
    const program = ir.program([ir.script({ kind: 'start' }, [ir.forever([ir.wait(ir.num(0.05))])])], [], [], 'drone');
    const summary = await startLiveRun({ program, devices: droneDeviceSet(flight.drone), maxSeconds: 0.3 }).done;
    expect(summary.stopReason).toBe('timeLimit');
    expect(summary.seconds).toBeGreaterThanOrEqual(0.3);
    expect(summary.seconds).toBeLessThan(1);
  });

  it('an unplugged drone (silent link) stops the program within 1.5 s with a lost-contact message', async () => {
    const flight = await connectToVirtualTello({}, { lostAfterMs: 500 });
    open.push(flight);
    const program = ir.program([ir.script({ kind: 'start' }, [ir.command('drone.takeoff', []), ir.wait(ir.num(30))])], [], [], 'drone');
    const run = startLiveRun({ program, devices: droneDeviceSet(flight.drone), linkCheck: () => flight.drone.linkLost() });
    await until(() => flight.tello.status().flying && flight.drone.readings().flying, 2000, 'airborne');
    expect(flight.drone.linkLost()).toBeNull();
    await flight.tello.close(); // switched off / out of range
    const lostAt = Date.now();
    const summary = await run.done;
    expect(Date.now() - lostAt).toBeLessThan(1500);
    expect(summary.stopReason).toBe('disconnected');
    expect(summary.disconnect).toMatch(/Lost contact with the drone/);
  });
});
