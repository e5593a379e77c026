/**
 * USB vendor/product ids of the boards and USB-serial chips classrooms plug in, as data (STYLE.md §6). `key` is the
 * name's key in the `serial` i18n namespace. A product-specific row wins over a vendor-wide one (productId omitted).
 * Ids are lower-case hex without `0x`, as `SerialPort.list()` reports them on Linux, macOS and Windows.
 */
export interface UsbSerialId {
  readonly vendorId: string;
  readonly productId?: string;
  readonly key: string;
  /** 'arduino' = a genuine board (bootloader, auto-reset); 'bridge' = a USB-serial chip on a compatible board. */
  readonly kind: 'arduino' | 'bridge';
}

export const USB_SERIAL_IDS: readonly UsbSerialId[] = [
  { vendorId: '2341', productId: '0043', key: 'board.arduinoUno', kind: 'arduino' },
  { vendorId: '2341', productId: '0001', key: 'board.arduinoUno', kind: 'arduino' },
  { vendorId: '2341', productId: '0243', key: 'board.arduinoUno', kind: 'arduino' },
  { vendorId: '2a03', productId: '0043', key: 'board.arduinoUno', kind: 'arduino' },
  { vendorId: '2341', productId: '0042', key: 'board.arduinoMega', kind: 'arduino' },
  { vendorId: '2341', productId: '0010', key: 'board.arduinoMega', kind: 'arduino' },
  { vendorId: '2a03', productId: '0042', key: 'board.arduinoMega', kind: 'arduino' },
  { vendorId: '2341', productId: '8036', key: 'board.arduinoLeonardo', kind: 'arduino' },
  { vendorId: '2341', productId: '0036', key: 'board.arduinoLeonardo', kind: 'arduino' },
  { vendorId: '2341', productId: '0058', key: 'board.arduinoNanoEvery', kind: 'arduino' },
  { vendorId: '2341', key: 'board.arduino', kind: 'arduino' },
  { vendorId: '2a03', key: 'board.arduino', kind: 'arduino' },
  { vendorId: '1a86', productId: '7523', key: 'board.ch340', kind: 'bridge' },
  { vendorId: '1a86', productId: '5523', key: 'board.ch340', kind: 'bridge' },
  { vendorId: '1a86', productId: '55d4', key: 'board.ch9102', kind: 'bridge' },
  { vendorId: '10c4', productId: 'ea60', key: 'board.cp210x', kind: 'bridge' },
  { vendorId: '10c4', productId: 'ea70', key: 'board.cp210x', kind: 'bridge' },
  { vendorId: '0403', productId: '6001', key: 'board.ftdi', kind: 'bridge' },
  { vendorId: '0403', productId: '6010', key: 'board.ftdi', kind: 'bridge' },
  { vendorId: '0403', productId: '6014', key: 'board.ftdi', kind: 'bridge' },
  { vendorId: '0403', productId: '6015', key: 'board.ftdi', kind: 'bridge' },
];

const normalise = (id: string | undefined) => (id ?? '').trim().toLowerCase().replace(/^0x/, '').padStart(4, '0');

/** The table row for a port's ids, or null for an unknown (or id-less, e.g. a built-in or virtual) port. */
export function recogniseUsbSerial(vendorId: string | undefined, productId: string | undefined): UsbSerialId | null {
  if (vendorId === undefined || vendorId.trim() === '') return null;
  const vid = normalise(vendorId);
  const pid = normalise(productId);
  return USB_SERIAL_IDS.find((r) => r.vendorId === vid && r.productId === pid) ?? USB_SERIAL_IDS.find((r) => r.vendorId === vid && r.productId === undefined) ?? null;
}
