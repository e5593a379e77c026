/**
 * The virtual Tello as a raw UDP peer on 127.0.0.1: answers as the SDK document says, streams state, and refuses to
 * listen anywhere but loopback.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { parseState } from './protocol';
import { freeUdpPort, sleep } from './test-support';
import { startVirtualTello, type VirtualTello } from './virtual-tello';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

/** A client socket: `ask` sends one datagram and returns the next reply (or null after `ms`). */
async function client(tello: VirtualTello) {
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  const replies: string[] = [];
  socket.on('message', (b) => replies.push(b.toString('latin1')));
  cleanup.push(() => new Promise((r) => socket.close(() => r())));
  const ask = async (text: string, ms = 500): Promise<string | null> => {
    replies.length = 0;
    socket.send(text, tello.port, '127.0.0.1');
    const end = Date.now() + ms;
    while (replies.length === 0 && Date.now() < end) await sleep(5);
    return replies.shift() ?? null;
  };
  return { ask };
}

async function tello(options: Parameters<typeof startVirtualTello>[0] = {}) {
  const statePort = await freeUdpPort();
  const t = await startVirtualTello({ port: 0, statePort, timeScale: 0.05, ...options });
  cleanup.push(() => t.close());
  return t;
}

describe('virtual Tello', () => {
  it('ignores everything until `command`, then answers ok', async () => {
    const t = await tello();
    const c = await client(t);
    expect(await c.ask('takeoff', 200)).toBeNull();
    expect(t.status().flying).toBe(false);
    expect(await c.ask('command')).toBe('ok');
  });

  it('refuses flying on the ground, values out of range and unknown words', async () => {
    const t = await tello();
    const c = await client(t);
    await c.ask('command');
    expect(await c.ask('forward 50')).toBe('error Not flying');
    expect(await c.ask('forward 10')).toBe('error out of range');
    expect(await c.ask('cw 361')).toBe('error out of range');
    expect(await c.ask('jump')).toBe('unknown command: jump');
  });

  it('answers ok only when a flight is done, and queries with their units', async () => {
    const t = await tello();
    const c = await client(t);
    await c.ask('command');
    const started = Date.now();
    expect(await c.ask('takeoff', 2000)).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100); // 2.5 s × 0.05
    expect(await c.ask('height?')).toBe('8dm');
    expect(await c.ask('battery?')).toMatch(/^\d+$/);
    expect(await c.ask('sdk?')).toBe('20');
    expect(await c.ask('rc 0 0 0 0', 150)).toBeNull(); // rc gets no reply
    expect(await c.ask('flip f', 2000)).toBe('ok');
    expect(await c.ask('land', 2000)).toBe('ok');
    expect(t.status()).toMatchObject({ flying: false, heightCm: 0 });
  });

  it('streams state about 10 times a second to the client\'s state port, and the battery drains in flight', async () => {
    const statePort = await freeUdpPort();
    const t = await startVirtualTello({ port: 0, statePort, timeScale: 0.05, batteryPercent: 50.1 }); // −0.15 %/s flying: under 50 % after ~0.7 s in the air
    cleanup.push(() => t.close());
    const states: string[] = [];
    const listener = createSocket('udp4');
    listener.on('message', (b) => states.push(b.toString('latin1')));
    await new Promise<void>((r) => listener.bind(statePort, '127.0.0.1', () => r()));
    cleanup.push(() => new Promise((r) => listener.close(() => r())));
    const c = await client(t);
    await c.ask('command');
    await c.ask('takeoff', 2000);
    states.length = 0;
    await sleep(1000);
    expect(states.length).toBeGreaterThanOrEqual(7);
    expect(states.length).toBeLessThanOrEqual(13);
    const last = parseState(states.at(-1)!);
    expect(last).toMatchObject({ h: 80 });
    expect(last!.bat).toBeLessThanOrEqual(50);
    expect(t.status().batteryPercent).toBe(49);
  });

  it('lands by itself after the idle time without a command', async () => {
    const t = await tello({ idleLandMs: 300 });
    const c = await client(t);
    await c.ask('command');
    await c.ask('takeoff', 2000);
    await sleep(800);
    expect(t.status()).toMatchObject({ flying: false, autoLanded: 'idle' });
  });

  it('listens on loopback only', async () => {
    await expect(startVirtualTello({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/loopback only/);
    await expect(startVirtualTello({ host: '192.168.10.1', port: 0 })).rejects.toThrow(/loopback only/);
  });
});
