// Layer rules from ARCHITECTURE.md, enforced here so a reviewer is never the only wall:
//   core → core · firmware-bridge → core · host → core, firmware-bridge · electron → host, core
//   renderer → core · curricula is data.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'dgram', 'http', 'https', 'worker_threads',
  'crypto', 'stream', 'events', 'url', 'util', 'zlib', 'tls', 'dns', 'readline', 'process', 'buffer',
];
const uiLibraries = ['react', 'react/*', 'react-dom', 'react-dom/*', 'three', 'three/*', 'blockly', 'blockly/*', '@blockly/*', 'i18next', 'react-i18next', 'uplot'];
const hardwareLibraries = ['serialport', '@serialport/*', 'johnny-five', 'firmata-io'];
const serverLibraries = ['ws', 'fastify', '@fastify/*', 'bonjour-service', 'sql.js', 'better-sqlite3'];

/** Relative paths that climb out to a top-level layer folder (`../host`, `../../host/x`, … up to 6 levels), so a
 *  file merely named like a layer (core/contracts/host.ts) is not mistaken for it. */
function layerPaths(layer) {
  return [1, 2, 3, 4, 5, 6].flatMap((depth) => {
    const up = '../'.repeat(depth);
    return [`${up}${layer}`, `${up}${layer}/**`];
  });
}

/** Forbids importing the given packages and the given project layers (by relative path). */
function layerRule(message, packages, layers) {
  return {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: packages, message },
        ...layers.map((layer) => ({ group: layerPaths(layer), message })),
      ],
    }],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'playwright-report/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: layerRule('core/ is pure TypeScript: no Node, DOM, Electron, UI, hardware or server libraries (ARCHITECTURE.md).',
      ['electron', ...nodeBuiltins, ...uiLibraries, ...hardwareLibraries, ...serverLibraries],
      ['firmware-bridge', 'host', 'electron', 'renderer']),
  },
  {
    files: ['firmware-bridge/**/*.ts'],
    rules: layerRule('firmware-bridge/ may import core/ only (ARCHITECTURE.md).',
      ['electron', ...uiLibraries, ...serverLibraries], ['host', 'electron', 'renderer']),
  },
  {
    files: ['host/**/*.ts'],
    rules: layerRule('host/ may import core/ and firmware-bridge/ only (ARCHITECTURE.md).',
      ['electron', ...uiLibraries], ['electron', 'renderer']),
  },
  {
    files: ['electron/**/*.ts'],
    rules: layerRule('electron/ may import host/ and core/ only (ARCHITECTURE.md).',
      [...uiLibraries], ['renderer', 'firmware-bridge']),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: layerRule('renderer/ may import core/ only and never touches Node (ARCHITECTURE.md).',
      ['electron', ...nodeBuiltins, ...hardwareLibraries, ...serverLibraries], ['firmware-bridge', 'host', 'electron']),
  },
);
