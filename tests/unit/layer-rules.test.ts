// The layer rules of ARCHITECTURE.md are enforced by ESLint (eslint.config.js); these tests prove the rules bite:
// each snippet is linted as if it lived in that layer, through the real ESLint with the project's config.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules fail lint when a layer is crossed', () => {
  const crossings: [string, string][] = [
    ['core/program/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['core/sim/probe.ts', "import * as THREE from 'three';"],
    ['core/runtime/probe.ts', "import { app } from 'electron';"],
    ['core/runtime/probe.ts', "import { SerialPort } from 'serialport';"],
    ['core/runtime/probe.ts', "import { x } from '../../host/server/server';"],
    ['renderer/src/probe.ts', "import { x } from '../../host/services/projects';"],
    ['renderer/src/probe.ts', "import { spawn } from 'node:child_process';"],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';"],
    ['host/server/probe.ts', "import { app } from 'electron';"],
    ['host/server/probe.ts', "import React from 'react';"],
    ['electron/main/probe.ts', "import { x } from '../../renderer/src/App';"],
    ['firmware-bridge/probe.ts', "import { x } from '../host/cli/main';"],
  ];
  for (const [file, code] of crossings) {
    it(`${file}: ${code}`, async () => {
      expect((await restrictedImports(file, `${code}\nexport const used = 1;\n`)).length).toBeGreaterThan(0);
    });
  }

  it('allows the imports the architecture permits', async () => {
    const allowed: [string, string][] = [
      ['core/sim/probe.ts', "import type { Program } from '../program/ir';"],
      ['renderer/src/probe.ts', "import type { Program } from '../../core/program/ir';"],
      ['renderer/src/probe.ts', "import { HOST_METHODS } from '../../core/contracts/host';"],
      ['host/server/probe.ts', "import { readFileSync } from 'node:fs';"],
      ['electron/main/probe.ts', "import { x } from '../../host/server/server';"],
      ['core/sim/probe.test.ts', "import { spawnSync } from 'node:child_process';"],
    ];
    for (const [file, code] of allowed) expect(await restrictedImports(file, code), file).toEqual([]);
  });
});
