/**
 * A `ByteTransport` over a serial port (serialport 13), for the HuskyLens driver. HuskyLens talks 9600 baud 8N1 by
 * default (its "UART" protocol setting); a typed path is always accepted (ptys are never listed).
 */
import { SerialPort } from 'serialport';
import { HuskyLensCamera, type ByteTransport, type HuskyLensOptions } from './driver';

export const HUSKYLENS_BAUD = 9600;

/** Opens `path` (8N1, no flow control). Rejects with serialport's error when it cannot. */
export async function openHuskyLensPort(path: string, baudRate = HUSKYLENS_BAUD): Promise<ByteTransport> {
  const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  // A closed or unplugged port errors on write; the driver notices by missing answers instead.
  port.on('error', () => {});
  return {
    address: path,
    write: (bytes) => {
      if (port.isOpen) port.write(Buffer.from(bytes));
    },
    onData: (listener) => {
      const l = (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      port.on('data', l);
      return () => port.off('data', l);
    },
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

/**
 * Opens `path` and connects to the module on it: the one call a live run needs, e.g.
 * `robotDeviceSet(withCamera(robot, await connectHuskyLens('/dev/ttyUSB0')))`. Rejects with serialport's error
 * when the port cannot be opened, or a `HuskyLensError` (`huskylens.noAnswer`, zh-CN/en) when nothing answers.
 */
export async function connectHuskyLens(path: string, options: HuskyLensOptions = {}): Promise<HuskyLensCamera> {
  const baudRate = options.baudRate ?? HUSKYLENS_BAUD;
  return HuskyLensCamera.connect(await openHuskyLensPort(path, baudRate), { ...options, baudRate });
}
