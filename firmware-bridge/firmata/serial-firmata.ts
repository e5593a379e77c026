/**
 * A Firmata board on a serial port path: opens the port with serialport 13 at StandardFirmata's 57600 baud, then
 * `openFirmataBoard`, then the profile's devices. Errors come in the caller's language: a port another program holds
 * or this user may not open (the serial layer's `error.busy` / `error.permission`, with the `dialout` fix), a port
 * another driver in this app holds (`error.inUse`: one owner per port, as for the robot and the Tello dongle), any
 * other open failure (`firmata.openFailed`, with serialport's reason), a board that does not answer with Firmata
 * (`firmata.noAnswer`), an unknown or missing profile.
 */
import { SerialPort } from 'serialport';
import type { Language } from '../../core/i18n';
import { claimPort, portOwner } from '../serial/port-owners';
import { classifyOpenError, SerialError } from '../serial/serial-transport';
import { FirmataError, openFirmataBoard, type FirmataBoard } from './firmata-board';
import { firmataDeviceSet } from './firmata-devices';
import { findProfile, type WiringProfile } from './profiles';

export const FIRMATA_BAUD = 57600;

export interface SerialFirmataOptions {
  readonly path: string;
  readonly profileId: string | undefined;
  readonly language: Language;
  readonly readyTimeoutMs?: number;
}

export async function connectSerialFirmata(options: SerialFirmataOptions): Promise<{ link: FirmataBoard; profile: WiringProfile } & ReturnType<typeof firmataDeviceSet>> {
  const { path, language } = options;
  if (!options.profileId) throw new FirmataError('firmata.noProfile', {}, language);
  const profile = findProfile(options.profileId);
  if (!profile) throw new FirmataError('firmata.unknownProfile', { id: options.profileId }, language);
  const release = claimPort(path, 'Firmata board');
  if (release === null) throw new SerialError('error.inUse', { path, owner: portOwner(path) ?? '?' }, language);
  const port = new SerialPort({ path, baudRate: FIRMATA_BAUD, autoOpen: false });
  // Closed by us or unplugged: the port is free for the next owner (a reconnect, the serial monitor, a flash).
  port.once('close', release);
  try {
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  } catch (err) {
    release();
    const error = err instanceof Error ? err : new Error(String(err));
    const code = classifyOpenError(error);
    if (code === 'error.busy' || code === 'error.permission') throw new SerialError(code, { path, detail: error.message }, language);
    throw new FirmataError('firmata.openFailed', { path, detail: error.message }, language);
  }
  let link: FirmataBoard;
  try {
    link = await openFirmataBoard(port, { path, language, readyTimeoutMs: options.readyTimeoutMs });
  } catch (err) {
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    release();
    throw err;
  }
  return { link, profile, ...firmataDeviceSet(link, profile) };
}
