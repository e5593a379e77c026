/**
 * Test helpers for the Tello driver: a virtual Tello and a driver connected to it over real UDP on loopback.
 * Only for tests (imported by *.test.ts files); never listens on anything but 127.0.0.1.
 */
import { createSocket } from 'node:dgram';
import type { Completion } from '../../core/device/completion';
import { TelloDrone, type TelloDroneOptions } from './tello-drone';
import { openUdpTelloTransport } from './transport';
import { startVirtualTello, type VirtualTello, type VirtualTelloOptions } from './virtual-tello';

/** A UDP port free on 127.0.0.1 right now (bound and released). */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface Flight {
  readonly tello: VirtualTello;
  readonly drone: TelloDrone;
  close(): Promise<void>;
}

/** Starts a virtual Tello (20× faster flights unless told) and connects a driver to it. */
export async function connectToVirtualTello(vt: VirtualTelloOptions = {}, driver: TelloDroneOptions = {}): Promise<Flight> {
  const statePort = await freeUdpPort();
  const tello = await startVirtualTello({ port: 0, statePort, timeScale: 0.05, ...vt });
  const transport = await openUdpTelloTransport({ host: '127.0.0.1', port: tello.port, statePort });
  const drone = await TelloDrone.connect(transport, { keepAliveMs: 0, ...driver });
  return {
    tello,
    drone,
    async close() {
      await drone.close();
      await tello.close();
    },
  };
}

/** Polls a Completion like the interpreter does (every 10 ms); rejects with what `isDone()` throws or on timeout. */
export async function completes(c: Completion, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!c.isDone()) {
    if (Date.now() > end) throw new Error(`[Test] not done within ${timeoutMs} ms`);
    await sleep(10);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until `check()` is true (polled every 10 ms) or throws after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`[Test] ${what} not reached within ${timeoutMs} ms`);
    await sleep(10);
  }
}
