import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostChecker, originAllowed } from './security';

describe('which Host headers reach the server (DNS rebinding)', () => {
  it('on loopback: only 127.0.0.1, localhost and [::1] with our port', () => {
    const ok = hostChecker('127.0.0.1', 4000);
    expect(ok('127.0.0.1:4000')).toBe(true);
    expect(ok('localhost:4000')).toBe(true);
    expect(ok('LOCALHOST:4000')).toBe(true);
    expect(ok('[::1]:4000')).toBe(true);
    expect(ok('127.0.0.1:4001')).toBe(false);
    expect(ok('attacker.example:4000')).toBe(false);
    expect(ok('192.168.1.20:4000')).toBe(false);
    expect(ok('127.0.0.1')).toBe(false);
    expect(ok(undefined)).toBe(false);
    expect(ok('')).toBe(false);
  });

  it('a lab server also answers to its IP addresses, its computer name and configured names', () => {
    const ok = hostChecker('0.0.0.0', 8080, ['lab-server.school.local']);
    expect(ok('192.168.1.20:8080')).toBe(true);
    expect(ok(`${hostname()}:8080`)).toBe(true);
    expect(ok('lab-server.school.local:8080')).toBe(true);
    expect(ok('attacker.example:8080')).toBe(false);
  });
});

describe('which WebSocket origins may talk to the host', () => {
  it('the page this server served, or a non-browser client without Origin', () => {
    expect(originAllowed('http://127.0.0.1:4000', '127.0.0.1:4000')).toBe(true);
    expect(originAllowed(undefined, '127.0.0.1:4000')).toBe(true);
  });

  it('never another site, another port, https, or an opaque origin', () => {
    expect(originAllowed('http://attacker.example', '127.0.0.1:4000')).toBe(false);
    expect(originAllowed('http://127.0.0.1:4001', '127.0.0.1:4000')).toBe(false);
    expect(originAllowed('https://127.0.0.1:4000', '127.0.0.1:4000')).toBe(false);
    expect(originAllowed('null', '127.0.0.1:4000')).toBe(false);
    expect(originAllowed('http://localhost:4000', '127.0.0.1:4000')).toBe(false);
  });
});
