// `npm start` decides between Electron and browser mode, and rebuilds only what is out of date. The decision runs
// against this machine's real node_modules/electron (installed without its binary, ENVIRONMENT.md) and fake ones.
import { mkdtempSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectElectron, isStale } from './start.mjs';

describe('npm start mode', () => {
  it('without a downloaded Electron binary (as on this machine) it falls back to browser mode and says why', () => {
    const here = detectElectron();
    expect(here.binary).toBeUndefined();
    expect(here.reason).toBe('node_modules/electron has no downloaded binary');
    expect(detectElectron(() => { throw new Error("Cannot find module 'electron'"); }).reason).toBe('electron package not installed');
    expect(detectElectron(() => '/nowhere/electron').reason).toContain('/nowhere/electron');
  });

  it('with an Electron binary present it starts the desktop app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ailab-start-'));
    const binary = join(dir, 'electron');
    writeFileSync(binary, '');
    expect(detectElectron(() => binary)).toEqual({ binary });
  });

  it('rebuilds when a source file is newer than the build, and not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ailab-stale-'));
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    const source = join(dir, 'src', 'deep', 'a.ts');
    const output = join(dir, 'out.js');
    writeFileSync(source, '');
    expect(isStale([output], [join(dir, 'src')])).toBe(true);
    writeFileSync(output, '');
    utimesSync(source, new Date(1_000_000), new Date(1_000_000));
    expect(isStale([output], [join(dir, 'src')])).toBe(false);
    utimesSync(source, new Date(), new Date(Date.now() + 60_000));
    expect(isStale([output], [join(dir, 'src')])).toBe(true);
  });
});
