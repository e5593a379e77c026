/**
 * `ailab run <project.ailab> --device <driver>:<address>`: runs a project live on a real kit through
 * firmware-bridge, with the same interpreter as the simulator (firmware-bridge/live).
 *
 * Devices: `tello:udp:<ip>[:<port>]` (IPv6 in brackets: `tello:udp:[::1]:8889`); `firmata:<serial port>` with
 * `--profile` (firmata-run.ts). `ailab:<serial port>` (robot-run.ts). `tello:<serial path>` (`tello:/dev/ttyUSB1`,
 * `tello:COM5`): a Tello through a serial radio dongle (firmware-bridge/tello/DONGLE.md). Ctrl+C stops the program and lands
 * the drone; a second Ctrl+C sends `emergency` (motors off). The run goes on until the program ends or is stopped
 * (`--seconds` is for simulations and is not applied here).
 */
import { basename, resolve } from 'node:path';
import { isIP } from 'node:net';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { fromBlockly } from '../../core/program';
import type { RuntimeEvent } from '../../core/runtime';
import { droneDeviceSet } from '../../firmware-bridge/live/device-sets';
import { startLiveRun } from '../../firmware-bridge/live/live-run';
import { TELLO_COMMAND_PORT } from '../../firmware-bridge/tello/protocol';
import { TelloDrone, TelloError } from '../../firmware-bridge/tello/tello-drone';
import { openUdpTelloTransport, type UdpTelloTransport } from '../../firmware-bridge/tello/transport';
import { DongleError, openSerialTelloTransport, type SerialTelloTransport } from '../../firmware-bridge/tello/serial-transport';
import { SerialError } from '../../firmware-bridge/serial/serial-transport';
import { readProjectFile } from '../services/project-file';

export type DeviceSpec =
  | { readonly driver: 'tello-udp'; readonly host: string; readonly port: number }
  /** A Tello through a serial radio dongle. */
  | { readonly driver: 'tello-serial'; readonly path: string }
  /** The AI-lab robot firmware on a serial port (robot-run.ts). */
  | { readonly driver: 'ailab'; readonly path: string }
  | { readonly driver: 'firmata'; readonly path: string }
  /** A driver this version recognises but does not have yet. */
  | { readonly driver: 'unavailable'; readonly name: string };

/** Parses `--device`; null when it is not written right. `reason` 'notAnIp' when a Tello host is not an IP. */
export function parseDeviceSpec(spec: string): DeviceSpec | { readonly error: 'badSpec' | 'notAnIp'; readonly host?: string } {
  const colon = spec.indexOf(':');
  if (colon <= 0 || colon === spec.length - 1) return { error: 'badSpec' };
  const driver = spec.slice(0, colon).toLowerCase();
  const rest = spec.slice(colon + 1);
  if (driver === 'firmata') return { driver: 'firmata', path: rest };
  if (driver === 'ailab') return { driver: 'ailab', path: rest };
  if (driver !== 'tello') return { error: 'badSpec' };
  if (!rest.startsWith('udp:')) return { driver: 'tello-serial', path: rest };
  const address = rest.slice(4);
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(address) ?? /^([^:]+)(?::(\d+))?$/.exec(address);
  if (!m) return { error: 'badSpec' };
  const host = m[1]!;
  const port = m[2] === undefined ? TELLO_COMMAND_PORT : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: 'badSpec' };
  if (isIP(host) === 0) return { error: 'notAnIp', host };
  return { driver: 'tello-udp', host, port };
}

export interface DeviceRunOptions {
  readonly file: string;
  readonly device: string;
  readonly seed?: number;
  readonly json: boolean;
  /** Local UDP port for the drone's state stream (default 8890, where a Tello sends it). */
  readonly statePort?: number;
  /** Wiring profile of a Firmata board (`--profile`). */
  readonly profile?: string;
  /** Serial port of an AI vision module (HuskyLens protocol) on the AI-lab robot (`--camera`). */
  readonly camera?: string;
}

/**
 * Runs the project live; returns the exit code: 0 when the run happened (even if the program hit a runtime error),
 * 1 when the drone could not be reached or the link was lost mid-run.
 */
export async function deviceRunCommand(options: DeviceRunOptions, lang: Language): Promise<number> {
  const b = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'bridge', key, params);
  const h = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);
  const fail = (message: string) => {
    console.error(h('cli.error', { message }));
    return 1;
  };

  const spec = parseDeviceSpec(options.device);
  if ('error' in spec) return fail(spec.error === 'notAnIp' ? b('device.notAnIp', { host: spec.host ?? '' }) : b('device.badSpec', { spec: options.device }));
  if (spec.driver === 'unavailable') return fail(b('device.notAvailable', { driver: spec.name }));
  if (spec.driver === 'ailab') {
    const { robotRunCommand } = await import('./robot-run');
    return robotRunCommand({ file: options.file, path: spec.path, seed: options.seed, json: options.json, camera: options.camera }, lang);
  }
  if (options.camera) return fail(translate(lang, 'camera', 'cli.cameraOnlyRobot'));
  if (spec.driver === 'firmata') {
    const { firmataRunCommand } = await import('./firmata-run');
    return firmataRunCommand({ file: options.file, path: spec.path, profileId: options.profile, seed: options.seed, json: options.json }, lang);
  }

  const fullPath = resolve(options.file);
  const project = await readProjectFile(fullPath, options.file);
  if (project.target !== 'drone') return fail(b('device.kitMismatch', { target: project.target }));
  const { program, diagnostics } = fromBlockly(project.workspace, project.target);
  for (const d of diagnostics.filter((d) => d.severity === 'warning')) console.error(`[Run] ${d.message[lang]}`);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return fail(h('cli.run.convertFailed', { detail: errors.map((d) => d.message[lang]).join('; ') }));

  const say = (line: string) => (options.json ? console.error(line) : console.log(line));
  say(b('live.connecting', { address: spec.driver === 'tello-serial' ? spec.path : `${spec.host}:${spec.port}` }));
  let transport: UdpTelloTransport | SerialTelloTransport;
  try {
    transport =
      spec.driver === 'tello-serial'
        ? await openSerialTelloTransport(spec.path, { language: lang })
        : await openUdpTelloTransport({ host: spec.host, port: spec.port, statePort: options.statePort });
  } catch (err) {
    // Port busy/missing/permission, no dongle, no drone: these messages already say what to do.
    if (err instanceof SerialError || err instanceof DongleError) return fail(err.message);
    return fail(b('tello.socketFailed', { detail: err instanceof Error ? err.message : String(err) }));
  }
  let drone: TelloDrone;
  try {
    drone = await TelloDrone.connect(transport, { language: lang });
  } catch (err) {
    await transport.close();
    return fail(err instanceof TelloError ? err.message : String(err));
  }

  const battery = await drone.query('battery').catch(() => drone.latestState?.bat ?? NaN);
  // The drone streams its state ~10 times a second; without it, height and battery readings stay where they are.
  const deadline = Date.now() + 1500;
  while (!drone.latestState && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!drone.latestState) say('statePort' in transport ? b('live.noState', { port: transport.statePort }) : b('live.noStateDongle', { path: transport.address.replace(/^serial:/, '') }));
  say(b('live.connected', { battery: Number.isFinite(battery) ? battery : '?', file: basename(fullPath) }));

  const printEvent = (e: RuntimeEvent) => {
    if (e.type !== 'log' && e.type !== 'error') return;
    const text = e.type === 'log' ? e.text : e.error.message[lang];
    say(b('live.event', { time: (e.timeMs / 1000).toFixed(2), text }));
  };
  const run = startLiveRun({ program, devices: droneDeviceSet(drone), seed: options.seed ?? project.sim.seed, onEvent: printEvent, linkCheck: () => ('linkLost' in transport ? transport.linkLost() : null) ?? drone.linkLost(), ai: { datasets: project.datasets, models: project.models } });

  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      say(b('live.stopping'));
      say(b('live.emergencyHint'));
      run.stop('user');
    } else {
      drone.emergency();
      say(b('live.emergency'));
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await run.done;
    if (summary.disconnect) console.error(h('cli.error', { message: summary.disconnect }));
    // Stop and the end of the program send `land`; wait for its ok before closing the link.
    const lost = summary.stopReason === 'disconnected';
    if (!lost && !(await drone.whenIdle(0))) say(b('live.landWait'));
    await drone.whenIdle(lost ? 1000 : 25_000);
    drone.sample();
    const r = drone.readings();
    if (options.json) {
      console.log(JSON.stringify({ file: fullPath, device: options.device, ...summary, drone: { ...r }, link: drone.stats }, null, 2));
    } else {
      console.log(b('live.summaryTitle', { file: basename(fullPath) }));
      console.log(`  ${b('live.summaryLine', { seconds: summary.seconds, ticks: summary.ticks, reason: summary.stopReason })}`);
      console.log(`  ${b('live.tickLine', { meanLateMs: summary.meanLateMs, maxLateMs: summary.maxLateMs })}`);
      console.log(`  ${b('live.droneLine', { height: r.heightCm, battery: r.batteryPercent, flying: b(r.flying ? 'live.flying' : 'live.landed') })}`);
    }
    // A lost link is a failure of the set-up, not of the program.
    return lost ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await drone.close();
  }
}
