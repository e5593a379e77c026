// electron-builder.yml for lab installs. Part 1 reads the YAML. Part 2 really runs `electron-builder --dir` on a
// temporary copy of the project (real bundles from scripts/build-electron.mjs, this config, our node_modules). The
// Electron binary cannot be downloaded here (ENVIRONMENT.md), so `electronDist` is a stub folder whose "binary" is a
// small file holding Electron's fuse sentinel and wire: enough for electron-builder to copy, pack app.asar and flip
// the fuses, which is what this test checks. Installers (NSIS, AppImage, deb, dmg) cannot be built here.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): any };
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('packs the app into an asar without rebuilding native modules or publishing anywhere', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9]+)+$/);
    expect(config.productName).toBe('AI Lab Studio');
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**/*', 'dist-electron/*.cjs', 'package.json']));
  });

  it('double-clicking a .ailab file opens AI Lab Studio', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'ailab', mimeType: 'application/x-ailab+json', name: expect.any(String), description: expect.any(String) })]);
    expect(config.linux.mimeTypes).toContain('application/x-ailab+json');
  });

  it('Windows labs get a per-machine installer that can install silently, and a portable build', () => {
    const targets = config.win.target.map((t: { target: string }) => t.target);
    expect(targets).toEqual(['nsis', 'portable']);
    expect(config.nsis.perMachine).toBe(true);
    expect(config.nsis.oneClick).toBe(false);
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).toMatch(/\/S\b/);
  });

  it('Linux gets AppImage and deb, macOS a dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('the fuses lock the binary: no run-as-node, NODE_OPTIONS or inspector; app only from an integrity-checked asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('electron-builder --dir (stub Electron binary)', () => {
  it('the packaged app holds only our bundles, loads from asar, and its fuses are flipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ailab-pack-'));
    // Stub electronDist: the fuse sentinel, wire version 1, 8 fuses in Electron's default states.
    const dist = join(dir, 'electron-dist');
    mkdirSync(join(dist, 'resources'), { recursive: true });
    writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from('stub electron\n'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')]));
    chmodSync(join(dist, 'electron'), 0o755);
    writeFileSync(join(dist, 'LICENSE'), '');
    writeFileSync(join(dist, 'version'), '41.7.1');

    const project = join(dir, 'project');
    mkdirSync(join(project, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(project, 'dist', 'renderer', 'index.html'), '<!doctype html><title>AI Lab Studio</title>');
    copyFileSync(join(ROOT, 'package.json'), join(project, 'package.json'));
    copyFileSync(join(ROOT, 'electron-builder.yml'), join(project, 'electron-builder.yml'));
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
    // The firmware build folder as `npm run dist` leaves it: the .hex files ship (to flash a board), nothing else.
    mkdirSync(join(project, 'firmware-bridge', 'firmware', 'build'), { recursive: true });
    writeFileSync(join(project, 'firmware-bridge', 'firmware', 'build', 'ailab-robot.hex'), ':00000001FF\n');
    writeFileSync(join(project, 'firmware-bridge', 'firmware', 'build', 'ailab-robot.elf'), 'not shipped');
    const { buildElectron } = await import('../scripts/build-electron.mjs');
    await buildElectron({ outDir: join(project, 'dist-electron') });

    await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'electron-builder'), ['--dir', '--linux', '--projectDir', project, `-c.electronDist=${dist}`, `-c.directories.output=${join(dir, 'release')}`], { cwd: project });

    const unpacked = join(dir, 'release', 'linux-unpacked');
    expect(readdirSync(join(unpacked, 'resources', 'firmware'))).toEqual(['ailab-robot.hex']);
    const asarFile = join(unpacked, 'resources', 'app.asar');
    const asar = require('@electron/asar') as { listPackage(f: string): string[]; extractFile(f: string, p: string): Buffer; extractAll(f: string, dest: string): void };
    const files = asar.listPackage(asarFile).map((f) => f.replace(/\\/g, '/'));
    expect(files).toEqual(expect.arrayContaining(['/dist-electron/main.cjs', '/dist-electron/preload.cjs', '/dist/renderer/index.html', '/package.json']));
    // node_modules holds only what main loads from a package folder at run time (electron-builder.yml says why);
    // everything else is inside the bundles.
    const packageOf = (f: string) => f.match(/^\/node_modules\/((?:@[^/]+\/)?[^/@]+)/)?.[1];
    const shippedPackages = new Set(files.map(packageOf).filter((p) => p !== undefined));
    expect([...shippedPackages].sort()).toEqual([
      ...['@serialport/bindings-cpp', '@serialport/bindings-interface', '@serialport/parser-delimiter', '@serialport/parser-readline'],
      ...['ansi-styles', 'avrgirl-arduino', 'chalk', 'color-convert', 'color-name', 'debug', 'escape-string-regexp', 'firmata-io', 'has-flag'],
      ...['johnny-five', 'lodash.clonedeep', 'lodash.debounce', 'ms', 'nanotimer', 'node-gyp-build', 'sql.js', 'supports-color', 'temporal'],
    ]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(JSON.parse(asar.extractFile(asarFile, 'package.json').toString()).main).toBe('dist-electron/main.cjs');

    // Main may require Electron, Node's built-ins and the shipped serial binding, nothing else. Two exceptions that
    // are not real dependencies: ws tries `bufferutil` and `utf-8-validate` inside try/catch and runs without them,
    // and ajv carries `require("ajv/…")` as text in its code-generation templates, which main never evaluates.
    const mainText = asar.extractFile(asarFile, 'dist-electron/main.cjs').toString();
    const required = [...new Set([...mainText.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))];
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const notShipped = required.filter((m) => m !== 'electron' && !builtins.has(m) && m !== '@serialport/bindings-cpp');
    expect(notShipped.filter((m) => !['bufferutil', 'utf-8-validate'].includes(m) && !/^ajv(-formats)?\/dist\//.test(m))).toEqual([]);
    expect(required).toContain('@serialport/bindings-cpp');

    // The packaged serial binding really loads: its .node binaries sit outside the asar (Electron cannot dlopen
    // from inside one), and a Node process given the extracted app lists serial ports through it.
    const unpackedNode = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', '@serialport', 'bindings-cpp', 'prebuilds', 'linux-x64');
    expect(readdirSync(unpackedNode).filter((f) => f.endsWith('.node')).length).toBeGreaterThan(0);
    const extracted = join(dir, 'extracted');
    asar.extractAll(asarFile, extracted);
    const probe = `require(${JSON.stringify(join(extracted, 'node_modules', '@serialport', 'bindings-cpp'))}).autoDetect().list().then((p) => console.log(JSON.stringify({ ok: Array.isArray(p) })))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', probe], { cwd: extracted });
    expect(JSON.parse(stdout)).toEqual({ ok: true });

    // The packaged main starts (every module it requires at load is there) and finds the packages and files it
    // looks up at run time. `electron` is an inert stand-in: every property is a function returning another one.
    const startProbe = `
      const Module = require('node:module');
      const inert = () => new Proxy(function () {}, { get: (_t, k) => (k === 'then' ? () => {} : k === Symbol.toPrimitive ? () => 'inert' : inert()), apply: () => inert(), construct: () => inert() });
      const load = Module._load;
      Module._load = function (request, ...rest) { return request === 'electron' ? inert() : load.call(this, request, ...rest); };
      const main = ${JSON.stringify(join(extracted, 'dist-electron', 'main.cjs'))};
      require(main);
      const fromMain = Module.createRequire(main);
      fromMain('johnny-five'); fromMain('firmata-io');
      const found = ['sql.js/dist/sql-wasm.wasm', 'avrgirl-arduino/junk/hex/uno/StandardFirmata.cpp.hex'].map((f) => require('node:fs').existsSync(fromMain.resolve(f)));
      console.log(JSON.stringify({ started: true, found }));
      process.exit(0);`;
    const started = await promisify(execFile)(process.execPath, ['-e', startProbe], { cwd: extracted, env: { ...process.env, AILAB_HOME: join(dir, 'home') } });
    expect(JSON.parse(started.stdout.trim().split('\n').at(-1)!)).toEqual({ started: true, found: [true, true] });

    const fuses = require('@electron/fuses') as { getCurrentFuseWire(p: string): Promise<Record<string, number | string>>; FuseV1Options: Record<number, string> };
    const wire = await fuses.getCurrentFuseWire(join(unpacked, 'ailab-studio'));
    const states = Object.fromEntries(Object.entries(wire).filter(([k]) => k !== 'version').map(([k, v]) => [fuses.FuseV1Options[Number(k)], String.fromCharCode(Number(v))]));
    expect(states).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
    });
  }, 120_000);
});
