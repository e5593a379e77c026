/** A serialport 13 port as a `FlashTransport`: DTR/RTS for the auto-reset pulse where the line has them. */
import type { SerialPort } from 'serialport';
import type { FlashTransport } from './stk500v1';

export function serialFlashTransport(port: SerialPort): FlashTransport {
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(bytes), (err) => (err ? reject(err) : port.drain(() => resolve())));
      }),
    onData(listener) {
      const on = (chunk: Buffer) => listener(chunk);
      port.on('data', on);
      return () => port.off('data', on);
    },
    setReset: (asserted) =>
      new Promise((resolve, reject) => {
        // Asserted modem lines pull the board's RESET low through its capacitor.
        port.set({ dtr: !asserted, rts: !asserted }, (err) => (err ? reject(err) : resolve()));
      }),
  };
}
