/**
 * Lesson checking speed: what a child waits for after "Check my work", and what `ailab check curricula` costs CI.
 *   lessons.check_ms      median wall time of one lesson check (load → IR → headless run with trace → every check),
 *                         over every lesson's reference solution in curricula/ (goal: well under 1 s each)
 *   lessons.curricula_s   one full `ailab check` pass over curricula/ (every solution and starter, all units)
 *
 *   node --import tsx bench/lessons.bench.ts
 */
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runLessonChecks } from '../core/lessons/run-lesson';
import { initPhysics } from '../core/sim/world';
import { checkUnitTree, findUnitDirs, loadUnitDir } from '../host/services/lessons-check';
import { readProjectFile } from '../host/services/project-file';

await initPhysics();
const dirs = await findUnitDirs('curricula');
const jobs: { name: string; run: () => Promise<unknown> }[] = [];
for (const dir of dirs) {
  const { unit } = await loadUnitDir(dir);
  if (!unit) continue;
  for (const lesson of unit.lessons) {
    const project = await readProjectFile(join(dir, lesson.solution));
    jobs.push({ name: `${unit.id}/${lesson.id}`, run: () => runLessonChecks(project, lesson) });
  }
}
// Warm-up: V8 and the physics WASM tier up over the first runs.
for (const job of jobs.slice(0, 5)) await job.run();
const times: number[] = [];
let slowest = { name: '', ms: 0 };
for (const job of jobs) {
  const t0 = performance.now();
  await job.run();
  const ms = performance.now() - t0;
  times.push(ms);
  if (ms > slowest.ms) slowest = { name: job.name, ms };
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
console.log(`[bench] ${jobs.length} lesson checks from ${dirs.length} units: median ${median.toFixed(0)} ms, slowest ${slowest.name} ${slowest.ms.toFixed(0)} ms`);
console.log(`BENCH ${JSON.stringify({ name: 'lessons.check_ms', value: Math.round(median), unit: 'ms' })}`);

const t0 = performance.now();
const tree = await checkUnitTree('curricula');
const seconds = (performance.now() - t0) / 1000;
console.log(`[bench] ailab check curricula: ${tree.units.length} units, ${tree.ok ? 'all good' : 'PROBLEMS'}, ${seconds.toFixed(1)} s; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
console.log(`BENCH ${JSON.stringify({ name: 'lessons.curricula_s', value: Math.round(seconds * 10) / 10, unit: 's' })}`);
