/** The serial monitor's decoding and encoding, with the platform's real UTF-8 and GBK codecs. */
import { describe, expect, it } from 'vitest';
import { decodeChunks, encodeText, fromBase64, lineBytes, numbersOfLine, plotSeries, toBase64, toHex } from './serial-codec';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('serial monitor codecs', () => {
  it('GBK bytes from a Chinese board show as Chinese text, not as garbage', () => {
    // "温度" in GBK: CE C2 B6 C8
    expect(decodeChunks([bytes(0xce, 0xc2, 0xb6, 0xc8)], 'gbk')).toBe('温度');
    // The same bytes read as UTF-8 are not text: the user sees replacement marks and knows to switch.
    expect(decodeChunks([bytes(0xce, 0xc2, 0xb6, 0xc8)], 'utf-8')).toContain('\uFFFD');
  });

  it('a character cut between two chunks still comes out whole (UTF-8 and GBK)', () => {
    const utf8 = new TextEncoder().encode('光线=42\n');
    expect(decodeChunks([utf8.subarray(0, 1), utf8.subarray(1, 4), utf8.subarray(4)], 'utf-8')).toBe('光线=42\n');
    expect(decodeChunks([bytes(0xce), bytes(0xc2, 0xb6), bytes(0xc8)], 'gbk')).toBe('温度');
  });

  it('sends text in GBK so a GBK board reads Chinese right; characters GBK lacks become ?', () => {
    expect([...encodeText('温度 25', 'gbk')]).toEqual([0xce, 0xc2, 0xb6, 0xc8, 0x20, 0x32, 0x35]);
    expect(decodeChunks([encodeText('你好，世界！', 'gbk')], 'gbk')).toBe('你好，世界！');
    expect([...encodeText('😀', 'gbk')]).toEqual([0x3f]);
    expect([...lineBytes('hi', 'utf-8', 'crlf')]).toEqual([0x68, 0x69, 0x0d, 0x0a]);
    expect([...lineBytes('hi', 'utf-8', 'lf')]).toEqual([0x68, 0x69, 0x0a]);
    expect([...lineBytes('hi', 'utf-8', 'none')]).toEqual([0x68, 0x69]);
  });

  it('hex view and base64 carry every byte value', () => {
    expect(toHex(bytes(0x00, 0x0a, 0xff, 0x41))).toBe('00 0A FF 41');
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...fromBase64(toBase64(all))]).toEqual([...all]);
  });

  it('plotter: lines of numbers become series; text lines and the unfinished last line are skipped', () => {
    expect(numbersOfLine('1, 2.5\t-3')).toEqual({ names: [null, null, null], values: [1, 2.5, -3] });
    expect(numbersOfLine('temp:21.5 light:40')).toEqual({ names: ['temp', 'light'], values: [21.5, 40] });
    expect(numbersOfLine('hello 3')).toBeNull();
    const plot = plotSeries('boot ok\r\ntemp:20 light:1\r\ntemp:21 light:2\r\ntemp:2');
    expect(plot.names).toEqual(['temp', 'light']);
    expect(plot.ys).toEqual([[20, 21], [1, 2]]);
    expect(plot.x).toEqual([0, 1]);
  });
});
