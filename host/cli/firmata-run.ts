/**
 * `ailab run <project.ailab> --device firmata:<port> [--profile <id>]`: runs a robot-car or sensor-kit project live on
 * a Firmata board (StandardFirmata) through firmware-bridge/firmata, with the same interpreter as the simulator.
 * The wiring profile defaults to the Uno one for the project's kit. Ctrl+C stops the program (motors 0, buzzer off).
 * Exit codes as `ailab run --device tello:…`: 0 when the run happened, 1 when the board could not be reached or was
 * lost, 2 for bad usage.
 */
import { basename, resolve } from 'node:path';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { fromBlockly } from '../../core/program';
import type { RuntimeEvent } from '../../core/runtime';
import { FirmataError } from '../../firmware-bridge/firmata/firmata-board';
import { findProfile } from '../../firmware-bridge/firmata/profiles';
import { connectSerialFirmata } from '../../firmware-bridge/firmata/serial-firmata';
import { startLiveRun } from '../../firmware-bridge/live/live-run';
import { readProjectFile } from '../services/project-file';

/** The profile used when `--profile` is not given, by project kit. */
export const DEFAULT_PROFILES = { robot: 'uno-car-l298n', sensorkit: 'uno-sensor-kit' } as const;

export interface FirmataRunOptions {
  readonly file: string;
  /** Serial port path, e.g. /dev/ttyUSB0 or COM3. */
  readonly path: string;
  readonly profileId?: string;
  readonly seed?: number;
  readonly json: boolean;
}

export async function firmataRunCommand(options: FirmataRunOptions, lang: Language): Promise<number> {
  const d = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'devices', key, params);
  const b = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'bridge', key, params);
  const h = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);
  const fail = (message: string) => {
    console.error(h('cli.error', { message }));
    return 1;
  };

  const fullPath = resolve(options.file);
  const project = await readProjectFile(fullPath, options.file);
  if (project.target === 'drone') return fail(d('cli.kitMismatch', { target: project.target }));
  const profileId = options.profileId ?? DEFAULT_PROFILES[project.target];
  const profile = findProfile(profileId);
  if (!profile) return fail(d('firmata.unknownProfile', { id: profileId }));
  if (profile.kit !== project.target) return fail(d('cli.profileMismatch', { profile: profileId, kit: profile.kit, target: project.target }));
  const { program, diagnostics } = fromBlockly(project.workspace, project.target);
  for (const x of diagnostics.filter((x) => x.severity === 'warning')) console.error(`[Run] ${x.message[lang]}`);
  const errors = diagnostics.filter((x) => x.severity === 'error');
  if (errors.length > 0) return fail(h('cli.run.convertFailed', { detail: errors.map((x) => x.message[lang]).join('; ') }));

  const say = (line: string) => (options.json ? console.error(line) : console.log(line));
  say(d('cli.connecting', { path: options.path, profile: profileId }));
  let connection: Awaited<ReturnType<typeof connectSerialFirmata>>;
  try {
    connection = await connectSerialFirmata({ path: options.path, profileId, language: lang });
  } catch (err) {
    return fail(err instanceof FirmataError ? err.message : String(err));
  }
  const { link, devices, robot, kit } = connection;
  say(d('cli.connected', { firmware: link.firmware, ms: link.connectMs, file: basename(fullPath) }));

  const printEvent = (e: RuntimeEvent) => {
    if (e.type !== 'log' && e.type !== 'error') return;
    const text = e.type === 'log' ? e.text : e.error.message[lang];
    say(b('live.event', { time: (e.timeMs / 1000).toFixed(2), text }));
  };
  const run = startLiveRun({ program, devices, seed: options.seed ?? project.sim.seed, onEvent: printEvent, linkCheck: () => link.linkLost(), ai: { datasets: project.datasets, models: project.models } });
  const onSignal = () => {
    say(d('cli.stopping'));
    run.stop('user');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await run.done;
    if (summary.disconnect) console.error(h('cli.error', { message: summary.disconnect }));
    devices.sample();
    const readings = { ...(robot ?? kit)!.readings() };
    if (options.json) {
      console.log(JSON.stringify({ file: fullPath, device: `firmata:${options.path}`, profile: profileId, firmware: link.firmware, connectMs: link.connectMs, ...summary, readings }, null, 2));
    } else {
      console.log(b('live.summaryTitle', { file: basename(fullPath) }));
      console.log(`  ${b('live.summaryLine', { seconds: summary.seconds, ticks: summary.ticks, reason: summary.stopReason })}`);
      console.log(`  ${b('live.tickLine', { meanLateMs: summary.meanLateMs, maxLateMs: summary.maxLateMs })}`);
      console.log(`  ${d('cli.readings', { values: JSON.stringify(readings) })}`);
    }
    return summary.stopReason === 'disconnected' ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await link.close();
    // Some johnny-five components keep timers we cannot reach (a held button's hold timer); they would keep the
    // command alive after the board is closed, so it ends here once the exit code is set (unref: never earlier).
    setTimeout(() => process.exit(), 500).unref();
  }
}
