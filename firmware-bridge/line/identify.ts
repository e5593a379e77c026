/**
 * What runs on an `ailab:` port: our robot firmware or our sensor-kit firmware, read from the `VER` banner (the same
 * HELLO handshake both speak, PROTOCOL.md). The connection then hands the port to `LineRobot` or `KitSession`, which
 * greet the board again (one more round trip, a few ms) and check the version.
 *
 * Fails as `LineRobot.connect` does, with the same `bridge` messages: silence → `line.noAnswer`, another firmware →
 * `line.notOurFirmware` (the UI offers to flash).
 */
import type { Language } from '../../core/i18n';
import { encodeHello, LineSplitter, parseKitBoardLine } from './codec';
import { LineError, type LineTransport } from './session';

export type LineBoardKind = 'robot' | 'sensorkit';

export interface IdentifyOptions {
  readonly language?: Language;
  readonly helloMs?: number;
  readonly helloAttempts?: number;
}

export async function identifyLineBoard(transport: LineTransport, options: IdentifyOptions = {}): Promise<LineBoardKind> {
  const language = options.language ?? 'en';
  const splitter = new LineSplitter();
  let found: ((answer: LineBoardKind | LineError) => void) | null = null;
  const unlisten = transport.onData((chunk) => {
    for (const text of splitter.push(chunk)) {
      const line = parseKitBoardLine(text);
      if (line.kind === 'version') found?.('robot');
      else if (line.kind === 'kitVersion') found?.('sensorkit');
      else if (line.kind === 'foreignVersion') found?.(new LineError('line.notOurFirmware', { address: transport.address, banner: line.text }, language));
    }
  });
  try {
    for (let attempt = 0; attempt < (options.helloAttempts ?? 4); attempt++) {
      transport.write(encodeHello());
      const answer = await new Promise<LineBoardKind | LineError | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), options.helloMs ?? 500);
        found = (a) => {
          clearTimeout(timer);
          resolve(a);
        };
      });
      found = null;
      if (answer instanceof LineError) throw answer;
      if (answer !== null) return answer;
    }
    throw new LineError('line.noAnswer', { address: transport.address }, language);
  } finally {
    unlisten();
  }
}
