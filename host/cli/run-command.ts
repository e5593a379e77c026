/**
 * `ailab arenas` and `ailab run`: the simulator from the command line, with the same core code as the app's sim
 * worker (core/program's `fromBlockly`, core/sim's `runHeadless`). `ailab run` loads the project through the same
 * checks as the project service, so a bad file gives the same clear error as in the app.
 */
import { basename, resolve } from 'node:path';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { fromBlockly } from '../../core/program';
import { ARENAS, arenaById } from '../../core/sim/arenas';
import { runHeadless, type RunEvent, type RunSummary } from '../../core/sim/headless';
import { readProjectFile } from '../services/project-file';

export async function arenasCommand(json: boolean): Promise<void> {
  if (json) {
    console.log(JSON.stringify(ARENAS.map((a) => ({ id: a.id, name: a.name, kits: a.kits })), null, 2));
    return;
  }
  const width = Math.max(...ARENAS.map((a) => a.id.length));
  for (const a of ARENAS) console.log(`${a.id.padEnd(width)}  ${a.name['zh-CN']} / ${a.name.en}`);
}

export interface RunOptions {
  readonly file: string;
  /** Default: the project's `sim.arenaId`. */
  readonly arena?: string;
  /** Default: the project's `sim.seed`. */
  readonly seed?: number;
  /** Simulated seconds (device time). */
  readonly seconds: number;
  readonly json: boolean;
}

/** Runs the project and prints the summary; returns the exit code (throws `HostException` for a bad file). */
export async function runCommand(options: RunOptions, lang: Language): Promise<number> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);
  const fullPath = resolve(options.file);
  const project = await readProjectFile(fullPath, options.file);
  const arenaId = options.arena ?? project.sim.arenaId;
  const seed = options.seed ?? project.sim.seed;
  if (!arenaById(arenaId)) {
    console.error(t('cli.error', { message: t('cli.run.unknownArena', { arena: arenaId, known: ARENAS.map((a) => a.id).join(', ') }) }));
    return 1;
  }

  const { program, diagnostics } = fromBlockly(project.workspace, project.target);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of diagnostics.filter((d) => d.severity === 'warning')) console.error(`[Run] ${d.message[lang]}`);
  if (errors.length > 0) {
    const detail = errors.map((d) => d.message[lang]).join('; ');
    console.error(t('cli.error', { message: t('cli.run.convertFailed', { detail }) }));
    return 1;
  }

  let summary: RunSummary;
  try {
    // The project's datasets and models, so AI blocks (predict with a saved model) work as in the app.
    summary = await runHeadless({ program, arenaId, seed, seconds: options.seconds, kit: project.target, ai: { datasets: project.datasets, models: project.models } });
  } catch (err) {
    console.error(t('cli.error', { message: t('cli.run.failed', { detail: err instanceof Error ? err.message : String(err) }) }));
    return 1;
  }

  if (options.json) {
    console.log(JSON.stringify({ file: fullPath, ...summary }, null, 2));
  } else {
    printSummary(summary, basename(fullPath), lang);
  }
  // The run itself succeeded even if the student's program stopped on a runtime error (shown in the events).
  return 0;
}

function describeEvent(e: RunEvent, lang: Language): string {
  const at = `${(e.timeMs / 1000).toFixed(2)}s`;
  switch (e.type) {
    case 'log':
      return `${at}  [${e.agent}] ${e.text}`;
    case 'error':
      return `${at}  [${e.agent}] ${e.error.message[lang]}`;
    case 'stopped':
      return `${at}  [${e.agent}] ${translate(lang, 'host', 'cli.run.stoppedEvent', { reason: stopReasonText(e.reason, lang) })}`;
    case 'sim':
      return `${at}  ${e.message[lang]}`;
  }
}

function stopReasonText(reason: string, lang: Language): string {
  const key = `cli.run.reason.${reason}`;
  const text = translate(lang, 'host', key);
  return text === `host:${key}` ? reason : text;
}

/** Events shown in the human summary; the JSON output has all of them. */
const SHOWN_EVENTS = 40;

function printSummary(summary: RunSummary, file: string, lang: Language): void {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);
  console.log(t('cli.run.summaryTitle', { file }));
  console.log(`  ${t('cli.run.arenaLine', { arena: summary.arenaId, seed: summary.seed, seconds: summary.simSeconds })}`);
  console.log(`  ${t('cli.run.hashLine', { hash: summary.stateHash })}`);
  console.log(`  ${t('cli.run.stopLine', { reason: stopReasonText(summary.stopReason, lang) })}`);
  console.log(`  ${t('cli.run.posesTitle')}`);
  for (const r of summary.robots) console.log(`    ${r.id}: x=${r.x} m, z=${r.z} m, heading=${r.headingDeg}°`);
  for (const d of summary.drones) {
    console.log(`    ${d.id}: x=${d.x} m, y=${d.y} m, z=${d.z} m, heading=${d.headingDeg}°, flying=${d.flying}, battery=${d.batteryPercent}%`);
  }
  console.log(`  ${t('cli.run.eventsTitle', { count: summary.events.length })}`);
  for (const e of summary.events.slice(0, SHOWN_EVENTS)) console.log(`    ${describeEvent(e, lang)}`);
  if (summary.events.length > SHOWN_EVENTS) console.log(`    … (+${summary.events.length - SHOWN_EVENTS})`);
}
