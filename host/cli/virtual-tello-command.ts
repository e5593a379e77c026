/**
 * `ailab virtual-tello [--port 8889] [--state-port 8890] [--quiet]`: the virtual Tello (firmware-bridge) on
 * 127.0.0.1 until Ctrl+C, printing each command it receives, so a class without drones can fly
 * `ailab run … --device tello:udp:127.0.0.1`.
 */
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { startVirtualTello } from '../../firmware-bridge/tello/virtual-tello';

export interface VirtualTelloCommandOptions {
  readonly port?: number;
  readonly statePort?: number;
  readonly quiet?: boolean;
}

/** Runs until SIGINT/SIGTERM. Throws an Error with a user-facing message when the port is taken. */
export async function virtualTelloCommand(options: VirtualTelloCommandOptions, lang: Language): Promise<void> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'bridge', key, params);
  const host = '127.0.0.1';
  let tello;
  try {
    tello = await startVirtualTello({ host, port: options.port, statePort: options.statePort, log: options.quiet ? undefined : (line) => console.log(line) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(t('virtualTello.portBusy', { port: options.port ?? 8889 }));
    throw err;
  }
  console.log(t('virtualTello.listening', { host: tello.host, port: tello.port, statePort: tello.statePort }));
  console.log(t('virtualTello.tryIt', { host: tello.host, port: tello.port }));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await tello.close();
  console.log(t('virtualTello.stopped'));
}
