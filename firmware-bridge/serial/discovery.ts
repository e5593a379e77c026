/**
 * Serial port discovery: `SerialPort.list()` (needs `udevadm` on Linux) with each port's USB ids recognised from
 * usb-ids.ts. Recognised boards come first. Ptys and other virtual ports are never listed, so the UI and the CLI
 * always accept a typed path as well.
 */
import { SerialPort } from 'serialport';
import { recogniseUsbSerial, type UsbSerialId } from './usb-ids';

/** What `SerialPort.list()` reports for one port (the fields this module reads). */
export interface ListedPort {
  readonly path: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  readonly vendorId?: string;
  readonly productId?: string;
}

export interface FoundPort {
  readonly path: string;
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly manufacturer: string | null;
  readonly serialNumber: string | null;
  /** The recognised board or chip, or null. */
  readonly board: UsbSerialId | null;
}

/** Lists ports; `list` is injectable for tests that need a board a build machine does not have. */
export async function listSerialPorts(list: () => Promise<readonly ListedPort[]> = () => SerialPort.list()): Promise<FoundPort[]> {
  const ports = await list();
  return ports
    .map((p) => ({
      path: p.path,
      vendorId: p.vendorId?.toLowerCase() ?? null,
      productId: p.productId?.toLowerCase() ?? null,
      manufacturer: p.manufacturer ?? null,
      serialNumber: p.serialNumber ?? null,
      board: recogniseUsbSerial(p.vendorId, p.productId),
    }))
    .sort((a, b) => Number(b.board !== null) - Number(a.board !== null) || a.path.localeCompare(b.path, 'en', { numeric: true }));
}
