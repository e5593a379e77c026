/**
 * `ailab run <sensor-kit project> --device ailab:<serial port>`: runs a sensor-kit project live on the AI-lab sensor
 * kit (our firmware's sensor-kit mode, firmware-bridge/firmware/ailab-kit), as robot-run.ts does for the robot. The
 * connection takes only a kit: a robot on the port is refused with `kitline` `error.isRobot` (exit 1). Ctrl+C stops
 * the program (buzzer off); a pulled cable stops it within a second with the unplug message (exit 1), and the kit's
 * watchdog turns its LED off 0.5 s after the last host line.
 */
import { basename } from 'node:path';
import type { Project } from '../../core/contracts/project';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { fromBlockly } from '../../core/program';
import type { RuntimeEvent } from '../../core/runtime';
import { KitSession } from '../../firmware-bridge/line/kit-session';
import { startLiveRun } from '../../firmware-bridge/live/live-run';
import { kitDeviceSet } from '../../firmware-bridge/serial/connection-kit';
import { RobotConnection } from '../../firmware-bridge/serial/robot-connection';

export interface KitRunOptions {
  readonly path: string;
  readonly seed?: number;
  readonly json: boolean;
  readonly camera?: string;
}

export async function kitRunCommand(options: KitRunOptions, project: Project, fullPath: string, lang: Language): Promise<number> {
  const s = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'serial', key, params);
  const b = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'bridge', key, params);
  const h = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);
  const fail = (message: string) => {
    console.error(h('cli.error', { message }));
    return 1;
  };
  // An AI camera belongs on a robot; on a kit it would be read by no block.
  if (options.camera) return fail(translate(lang, 'kitline', 'error.isKit', { path: options.path }));
  const { program, diagnostics } = fromBlockly(project.workspace, project.target);
  for (const d of diagnostics.filter((d) => d.severity === 'warning')) console.error(`[Run] ${d.message[lang]}`);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return fail(h('cli.run.convertFailed', { detail: errors.map((d) => d.message[lang]).join('; ') }));

  const say = (line: string) => (options.json ? console.error(line) : console.log(line));
  const connection = new RobotConnection({ path: options.path, language: lang, reconnect: false, kinds: ['sensorkit'] });
  connection.onDidChangeState((status) => {
    if (status.state === 'connecting' || status.state === 'handshake' || status.state === 'ready') say(status.message);
  });
  connection.start();
  let kit: KitSession;
  try {
    const device = await connection.whenDeviceReady(15_000);
    if (!(device instanceof KitSession)) throw new Error(translate(lang, 'kitline', 'error.isRobot', { path: options.path }));
    kit = device;
  } catch (err) {
    await connection.close();
    return fail(err instanceof Error ? err.message : String(err));
  }
  say(s('run.started', { file: basename(fullPath) }));

  const printEvent = (e: RuntimeEvent) => {
    if (e.type !== 'log' && e.type !== 'error') return;
    const text = e.type === 'log' ? e.text : e.error.message[lang];
    say(b('live.event', { time: (e.timeMs / 1000).toFixed(2), text }));
  };
  const run = startLiveRun({ program, devices: kitDeviceSet(kit), seed: options.seed ?? project.sim.seed, onEvent: printEvent, linkCheck: () => connection.linkLost(), ai: { datasets: project.datasets, models: project.models } });
  const onSignal = () => {
    say(s('run.stopping'));
    run.stop('user');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await run.done;
    if (summary.disconnect) console.error(h('cli.error', { message: summary.disconnect }));
    const lost = summary.stopReason === 'disconnected';
    if (!lost) await kit.whenIdle(1000); // let the final S reach the board
    kit.sample();
    const r = kit.readings();
    if (options.json) {
      console.log(JSON.stringify({ file: fullPath, device: `ailab:${options.path}`, ...summary, kit: { ...r }, firmware: kit.banner, link: kit.stats }, null, 2));
    } else {
      console.log(b('live.summaryTitle', { file: basename(fullPath) }));
      console.log(`  ${b('live.summaryLine', { seconds: summary.seconds, ticks: summary.ticks, reason: summary.stopReason })}`);
      console.log(`  ${b('live.tickLine', { meanLateMs: summary.meanLateMs, maxLateMs: summary.maxLateMs })}`);
      const line = { temperature: r.temperatureC, humidity: r.humidityPercent, light: r.lightPercent, sound: r.soundPercent, knob: r.knobPercent, trips: kit.stats.watchdogTrips };
      console.log(`  ${translate(lang, 'kitline', 'run.kitLine', line)}`);
    }
    return lost ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await connection.close();
  }
}
