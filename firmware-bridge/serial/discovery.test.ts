/**
 * Port discovery. The real `SerialPort.list()` runs (udev); the build machine has no USB boards, so recognition is
 * checked on listings shaped like what serialport reports on machines that have them (ids as Linux, macOS and
 * Windows spell them).
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../core/i18n';
import { listSerialPorts } from './discovery';
import { recogniseUsbSerial } from './usb-ids';

describe('serial port discovery', () => {
  it('lists this machine\'s real ports without failing (ptys are never listed, so typed paths stay allowed)', async () => {
    const ports = await listSerialPorts();
    expect(Array.isArray(ports)).toBe(true);
    for (const p of ports) expect(p.path).toMatch(/^(\/dev\/|COM)/);
  });

  it('recognises Arduino, CH340, CP210x and FTDI boards and puts them first', async () => {
    const ports = await listSerialPorts(async () => [
      { path: '/dev/ttyS0' },
      { path: '/dev/ttyUSB1', vendorId: '1A86', productId: '7523', manufacturer: '1a86' },
      { path: '/dev/ttyACM0', vendorId: '2341', productId: '0043', manufacturer: 'Arduino (www.arduino.cc)' },
      { path: 'COM7', vendorId: '10C4', productId: 'EA60' },
      { path: '/dev/tty.usbserial-A50285BI', vendorId: '0403', productId: '6001' },
      { path: '/dev/ttyACM1', vendorId: '2341', productId: '9999' },
      { path: '/dev/ttyUSB9', vendorId: 'dead', productId: 'beef' },
    ]);
    const named = ports.map((p) => [p.path, p.board ? translate('en', 'serial', p.board.key) : null]);
    expect(named).toEqual([
      ['/dev/tty.usbserial-A50285BI', 'FTDI USB-serial (FT232, common on Arduino Pro Mini adapters)'],
      ['/dev/ttyACM0', 'Arduino Uno'],
      ['/dev/ttyACM1', 'Arduino (genuine)'],
      ['/dev/ttyUSB1', 'CH340 USB-serial (common on Arduino Nano/Uno compatible boards)'],
      ['COM7', 'CP210x USB-serial (common on ESP32/NodeMCU boards)'],
      ['/dev/ttyS0', null],
      ['/dev/ttyUSB9', null],
    ]);
    expect(translate('zh-CN', 'serial', ports[3]!.board!.key)).toContain('CH340');
  });

  it('reads ids written with 0x or without leading zeros', () => {
    expect(recogniseUsbSerial('0x2341', '0x43')?.key).toBe('board.arduinoUno');
    expect(recogniseUsbSerial('403', '6015')?.key).toBe('board.ftdi');
    expect(recogniseUsbSerial(undefined, undefined)).toBeNull();
  });
});
