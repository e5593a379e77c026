/**
 * The Tello driver against the virtual Tello over real UDP on 127.0.0.1 (no mocks), plus one fuzz test through a
 * transport double (garbage replies cannot be produced on demand by the emulator).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { completes, connectToVirtualTello, freeUdpPort, sleep, until, type Flight } from './test-support';
import { TelloDrone, TelloError } from './tello-drone';
import { openUdpTelloTransport, type TelloTransport } from './transport';

const open: Flight[] = [];
async function fly(...args: Parameters<typeof connectToVirtualTello>): Promise<Flight> {
  const f = await connectToVirtualTello(...args);
  open.push(f);
  return f;
}
afterEach(async () => {
  for (const f of open.splice(0)) await f.close();
});

describe('Tello driver on the virtual Tello', () => {
  it('connects with the command handshake (SDK mode on)', async () => {
    const { tello } = await fly();
    expect(tello.status().sdkMode).toBe(true);
    expect(tello.status().received).toEqual(['command']);
  });

  it('says clearly, in both languages, when no drone answers', async () => {
    const port = await freeUdpPort(); // nothing listens there
    for (const language of ['en', 'zh-CN'] as const) {
      const transport = await openUdpTelloTransport({ host: '127.0.0.1', port, statePort: 0 });
      const started = Date.now();
      const err = await TelloDrone.connect(transport, { language, timeouts: { handshakeMs: 100 } }).catch((e: unknown) => e);
      await transport.close();
      expect(err).toBeInstanceOf(TelloError);
      expect((err as TelloError).code).toBe('tello.noAnswer');
      expect((err as TelloError).message).toContain(`127.0.0.1:${port}`);
      expect((err as TelloError).message).toMatch(language === 'en' ? /did not answer/ : /没有回应/);
      // Three attempts of 100 ms, not a hang.
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('takes off, climbs, turns and lands; each block waits for the drone\'s ok', async () => {
    const { tello, drone } = await fly();
    await completes(drone.takeoff());
    expect(tello.status()).toMatchObject({ flying: true, heightCm: 80 });
    const up = drone.move('up', 50);
    expect(up.isDone()).toBe(false); // the move takes (0.4 s + 0.5 s) × 0.05
    await completes(up);
    expect(tello.status().heightCm).toBe(130);
    await completes(drone.rotateDeg(-90));
    expect(tello.status().yawDeg).toBe(-90);
    await completes(drone.move('forward', 100));
    expect(tello.status().xCm).toBe(-100);
    await completes(drone.land());
    expect(tello.status()).toMatchObject({ flying: false, heightCm: 0 });
    expect(tello.status().received).toEqual(['command', 'takeoff', 'up 50', 'ccw 90', 'forward 100', 'land']);
  });

  it('sends a turn over 360° as several SDK commands and clamps moves to 20–500 cm like the simulator', async () => {
    const { tello, drone } = await fly();
    await completes(drone.takeoff());
    await completes(drone.rotateDeg(400));
    await completes(drone.move('back', 5));
    await completes(drone.move('left', 9999));
    expect(tello.status().received.slice(2)).toEqual(['cw 360', 'cw 40', 'back 20', 'left 500']);
  });

  it('surfaces the drone\'s refusal as an error the program sees', async () => {
    const { drone } = await fly();
    const c = drone.move('forward', 50); // on the ground
    await expect(completes(c)).rejects.toThrow(/refused "forward 50".*error Not flying/);
    try {
      c.isDone();
    } catch (e) {
      expect(e).toBeInstanceOf(TelloError);
      expect((e as TelloError).code).toBe('tello.refused');
    }
    // The queue is not stuck: the next command still runs.
    await completes(drone.takeoff());
  });

  it('fails a command with a timeout when the drone goes silent mid-command (unplugged)', async () => {
    const { tello, drone } = await fly({}, { timeouts: { commandMs: 300, perCmMs: 0 } });
    await completes(drone.takeoff());
    const c = drone.move('forward', 500); // 0.27 s on the emulator
    await tello.close(); // switched off before it answers
    const started = Date.now();
    await expect(completes(c)).rejects.toThrow(/did not answer "forward 500" within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(drone.stats.timeouts).toBe(1);
  });

  it('keeps the drone flying past its 15 s idle landing with keep-alives (idle time shortened)', async () => {
    const { tello, drone } = await fly({ idleLandMs: 600 }, { keepAliveMs: 150 });
    await completes(drone.takeoff());
    await sleep(1500);
    expect(tello.status()).toMatchObject({ flying: true, autoLanded: null });
    expect(drone.stats.keepAlives).toBeGreaterThan(3);
  });

  it('without keep-alives the drone lands by itself, and the driver notices from telemetry', async () => {
    const { tello, drone } = await fly({ idleLandMs: 600 }, { keepAliveMs: 0, landedAfterMs: 200 });
    await completes(drone.takeoff());
    drone.sample();
    expect(drone.readings().flying).toBe(true);
    await until(() => tello.status().autoLanded === 'idle', 3000, 'idle landing');
    await until(() => (drone.sample(), !drone.readings().flying), 3000, 'driver sees landed');
  });

  it('emergency stops at once, ahead of queued commands, which never reach the drone', async () => {
    const { tello, drone } = await fly({ timeScale: 0.2 });
    await completes(drone.takeoff());
    const forward = drone.move('forward', 500); // in flight for 1.08 s
    const back = drone.move('back', 200); // queued behind it
    await sleep(50);
    drone.emergency();
    await until(() => !tello.status().flying, 1000, 'motors off');
    expect(tello.status().received.slice(2)).toEqual(['forward 500', 'emergency']);
    expect(forward.isDone()).toBe(true); // cancelled, not failed: the student asked for it
    expect(back.isDone()).toBe(true);
    await sleep(300);
    expect(tello.status().received).not.toContain('back 200');
  });

  it('Stop (safe state) lands a flying drone at once and drops the queued commands', async () => {
    const { tello, drone } = await fly({ timeScale: 0.2 });
    await completes(drone.takeoff());
    drone.move('up', 500); // in flight for 1.08 s
    drone.move('down', 100);
    await sleep(50);
    drone.safeState();
    await until(() => !tello.status().flying, 2000, 'landed');
    expect(tello.status().received.slice(2)).toEqual(['up 500', 'land']);
    expect(await drone.whenIdle(1000)).toBe(true);
  });

  it('reports battery, height and heading from the state stream in readings()', async () => {
    const { drone } = await fly({ batteryPercent: 73.5 }); // drains ~0.15 %/s in the air: stays 73 here
    await until(() => drone.latestState !== null, 1000, 'first state');
    drone.sample();
    expect(drone.readings()).toMatchObject({ batteryPercent: 73, heightCm: 0, flying: false });
    await completes(drone.takeoff());
    await completes(drone.rotateDeg(90));
    await sleep(250); // next state strings
    drone.sample();
    expect(drone.readings()).toMatchObject({ heightCm: 80, flying: true, yawDeg: 90 });
    expect(drone.stats.badStates).toBe(0);
    expect(await drone.query('battery')).toBe(73);
  });
});

describe('Tello driver: garbage on the link', () => {
  /** A transport double: what the driver sends is recorded; replies and state are pushed by the test. */
  function doubleTransport() {
    const sent: string[] = [];
    let onMsg: (t: string) => void = () => {};
    let onSt: (t: string) => void = () => {};
    const transport: TelloTransport = {
      address: 'test:double',
      send: (t) => {
        sent.push(t);
        if (t === 'command') queueMicrotask(() => onMsg('ok'));
      },
      onMessage: (l) => ((onMsg = l), () => {}),
      onState: (l) => ((onSt = l), () => {}),
      close: async () => {},
    };
    return { transport, sent, reply: (t: string) => onMsg(t), state: (t: string) => onSt(t) };
  }

  it('100,000 garbage replies and state strings neither throw nor complete a command; the next ok does', async () => {
    const link = doubleTransport();
    const drone = await TelloDrone.connect(link.transport, { keepAliveMs: 0 });
    const c = drone.move('up', 30);
    let runs = 0;
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }).map((b) => String.fromCharCode(...b)), fc.string({ maxLength: 100 })), (raw) => {
        runs++;
        // Anything that is not `ok`/`error…` must not settle a flight command.
        if (/^\s*(ok|error|out of range|unknown command)/i.test(raw)) return;
        link.reply(raw);
        link.state(raw);
        drone.sample();
        expect(c.isDone()).toBe(false);
      }),
      { numRuns: 100_000, seed: 7 },
    );
    expect(runs).toBe(100_000);
    link.reply('ok\r\n');
    expect(c.isDone()).toBe(true);
    expect(link.sent).toEqual(['command', 'up 30']);
    await drone.close();
  });
});
