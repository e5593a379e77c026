/**
 * `ailab devices` output. The machine's own listing runs in robot-run.test.ts (as a child process); here the listing
 * is one a classroom PC with boards plugged in would give (this build machine has no USB boards).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { devicesCommand } from './devices-command';

afterEach(() => vi.restoreAllMocks());

function captured() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  return lines;
}

describe('ailab devices', () => {
  it('names the boards it recognises (zh-CN) and suggests the first one for --device', async () => {
    const lines = captured();
    const code = await devicesCommand(
      { json: false, list: async () => [{ path: '/dev/ttyS0' }, { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' }, { path: '/dev/ttyACM0', vendorId: '2341', productId: '0043' }] },
      'zh-CN',
    );
    expect(code).toBe(0);
    expect(lines).toEqual([
      '这台电脑上的串口：',
      '  /dev/ttyACM0  Arduino Uno (2341:0043)',
      '  /dev/ttyUSB0  CH340 USB 串口（常见于 Arduino Nano/Uno 兼容板） (1a86:7523)',
      '  /dev/ttyS0  未识别的设备',
      '用法：ailab run 项目.ailab --device ailab:/dev/ttyACM0（伪终端等不会列出的串口也可以直接写路径）',
    ]);
  });

  it('says how to go on when nothing is plugged in, and prints JSON with the board names', async () => {
    const lines = captured();
    expect(await devicesCommand({ json: false, list: async () => [] }, 'en')).toBe(0);
    expect(lines[0]).toContain('No serial ports found');
    expect(await devicesCommand({ json: true, list: async () => [{ path: 'COM4', vendorId: '10C4', productId: 'EA60' }] }, 'en')).toBe(0);
    expect(JSON.parse(lines[1]!)).toEqual([
      { path: 'COM4', vendorId: '10c4', productId: 'ea60', manufacturer: null, serialNumber: null, board: 'board.cp210x', kind: 'bridge', name: 'CP210x USB-serial (common on ESP32/NodeMCU boards)' },
    ]);
  });

  it('reports a listing failure (no udevadm) with its reason and exit 1', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    expect(await devicesCommand({ json: false, list: async () => Promise.reject(new Error('spawn udevadm ENOENT')) }, 'en')).toBe(1);
    expect(errors[0]).toBe('Could not list serial ports: spawn udevadm ENOENT');
  });
});
