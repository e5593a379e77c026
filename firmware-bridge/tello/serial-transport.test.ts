/**
 * The Tello over a serial radio dongle, every part real: the Tello driver → our serial transport → serialport 13 →
 * a socat pty pair → the dongle emulator (tello-dongle protocol, DONGLE.md) → UDP on 127.0.0.1 → the virtual Tello.
 * Only the USB cable is not there: "unplug" kills socat, which is what the host sees when the cable is pulled.
 * The virtual Tello flies 20× faster than a real one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fromBlockly } from '../../core/program';
import { droneDeviceSet } from '../live/device-sets';
import { startLiveRun } from '../live/live-run';
import { SerialError } from '../serial/serial-transport';
import { startEmulatedDongle, type DongleEmulatorOptions, type EmulatedDongle } from './dongle-emulator';
import { DongleError, openSerialTelloTransport, type SerialTelloTransport } from './serial-transport';
import { TelloDrone } from './tello-drone';
import { completes, freeUdpPort, sleep, until } from './test-support';
import { startVirtualTello, type VirtualTello } from './virtual-tello';

const ESP32_BOOT = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n\x00\xff\xfe\x80configsip: 0, SPIWP:0xee\r\n';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

interface Chain {
  tello: VirtualTello;
  dongle: EmulatedDongle;
}

async function startChain(dongle: Partial<DongleEmulatorOptions> = {}): Promise<Chain> {
  const statePort = await freeUdpPort();
  const tello = await startVirtualTello({ port: 0, statePort, timeScale: 0.05 });
  cleanups.push(() => tello.close());
  const d = await startEmulatedDongle({ tello: { host: '127.0.0.1', port: tello.port }, statePort, ...dongle });
  cleanups.push(() => d.close());
  return { tello, dongle: d };
}

async function connectDrone(chain: Chain, language: 'en' | 'zh-CN' = 'en'): Promise<{ transport: SerialTelloTransport; drone: TelloDrone }> {
  const transport = await openSerialTelloTransport(chain.dongle.path, { language });
  const drone = await TelloDrone.connect(transport, { keepAliveMs: 0, language });
  cleanups.push(() => drone.close());
  return { transport, drone };
}

describe('Tello over the serial dongle (real pty + UDP)', { timeout: 30_000 }, () => {
  it('shakes hands through ESP32 boot noise: DONGLE banner, then the SDK `command`, the first thing the drone hears', async () => {
    const chain = await startChain();
    chain.dongle.emulator.injectRaw(ESP32_BOOT);
    const { transport, drone } = await connectDrone(chain);
    expect(transport.dongleVersion).toBe('1.0');
    expect(transport.dongleInfo).toBe('TELLO-EMULATED');
    expect(transport.address).toBe(`serial:${chain.dongle.path}`);
    expect(transport.stats.garbage).toBeGreaterThanOrEqual(2);
    expect(chain.tello.status().received[0]).toBe('command');
    expect(chain.tello.status().sdkMode).toBe(true);
    expect(drone.linkLost()).toBeNull();
    expect(transport.linkLost()).toBeNull();
  });

  it('flies take-off, forward 50, turn 90°, land through the dongle on a wire paced at 115200 baud; battery and height arrive from the state stream', async () => {
    const chain = await startChain({ baudRate: 115_200 });
    const { transport, drone } = await connectDrone(chain);
    expect(await drone.query('battery')).toBeGreaterThan(90);
    await completes(drone.takeoff());
    await until(() => (drone.latestState?.h ?? 0) > 0, 2000, 'height in the state stream');
    drone.sample();
    expect(drone.readings().heightCm).toBeGreaterThan(0);
    expect(drone.readings().batteryPercent).toBeGreaterThan(90);
    expect(drone.readings().flying).toBe(true);
    await completes(drone.move('forward', 50));
    await completes(drone.rotateDeg(90));
    await completes(drone.land());
    const status = chain.tello.status();
    expect(status.received).toEqual(['command', 'battery?', 'takeoff', 'forward 50', 'cw 90', 'land']);
    expect(status.flying).toBe(false);
    expect(Math.round(status.yCm)).toBe(50);
    expect(Math.round(status.yawDeg)).toBe(90);
    expect(transport.stats.states).toBeGreaterThan(3);
    expect(drone.stats.timeouts).toBe(0);
  });

  it('emergency bypasses a full queue: sent while the first move flies, the queued moves are never sent', async () => {
    const chain = await startChain();
    const { drone } = await connectDrone(chain);
    await completes(drone.takeoff());
    const moves = [drone.move('forward', 500), drone.move('back', 500), drone.move('left', 500), drone.move('right', 500)];
    await until(() => chain.tello.status().received.includes('forward 500'), 2000, 'first move sent');
    drone.emergency();
    await until(() => chain.tello.status().received.includes('emergency'), 1000, 'emergency at the drone');
    await sleep(200);
    const received = chain.tello.status().received;
    expect(received.slice(received.indexOf('takeoff'))).toEqual(['takeoff', 'forward 500', 'emergency']);
    expect(chain.tello.status().flying).toBe(false);
    for (const m of moves) expect(m.isDone()).toBe(true); // cancelled, not failed
  });

  it('garbage lines from the dongle mid-flight are ignored: replies and state still get through', async () => {
    const chain = await startChain();
    const { transport, drone } = await connectDrone(chain);
    const before = transport.stats.garbage;
    const noisy = setInterval(() => chain.dongle.emulator.injectRaw('R\nS \nL maybe\n\xff\xfeok\r\nDONGLE x\n#debug\nE what\n'), 5);
    try {
      for (let i = 0; i < 20; i++) expect(await drone.query('battery')).toBeGreaterThan(90);
      await completes(drone.takeoff());
      await completes(drone.land());
    } finally {
      clearInterval(noisy);
    }
    expect(transport.stats.garbage - before).toBeGreaterThan(20);
    expect(drone.stats.timeouts).toBe(0);
    expect(transport.linkLost()).toBeNull();
  });

  it('a dongle that restarts mid-session (unasked DONGLE banner) is noticed and counted; the drone link goes on', async () => {
    const chain = await startChain();
    const { transport, drone } = await connectDrone(chain);
    chain.dongle.emulator.injectRaw('DONGLE 1.0 up TELLO-EMULATED\n');
    await until(() => transport.stats.restarts === 1, 1000, 'restart noticed');
    expect(await drone.query('battery')).toBeGreaterThan(90);
    expect(transport.linkLost()).toBeNull();
    // A restart that comes back without the drone is a lost link.
    chain.dongle.emulator.injectRaw('DONGLE 1.0 down\n');
    await until(() => transport.linkLost()?.code === 'dongle.linkDown', 1000, 'link down after restart');
  });

  it('unplugging the dongle mid-run stops the live run with "disconnected" within 1 s, with the zh-CN unplug message', async () => {
    const chain = await startChain();
    const { transport, drone } = await connectDrone(chain, 'zh-CN');
    // Take off, then spin for ever without a wait: only the link check can end this run.
    const workspace = {
      blocks: { languageVersion: 0, blocks: [{ type: 'event_when_started', id: 'hat', x: 0, y: 0, next: { block: { type: 'drone_takeoff', id: 'up', next: { block: { type: 'control_forever', id: 'loop' } } } } }] },
    };
    const { program, diagnostics } = fromBlockly(workspace, 'drone');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const run = startLiveRun({ program, devices: droneDeviceSet(drone), linkCheck: () => transport.linkLost() ?? drone.linkLost() });
    await until(() => chain.tello.status().flying, 3000, 'take-off');
    const t0 = performance.now();
    await chain.dongle.bridge.unplug();
    const summary = await run.done;
    const ms = performance.now() - t0;
    expect(summary.stopReason).toBe('disconnected');
    expect(ms).toBeLessThan(1000);
    expect(summary.disconnect).toContain('Tello 适配器被拔掉了');
    expect(transport.linkLost()?.code).toBe('dongle.unplugged');
  });

  it('the dongle losing the drone\'s Wi-Fi (L down) reports the link lost; commands are refused with E nolink, not sent', async () => {
    const chain = await startChain();
    const { transport, drone } = await connectDrone(chain);
    chain.dongle.emulator.setLink(false);
    await until(() => transport.linkLost() !== null, 1000, 'link down');
    expect(transport.linkLost()?.message).toMatch(/lost its Wi-Fi link to the drone/);
    const sent = chain.tello.status().received.length;
    await expect(drone.query('battery')).rejects.toThrow(/did not answer "battery\?"/);
    expect(chain.tello.status().received.length).toBe(sent);
    expect(transport.stats.errors.nolink).toBeGreaterThan(0);
    chain.dongle.emulator.setLink(true);
    await until(() => transport.linkLost() === null, 1000, 'link up');
    expect(await drone.query('battery')).toBeGreaterThan(90);
  });
});

describe('Tello dongle connection failures (real pty)', { timeout: 30_000 }, () => {
  it('a board that never answers HELLO: "no dongle answered" after the tries, in zh-CN, and the port is free again', async () => {
    const chain = await startChain({ answerHello: false });
    const t0 = performance.now();
    const err = await openSerialTelloTransport(chain.dongle.path, { language: 'zh-CN', helloMs: 100, helloAttempts: 4 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DongleError);
    expect((err as DongleError).message).toContain('没有 Tello 无线电适配器回应（试了 4 次）');
    expect(performance.now() - t0).toBeLessThan(2000);
    // Released: the same app can open it again at once.
    await expect(openSerialTelloTransport(chain.dongle.path, { helloMs: 50, helloAttempts: 1 })).rejects.toMatchObject({ code: 'dongle.noAnswer' });
  });

  it('a dongle with protocol 2.0 is refused with the update/reflash message', async () => {
    const chain = await startChain({ version: '2.0' });
    await expect(openSerialTelloTransport(chain.dongle.path)).rejects.toThrow(/speaks protocol 2\.0; this app needs 1\.x/);
  });

  it('a dongle without a drone: waits for L up, connects when the drone joins late, refuses when it never does', async () => {
    const chain = await startChain({ linkUp: false });
    const pending = openSerialTelloTransport(chain.dongle.path, { linkWaitMs: 3000 });
    setTimeout(() => chain.dongle.emulator.setLink(true), 300);
    const transport = await pending;
    expect(transport.linkLost()).toBeNull();
    await transport.close();

    chain.dongle.emulator.setLink(false);
    await expect(openSerialTelloTransport(chain.dongle.path, { linkWaitMs: 300, language: 'zh-CN' })).rejects.toThrow(/0\.3 秒内没有连上无人机的 Wi-Fi/);
  });

  it('a missing port, and a port another driver in this app holds, get the serial layer\'s messages', async () => {
    await expect(openSerialTelloTransport('/tmp/ailab-no-such-dongle')).rejects.toMatchObject({ code: 'error.notFound' });
    const chain = await startChain();
    const { transport } = await connectDrone(chain);
    const err = await openSerialTelloTransport(chain.dongle.path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SerialError);
    expect((err as SerialError).message).toContain('Tello radio dongle');
    expect(transport.linkLost()).toBeNull();
  });

});
