/**
 * `ailab devices [--json]`: the serial ports of this computer with recognised boards and USB-serial chips named
 * (firmware-bridge/serial/discovery.ts). Ports that are not listed (ptys, some adapters) can still be typed:
 * `--device ailab:/dev/pts/3`.
 */
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { listSerialPorts, type ListedPort } from '../../firmware-bridge/serial/discovery';

export async function devicesCommand(options: { readonly json: boolean; readonly list?: () => Promise<readonly ListedPort[]> }, lang: Language): Promise<number> {
  const s = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'serial', key, params);
  let ports;
  try {
    ports = await listSerialPorts(options.list);
  } catch (err) {
    console.error(s('devices.listFailed', { detail: err instanceof Error ? err.message : String(err) }));
    return 1;
  }
  if (options.json) {
    const rows = ports.map((p) => ({ ...p, board: p.board?.key ?? null, kind: p.board?.kind ?? null, name: p.board ? s(p.board.key) : null }));
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (ports.length === 0) {
    console.log(s('devices.none'));
    return 0;
  }
  console.log(s('devices.title'));
  for (const p of ports) {
    const ids = p.vendorId ? ` (${p.vendorId}:${p.productId ?? '?'})` : '';
    console.log(s('devices.line', { path: p.path, name: p.board ? s(p.board.key) : s('devices.unknown'), ids }));
  }
  // Point at a recognised board; a built-in UART (ttyS0, COM1) would be a poor example.
  console.log(s('devices.hint', { path: ports.find((p) => p.board !== null)?.path ?? (process.platform === 'win32' ? 'COM3' : '/dev/ttyACM0') }));
  return 0;
}
