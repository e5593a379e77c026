/**
 * A Firmata board on a serial port path: opens the port with serialport 13 at StandardFirmata's 57600 baud, then
 * `openFirmataBoard`, then the profile's devices. Errors come in the caller's language: a port that cannot be opened
 * (`firmata.openFailed`, with serialport's reason), a board that does not answer with Firmata (`firmata.noAnswer`),
 * an unknown or missing profile.
 */
import { SerialPort } from 'serialport';
import type { Language } from '../../core/i18n';
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
  const port = new SerialPort({ path, baudRate: FIRMATA_BAUD, autoOpen: false });
  try {
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  } catch (err) {
    throw new FirmataError('firmata.openFailed', { path, detail: err instanceof Error ? err.message : String(err) }, language);
  }
  let link: FirmataBoard;
  try {
    link = await openFirmataBoard(port, { path, language, readyTimeoutMs: options.readyTimeoutMs });
  } catch (err) {
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    throw err;
  }
  return { link, profile, ...firmataDeviceSet(link, profile) };
}
