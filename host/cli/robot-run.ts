/**
 * `ailab run <project.ailab> --device ailab:<serial port>`: runs a robot project live on the AI-lab robot (our
 * firmware, firmware-bridge/firmware) over a serial port, with the same interpreter as the simulator.
 *
 * The connection's states (opening the port, handshake, connected) are printed as they happen; a port that is busy,
 * not permitted, missing, silent or running other firmware fails with its own zh-CN/en message and exit code 1.
 * Ctrl+C stops the program and the motors. Pulling the cable mid-run stops the program within a second with the
 * unplug message (exit 1); the robot's own watchdog stops its motors 0.5 s after the last host line.
 */
import { basename, resolve } from 'node:path';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { fromBlockly } from '../../core/program';
import type { RuntimeEvent } from '../../core/runtime';
import { robotDeviceSet } from '../../firmware-bridge/live/device-sets';
import { startLiveRun } from '../../firmware-bridge/live/live-run';
import { HuskyLensError, withCamera, type HuskyLensCamera } from '../../firmware-bridge/huskylens/driver';
import { connectHuskyLens } from '../../firmware-bridge/huskylens/serial-port';
import { RobotConnection } from '../../firmware-bridge/serial/robot-connection';
import { readProjectFile } from '../services/project-file';

export interface RobotRunOptions {
  readonly file: string;
  /** Serial port path as typed (`/dev/ttyACM0`, `COM3`, a pty). */
  readonly path: string;
  readonly seed?: number;
  readonly json: boolean;
  /** Serial port of an AI vision module (HuskyLens protocol) on the robot: the camera blocks read it. */
  readonly camera?: string;
}

export async function robotRunCommand(options: RobotRunOptions, lang: Language): Promise<number> {
  const s = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'serial', key, params);
  const b = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'bridge', key, params);
  const h = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);
  const fail = (message: string) => {
    console.error(h('cli.error', { message }));
    return 1;
  };

  const fullPath = resolve(options.file);
  const project = await readProjectFile(fullPath, options.file);
  if (project.target === 'sensorkit') {
    // The same `ailab:` cable, our firmware's sensor-kit mode (kit-run.ts).
    const { kitRunCommand } = await import('./kit-run');
    return kitRunCommand(options, project, fullPath, lang);
  }
  if (project.target !== 'robot') return fail(s('run.kitMismatch', { target: project.target }));
  const { program, diagnostics } = fromBlockly(project.workspace, project.target);
  for (const d of diagnostics.filter((d) => d.severity === 'warning')) console.error(`[Run] ${d.message[lang]}`);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return fail(h('cli.run.convertFailed', { detail: errors.map((d) => d.message[lang]).join('; ') }));

  const say = (line: string) => (options.json ? console.error(line) : console.log(line));
  // A CLI run ends when the link does, so it does not wait for the cable to come back.
  const connection = new RobotConnection({ path: options.path, language: lang, reconnect: false });
  connection.onDidChangeState((status) => {
    if (status.state === 'connecting' || status.state === 'handshake' || status.state === 'ready') say(status.message);
  });
  connection.start();
  let robot;
  try {
    robot = await connection.whenReady(15_000);
  } catch (err) {
    await connection.close();
    return fail(err instanceof Error ? err.message : String(err));
  }
  // The AI camera on the robot, if one was named (firmware-bridge/huskylens): the camera blocks read it.
  let camera: HuskyLensCamera | null = null;
  if (options.camera) {
    try {
      camera = await connectHuskyLens(options.camera);
    } catch (err) {
      await connection.close();
      const message = err instanceof HuskyLensError ? err.localized[lang] : translate(lang, 'camera', 'cli.openFailed', { port: options.camera, detail: err instanceof Error ? err.message : String(err) });
      return fail(message);
    }
    say(translate(lang, 'camera', 'cli.cameraConnected', { port: options.camera }));
  }
  say(s('run.started', { file: basename(fullPath) }));

  const printEvent = (e: RuntimeEvent) => {
    if (e.type !== 'log' && e.type !== 'error') return;
    const text = e.type === 'log' ? e.text : e.error.message[lang];
    say(b('live.event', { time: (e.timeMs / 1000).toFixed(2), text }));
  };
  const run = startLiveRun({ program, devices: robotDeviceSet(camera ? withCamera(robot, camera) : robot), seed: options.seed ?? project.sim.seed, onEvent: printEvent, linkCheck: () => connection.linkLost(), ai: { datasets: project.datasets, models: project.models } });
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
    if (!lost) await robot.whenIdle(1000); // let the final stop reach the board
    robot.sample();
    const r = robot.readings();
    if (options.json) {
      console.log(JSON.stringify({ file: fullPath, device: `ailab:${options.path}`, ...summary, robot: { ...r }, firmware: robot.banner, link: robot.stats }, null, 2));
    } else {
      console.log(b('live.summaryTitle', { file: basename(fullPath) }));
      console.log(`  ${b('live.summaryLine', { seconds: summary.seconds, ticks: summary.ticks, reason: summary.stopReason })}`);
      console.log(`  ${b('live.tickLine', { meanLateMs: summary.meanLateMs, maxLateMs: summary.maxLateMs })}`);
      console.log(`  ${s('run.robotLine', { distance: r.distanceCm, light: r.lightPercent, heading: r.headingDeg, trips: robot.stats.watchdogTrips })}`);
    }
    return lost ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await camera?.close();
    await connection.close();
  }
}
