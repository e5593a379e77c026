/**
 * Live mode in the host: one connected kit at a time, a program run on it with the real interpreter
 * (firmware-bridge/live `startLiveRun`, ticks paced by wall time next to the driver), and what the device panel
 * watches pushed as host events:
 *  - `device.statusChanged` on every change of connection or run state (and when the link is lost);
 *  - `device.readings` at `READINGS_HZ` while connected;
 *  - `live.event` for runtime events: highlights only when they change, logs at most `MAX_LOGS_PER_S` a second (the
 *    rest are counted and reported in one line), errors and `stopped` always; `command` events are not sent.
 * Stop (`live.stop`) halts the interpreter between ticks, so it works while the program spins; the devices go to
 * their safe state (motors 0, the drone lands) and `emergency` cuts a drone's motors at once.
 */
import { READINGS_HZ, type ConnectionPhase, type DeviceStatus, type LocalizedText, type WiringProfileInfo } from '../../core/contracts/devices';
import type { HostEvent, HostServices } from '../../core/contracts/host';
import { translateBoth } from '../../core/i18n';
import { fromBlockly } from '../../core/program';
import type { RuntimeEvent } from '../../core/runtime';
import { startLiveRun, type LiveRun } from '../../firmware-bridge/live/live-run';
import { HostException } from './host-error';
import { profileInfos } from '../../firmware-bridge/firmata/profiles';
import { BadDeviceSpec, firmataConnector, telloConnector, type ConnectRequest, type DeviceConnector, type LiveDevice } from './live-devices';
import { ailabConnector } from './live-ailab';
import { createFlashService, type FlashMethod } from './live-flash';
import { createSerialMonitor, type SerialMethod, type SerialMonitor } from './live-serial';

/** Log lines forwarded per second of a run; a program printing in a tight loop cannot flood the page. */
export const MAX_LOGS_PER_S = 50;

export type LiveMethod = 'device.connect' | 'device.disconnect' | 'device.status' | 'device.profiles' | 'live.run' | 'live.stop' | SerialMethod | FlashMethod;
export type HostEventSink = (event: HostEvent, payload: unknown) => void;

export interface LiveServiceOptions {
  /** Pushes a host event to the page(s). */
  readonly emit: HostEventSink;
  /** Connectors by driver name (default: `tello` over UDP, `firmata` and `ailab` over serial). */
  readonly connectors?: Readonly<Record<string, DeviceConnector>>;
  /** Wiring profiles offered for Firmata boards (default: firmware-bridge/firmata/profiles.ts). */
  readonly profiles?: () => readonly WiringProfileInfo[];
  readonly log?: (line: string) => void;
  /** Bootloader answer timeout when flashing, ms (default 1000). */
  readonly flashReplyMs?: number;
  /** Time between reconnect attempts after a link is lost, ms (default 1000). */
  readonly reconnectMs?: number;
}

export interface LiveService {
  readonly methods: Pick<HostServices, LiveMethod>;
  /** The connected device, if any (tests, benches). */
  readonly device: () => LiveDevice | null;
  readonly serial: SerialMonitor;
  /** Stops a run and closes the link (server shutdown). */
  close(): Promise<void>;
}

/** Driver names recognised in specs but not offered by this host's connectors. */
const KNOWN_DRIVERS = ['tello', 'firmata', 'ailab'];

export function createLiveService(options: LiveServiceOptions): LiveService {
  const log = options.log ?? ((line: string) => console.log(line));
  const connectors: Record<string, DeviceConnector> = { tello: telloConnector(), firmata: firmataConnector(), ailab: ailabConnector(), ...options.connectors };
  let device: LiveDevice | null = null;
  let status: DeviceStatus = { state: 'disconnected', spec: null, kit: null, label: '', profileId: null, error: null, run: 'idle', phase: null, attempt: 0 };
  let run: LiveRun | null = null;
  let connectedAt = 0;
  let readingsTimer: ReturnType<typeof setInterval> | null = null;
  /** Bumped on every connect/disconnect, so a slow connect that lost the race closes what it opened. */
  let generation = 0;
  /** How the device was connected, to connect it again after its link is lost (drivers that do not by themselves). */
  let lastRequest: { readonly connector: DeviceConnector; readonly request: ConnectRequest } | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let reconnectActive = false;
  /** The lost device was closed to free its port for the retries (it is still `device` until one succeeds). */
  let deviceClosed = false;
  const reconnectMs = options.reconnectMs ?? 1000;

  const emit = (event: HostEvent, payload: unknown) => {
    try {
      options.emit(event, payload);
    } catch (err) {
      log(`[LiveService] could not send ${event}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const setStatus = (patch: Partial<DeviceStatus>) => {
    status = { ...status, ...patch };
    emit('device.statusChanged', status);
  };

  /** Follows the device's link: connected ↔ lost (and the phase for drivers that report none of their own). */
  const syncLink = (d: LiveDevice) => {
    if (deviceClosed) return;
    const lost = d.linkLost();
    if (lost && status.state === 'connected') {
      log(`[LiveService] link lost: ${lost.message}`);
      // A run notices by itself (its linkCheck) and stops; between runs the panel shows it here.
      const phase = status.phase === 'reconnecting' ? 'reconnecting' : 'lost';
      setStatus({ state: 'lost', error: bothLanguages(lost), phase });
    } else if (!lost && status.state === 'lost' && !run) {
      // Some drivers reconnect by themselves (the AI-lab robot when its cable is back): show it.
      log('[LiveService] link back');
      setStatus({ state: 'connected', error: null, phase: 'ready', attempt: 0 });
    }
  };

  /**
   * The kit comes back by itself when plugged back in (issue 3), also for drivers without a reconnect of their own
   * (Firmata boards, the Tello): every `reconnectMs` the lost device's port is freed and the same request tried
   * again, with phase `reconnecting` and the attempt count; the unplug message stays until it answers. A new
   * connect or a disconnect (a new generation) ends the retries.
   */
  const startReconnect = (lostDevice: LiveDevice) => {
    if (reconnectActive || lostDevice.reconnectsItself || !lastRequest) return;
    reconnectActive = true;
    const mine = generation;
    const { connector, request } = lastRequest;
    let attempt = 0;
    const schedule = () => {
      reconnectTimer = setTimeout(() => void tryOnce(), reconnectMs);
    };
    const tryOnce = async () => {
      reconnectTimer = null;
      if (mine !== generation) return;
      // A run that noticed the loss is still putting the kit in its safe state.
      if (run) return schedule();
      attempt++;
      setStatus({ phase: 'reconnecting', attempt });
      if (!deviceClosed) {
        deviceClosed = true;
        await lostDevice.close().catch((err: unknown) => log(`[LiveService] close failed: ${err instanceof Error ? err.message : String(err)}`));
      }
      let next: LiveDevice;
      try {
        next = await connector(request);
      } catch (err) {
        log(`[LiveService] reconnect attempt ${attempt} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (mine === generation) schedule();
        return;
      }
      if (mine !== generation) {
        await next.close().catch(() => undefined);
        return;
      }
      reconnectActive = false;
      deviceClosed = false;
      device = next;
      connectedAt = performance.now();
      log(`[LiveService] reconnected ${next.label}`);
      setStatus({ state: 'connected', label: next.label, profileId: next.profileId, error: null, phase: 'ready', attempt: 0 });
    };
    schedule();
  };

  const pushReadings = () => {
    const d = device;
    if (!d) return;
    syncLink(d);
    if (status.state === 'lost' && !run && !d.reconnectsItself) startReconnect(d);
    if (deviceClosed) return;
    // During a run the interpreter samples every tick; sampling here too would only repeat it.
    if (!run) {
      try {
        d.devices.sample();
      } catch (err) {
        log(`[LiveService] sampling failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    emit('device.readings', { timeMs: Math.round(performance.now() - connectedAt), values: d.readings() });
  };

  async function stopRun(emergency: boolean): Promise<boolean> {
    const current = run;
    if (!current) {
      if (emergency) device?.emergency();
      return false;
    }
    if (emergency) device?.emergency();
    setStatus({ run: 'stopping' });
    current.stop('user');
    await current.done;
    return true;
  }

  async function disconnect(): Promise<void> {
    generation++;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    reconnectActive = false;
    lastRequest = null;
    await stopRun(false);
    if (readingsTimer) clearInterval(readingsTimer);
    readingsTimer = null;
    const d = device;
    const alreadyClosed = deviceClosed;
    device = null;
    deviceClosed = false;
    if (d && !alreadyClosed) {
      // Let the safe state (a `land`) go out before the link closes.
      await d.settle(3000).catch(() => undefined);
      await d.close().catch((err: unknown) => log(`[LiveService] close failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  // The serial monitor may not open the port a connected board's driver holds.
  const serial = createSerialMonitor({ emit, log, inUse: (path) => device !== null && status.spec?.slice(status.spec.indexOf(':') + 1) === path });

  const addressOf = (spec: string | null) => (spec ? spec.slice(spec.indexOf(':') + 1) : null);
  const flash = createFlashService({
    emit,
    log,
    replyMs: options.flashReplyMs,
    portBusy: (path) => (device !== null && addressOf(status.spec) === path) || (serial.status().open && serial.status().path === path),
  });

  const methods: Pick<HostServices, LiveMethod> = {
    ...serial.methods,
    ...flash,
    async 'device.connect'({ spec, profileId, language }) {
      const colon = spec.indexOf(':');
      const driver = colon > 0 ? spec.slice(0, colon).toLowerCase() : '';
      const address = spec.slice(colon + 1);
      const connector = connectors[driver];
      if (!connector) {
        if (KNOWN_DRIVERS.includes(driver)) throw new HostException('deviceUnavailable', { driver });
        throw new HostException('deviceBadSpec', { spec });
      }
      await disconnect();
      // A board's driver needs the port the serial monitor may hold.
      if (serial.status().open && serial.status().path === address) await serial.methods['serial.close']({});
      const mine = ++generation;
      setStatus({ state: 'connecting', spec, kit: null, label: '', profileId: profileId ?? null, error: null, run: 'idle', phase: 'connecting', attempt: 0 });
      // The driver's own state machine (handshake, reconnecting…) shown as it changes; stale devices are ignored.
      const onPhase = (phase: ConnectionPhase, attempt: number) => {
        if (mine !== generation || (status.phase === phase && status.attempt === attempt)) return;
        if (device === null) {
          if (status.state === 'connecting' && (phase === 'connecting' || phase === 'handshake')) setStatus({ phase, attempt });
          return;
        }
        setStatus({ phase, attempt });
        syncLink(device);
      };
      const request: ConnectRequest = { address, language, profileId, onPhase };
      let connected: LiveDevice;
      try {
        connected = await connector(request);
      } catch (err) {
        if (err instanceof BadDeviceSpec) {
          setStatus({ state: 'disconnected', spec: null, phase: null, attempt: 0 });
          throw new HostException('deviceBadSpec', { spec });
        }
        const detail = err instanceof Error ? err.message : String(err);
        log(`[LiveService] connect ${spec} failed: ${detail}`);
        if (mine === generation) setStatus({ state: 'disconnected', spec: null, error: { 'zh-CN': detail, en: detail }, phase: null, attempt: 0 });
        throw new HostException('deviceConnectFailed', { detail });
      }
      if (mine !== generation) {
        await connected.close();
        throw new HostException('deviceConnectFailed', { detail: 'cancelled' });
      }
      device = connected;
      lastRequest = { connector, request };
      connectedAt = performance.now();
      log(`[LiveService] connected ${connected.label}`);
      setStatus({ state: 'connected', kit: connected.kit, label: connected.label, profileId: connected.profileId, error: null, phase: 'ready', attempt: 0 });
      readingsTimer = setInterval(pushReadings, 1000 / READINGS_HZ);
      pushReadings();
      return status;
    },

    async 'device.disconnect'() {
      await disconnect();
      setStatus({ state: 'disconnected', spec: null, kit: null, label: '', profileId: null, error: null, run: 'idle', phase: null, attempt: 0 });
      return status;
    },

    async 'device.status'() {
      return status;
    },

    async 'device.profiles'() {
      return [...(options.profiles ?? profileInfos)()];
    },

    async 'live.run'({ project, language }) {
      const d = device;
      if (!d || status.state !== 'connected') throw new HostException('deviceNotConnected');
      if (run) throw new HostException('liveRunning');
      if (project.target !== d.kit) throw new HostException('liveKitMismatch', { target: project.target, kit: d.kit });
      const { program, diagnostics } = fromBlockly(project.workspace, project.target);
      const errors = diagnostics.filter((x) => x.severity === 'error');
      if (errors.length > 0) throw new HostException('liveProgramErrors', { detail: errors.map((x) => x.message[language]).join('; ').slice(0, 500) });

      const forward = eventForwarder(emit);
      const startedAt = Date.now();
      const current = startLiveRun({
        program, devices: d.devices, seed: project.sim.seed, onEvent: forward, linkCheck: () => d.linkLost(),
        // Saved models drive the real kit too; samples recorded on it come back with `live.aiState`.
        ai: { datasets: project.datasets ?? [], models: project.models ?? [] },
      });
      run = current;
      setStatus({ run: 'running', error: null });
      log(`[LiveService] running "${project.meta.title}" on ${d.label}`);
      void current.done.then((summary) => {
        forward.flush();
        if (summary.aiChanged) emit('live.aiState', summary.ai);
        if (run === current) run = null;
        log(`[LiveService] run over: ${summary.stopReason}, ${summary.seconds} s, ${summary.ticks} ticks, max late ${summary.maxLateMs} ms`);
        const lost = summary.stopReason === 'disconnected' && summary.disconnect !== null;
        const phase = status.phase === 'ready' || !status.phase ? ('lost' as const) : status.phase;
        setStatus({ run: 'idle', ...(lost ? { state: 'lost' as const, error: textBoth(summary.disconnect!), phase } : {}) });
      });
      return { startedAt };
    },

    async 'live.stop'({ emergency }) {
      return { stopped: await stopRun(emergency ?? false) };
    },
  };

  return {
    methods,
    device: () => device,
    serial,
    async close() {
      await disconnect();
      await serial.close();
    },
  };
}

/** Runtime events → `live.event`, throttled (see the file comment). */
function eventForwarder(emit: HostEventSink): ((e: RuntimeEvent) => void) & { flush(): void } {
  let lastHighlight = '';
  let windowStart = 0;
  let logsInWindow = 0;
  let dropped = 0;
  let lastTimeMs = 0;
  const flushDropped = () => {
    if (dropped === 0) return;
    const text = translateBoth('devices', 'live.logsDropped', { count: dropped });
    emit('live.event', { type: 'log', timeMs: lastTimeMs, blockId: '', text: `${text['zh-CN']} / ${text.en}` });
    dropped = 0;
  };
  const forward = (e: RuntimeEvent) => {
    if ('timeMs' in e) lastTimeMs = e.timeMs;
    if (e.type === 'command') return;
    if (e.type === 'highlight') {
      const key = e.blockIds.join(',');
      if (key === lastHighlight) return;
      lastHighlight = key;
    } else if (e.type === 'log') {
      if (e.timeMs - windowStart >= 1000) {
        flushDropped();
        windowStart = e.timeMs;
        logsInWindow = 0;
      }
      if (++logsInWindow > MAX_LOGS_PER_S) {
        dropped++;
        return;
      }
    } else if (e.type === 'stopped') {
      flushDropped();
    }
    emit('live.event', e);
  };
  return Object.assign(forward, { flush: flushDropped });
}

function bothLanguages(err: Error): LocalizedText {
  return textBoth(err.message);
}

/** Driver messages come in the language asked for at connect; both slots carry it (the panel shows one). */
function textBoth(text: string): LocalizedText {
  return { 'zh-CN': text.slice(0, 2000), en: text.slice(0, 2000) };
}
