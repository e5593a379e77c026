import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from './find-browser';

const root = mkdtempSync(join(tmpdir(), 'ailab-browser-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeExecutable(path: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
}

describe('finding a browser for the app window', () => {
  it('finds Chrome on PATH before looking in install folders', () => {
    const bin = join(root, 'bin');
    fakeExecutable(join(bin, 'google-chrome'));
    expect(findBrowser({ PATH: bin }, 'linux')).toMatchObject({ name: 'Google Chrome', path: join(bin, 'google-chrome') });
  });

  it('finds Edge in the Windows install folder', () => {
    const programFiles = join(root, 'Program Files (x86)');
    fakeExecutable(join(programFiles, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
    const found = findBrowser({ PATH: join(root, 'empty'), 'ProgramFiles(x86)': programFiles }, 'win32');
    expect(found).toMatchObject({ name: 'Microsoft Edge' });
  });

  it('finds Chrome in the macOS user Applications folder', () => {
    const home = join(root, 'home');
    fakeExecutable(join(home, 'Applications', 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'));
    expect(findBrowser({ PATH: '', HOME: home }, 'darwin')).toMatchObject({ name: 'Google Chrome' });
  });

  it('returns null when there is none, so the URL is printed instead', () => {
    expect(findBrowser({ PATH: join(root, 'empty'), HOME: join(root, 'nobody') }, 'darwin')).toBeNull();
  });
});
