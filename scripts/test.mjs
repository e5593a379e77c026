#!/usr/bin/env node
// `npm test`: lint (layer rules), type-check every layer, unit tests (vitest), then end-to-end tests (Playwright in
// Debian Chromium, after building the renderer). Ends with one line CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
let stepFailed = false;

function run(label, cmd, args, env = {}) {
  console.log(`\n[test] ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.log(`[test] ${label} failed (exit ${r.status})`);
    stepFailed = true;
  }
  return r.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  results.passed += report.numPassedTests ?? 0;
  results.failed += report.numFailedTests ?? 0;
  results.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails before any test runs (an import or beforeAll error) has no failed test of its own; count
  // each such file once. (numFailedTestSuites counts describe blocks too, so it cannot be added as it is.)
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'));
  results.failed += brokenFiles.length;
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  results.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  results.failed += stats.unexpected ?? 0;
  results.skipped += stats.skipped ?? 0;
  return true;
}

mkdirSync('test-results', { recursive: true });
const only = process.argv[2]; // optional: 'unit' or 'e2e'

if (!only) {
  run('lint', 'npx', ['eslint', '.']);
  run('typecheck', 'npx', ['tsc', '-b']);
}
if (!only || only === 'unit') {
  run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
  if (!countVitest('test-results/unit.json')) { results.failed += 1; console.log('[test] unit: no report'); }
}
if (!only || only === 'e2e') {
  if (run('build renderer', 'npx', ['vite', 'build', '--logLevel', 'warn'])) {
    run('e2e', 'npx', ['playwright', 'test']);
    if (!countPlaywright('test-results/e2e.json')) { results.failed += 1; console.log('[test] e2e: no report'); }
  } else {
    results.failed += 1;
  }
}

if (stepFailed && results.failed === 0) results.failed = 1; // lint/typecheck failures count as a failure
const skipped = results.skipped ? `, ${results.skipped} skipped` : '';
console.log(`\n${results.passed} passed, ${results.failed} failed${skipped}`);
process.exit(results.failed > 0 || stepFailed ? 1 : 0);
