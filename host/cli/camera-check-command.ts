/**
 * `ailab camera-check <port> [--baud 9600] [--what colour|tag|line|object] [--seconds 10]`: connects to an AI vision
 * module speaking the HuskyLens protocol (firmware-bridge/huskylens) and prints what it sees twice a second, in
 * the words the camera blocks use — so a teacher can check the wiring, the baud rate and what the module has
 * learned before a lesson.
 */
import { linePosition, type CameraFrame, type CameraNeed } from '../../core/device/camera';
import { translate, type Language } from '../../core/i18n';
import { HuskyLensCamera, type ByteTransport } from '../../firmware-bridge/huskylens/driver';
import { HUSKYLENS_BAUD, openHuskyLensPort } from '../../firmware-bridge/huskylens/serial-port';

export const CAMERA_CHECK_WHAT: readonly CameraNeed[] = ['colour', 'tag', 'line', 'object'];

export interface CameraCheckOptions {
  readonly port: string;
  readonly baud?: number;
  readonly what?: string;
  readonly seconds?: number;
  /** Where lines go (default console.log). */
  readonly print?: (line: string) => void;
  /** Opens the port (tests may pass another transport); default serialport. */
  readonly open?: (port: string, baud: number) => Promise<ByteTransport>;
  /** Ends the check early (Ctrl+C); default: SIGINT/SIGTERM. */
  readonly stopSignal?: Promise<void>;
}

/** Prints every half second for `seconds`; throws an Error with a message in `lang` when it cannot connect. */
export async function cameraCheckCommand(options: CameraCheckOptions, lang: Language): Promise<void> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'camera', key, params);
  const b = (key: string) => translate(lang, 'blocks', key);
  const print = options.print ?? ((line: string) => console.log(line));
  const what = (options.what ?? 'colour') as CameraNeed;
  if (!CAMERA_CHECK_WHAT.includes(what)) throw new Error(t('cli.badWhat', { value: String(options.what) }));
  const baud = options.baud ?? HUSKYLENS_BAUD;
  const seconds = options.seconds ?? 10;

  let transport: ByteTransport;
  try {
    transport = await (options.open ?? openHuskyLensPort)(options.port, baud);
  } catch (err) {
    throw new Error(t('cli.openFailed', { port: options.port, detail: err instanceof Error ? err.message : String(err) }));
  }
  let camera: HuskyLensCamera;
  try {
    camera = await HuskyLensCamera.connect(transport, { baudRate: baud });
  } catch (err) {
    throw new Error(err instanceof Error && 'localized' in err ? (err as { localized: Record<Language, string> }).localized[lang] : String(err));
  }
  print(t('cli.connected', { port: options.port, seconds, what: t(`cli.what.${what}`) }));

  const describe = (f: CameraFrame): string[] => {
    const box = (x: { x: number; y: number; width: number; height: number }) => `(${x.x}, ${x.y}) ${x.width}×${x.height}`;
    switch (what) {
      case 'colour': return f.blobs.map((x) => `${b(`AILAB_COLOURNAME_${x.colour.toUpperCase()}`)} ${box(x)}`);
      case 'tag': return f.tags.map((x) => `${t('view.tag', { id: x.id })} ${box(x)}`);
      case 'object': return f.objects.map((x) => `${b(`AILAB_OBJECTCLASS_${x.objectClass.toUpperCase()}`)} ${box(x)}`);
      case 'line': return f.line ? [t('cli.line', { ...f.line, position: linePosition(f) })] : [];
    }
  };

  const stop = options.stopSignal ?? new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
  let stopped = false;
  void stop.then(() => { stopped = true; });
  const start = Date.now();
  try {
    camera.frame(what);
    while (!stopped && Date.now() - start < seconds * 1000) {
      await new Promise((r) => setTimeout(r, 500));
      const items = describe(camera.frame(what));
      const time = ((Date.now() - start) / 1000).toFixed(1);
      print(items.length ? t('cli.seen', { time, items: items.join('; ') }) : t('cli.seenNothing', { time }));
    }
  } finally {
    print(t('cli.summary', { polls: camera.polls, dropped: camera.droppedFrames }));
    await camera.close();
  }
}
