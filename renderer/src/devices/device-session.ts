/**
 * The device panel's model, apart from React: talks to the host's live-mode methods and keeps what the panel shows
 * — connection status, the latest readings, the last `HISTORY_S` seconds of every numeric reading for the chart,
 * and the serial monitor's bytes. Views subscribe with `onDidChange` and read snapshots; they never hold host state.
 */
import type { AiState } from '../../../core/ai/contracts';
import type { DeviceReadings, DeviceStatus, Firmware, FlashProgress, SerialStatus, WiringProfileInfo } from '../../../core/contracts/devices';
import type { Project } from '../../../core/contracts/project';
import type { Language } from '../../../core/i18n';
import type { RuntimeEvent } from '../../../core/runtime/types';
import type { HostClient } from '../host-client';
import { fromBase64, toBase64 } from './serial-codec';

/** Seconds of readings kept for the chart. */
export const HISTORY_S = 60;
/** Serial bytes kept for the monitor view (older ones scroll away). */
export const SERIAL_KEEP_BYTES = 64 * 1024;

export interface ReadingHistory {
  /** Seconds since connection. */
  readonly t: number[];
  readonly v: number[];
}

const DISCONNECTED: DeviceStatus = { state: 'disconnected', spec: null, kit: null, label: '', profileId: null, error: null, run: 'idle' };
const SERIAL_CLOSED: SerialStatus = { open: false, path: null, baudRate: null, error: null };

export class DeviceSession {
  status: DeviceStatus = DISCONNECTED;
  serialStatus: SerialStatus = SERIAL_CLOSED;
  values: DeviceReadings['values'] = {};
  readonly history = new Map<string, ReadingHistory>();
  profiles: WiringProfileInfo[] = [];
  firmwares: Firmware[] = ['standardFirmata'];
  /** Progress of the flash in progress (or the last one), null before any. */
  flashProgress: FlashProgress | null = null;
  /** Received serial chunks, oldest first, at most `SERIAL_KEEP_BYTES` in all. */
  serialChunks: Uint8Array[] = [];
  /** Bumped on every change; views use it as a cheap snapshot key. */
  version = 0;
  private serialBytes = 0;
  private readonly listeners = new Set<() => void>();
  private readonly runtimeListeners = new Set<(e: RuntimeEvent) => void>();
  private readonly aiStateListeners = new Set<(ai: AiState) => void>();
  private readonly serialListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly offs: (() => void)[] = [];

  constructor(private readonly host: HostClient) {
    this.offs.push(
      host.onDidReceive('device.statusChanged', (s) => {
        if (s.state === 'connecting' || (s.state === 'connected' && this.status.state !== 'connected')) this.clearReadings();
        this.status = s;
        this.changed();
      }),
      host.onDidReceive('device.readings', (r) => this.addReadings(r)),
      host.onDidReceive('live.event', (e) => this.runtimeListeners.forEach((l) => l(e))),
      host.onDidReceive('live.aiState', (ai) => this.aiStateListeners.forEach((l) => l(ai))),
      host.onDidReceive('serial.statusChanged', (s) => {
        this.serialStatus = s;
        this.changed();
      }),
      host.onDidReceive('serial.data', ({ data }) => this.addSerial(fromBase64(data))),
      host.onDidReceive('device.flashProgress', (p) => {
        this.flashProgress = p;
        this.changed();
      }),
    );
  }

  /** Reads the host's current state (after a page reload the host may still be connected or running). */
  async refresh(): Promise<void> {
    this.status = await this.host.call('device.status', {});
    this.profiles = await this.host.call('device.profiles', {});
    this.firmwares = await this.host.call('device.firmwares', {});
    this.changed();
  }

  connect(spec: string, language: Language, profileId?: string): Promise<DeviceStatus> {
    return this.host.call('device.connect', { spec, language, ...(profileId ? { profileId } : {}) });
  }
  disconnect(): Promise<DeviceStatus> {
    return this.host.call('device.disconnect', {});
  }
  run(project: Project, language: Language): Promise<{ startedAt: number }> {
    return this.host.call('live.run', { project, language });
  }
  stop(emergency = false): Promise<{ stopped: boolean }> {
    return this.host.call('live.stop', { emergency });
  }

  flash(path: string, board: 'uno' | 'nano' | 'mega', firmware: Firmware, language: Language): Promise<{ bytes: number; seconds: number }> {
    this.flashProgress = null;
    this.changed();
    return this.host.call('device.flash', { path, board, firmware, language });
  }

  openSerial(path: string, baudRate: number, language: Language): Promise<SerialStatus> {
    return this.host.call('serial.open', { path, baudRate, language });
  }
  closeSerial(): Promise<SerialStatus> {
    return this.host.call('serial.close', {});
  }
  async sendSerial(bytes: Uint8Array): Promise<number> {
    return (await this.host.call('serial.write', { data: toBase64(bytes) })).written;
  }
  clearSerial(): void {
    this.serialChunks = [];
    this.serialBytes = 0;
    this.changed();
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onRuntimeEvent(listener: (e: RuntimeEvent) => void): () => void {
    this.runtimeListeners.add(listener);
    return () => this.runtimeListeners.delete(listener);
  }
  /** After a live run whose AI blocks recorded samples or trained models: the datasets and models to save. */
  onAiState(listener: (ai: AiState) => void): () => void {
    this.aiStateListeners.add(listener);
    return () => this.aiStateListeners.delete(listener);
  }
  /** New serial bytes as they arrive (the monitor decodes them incrementally). */
  onSerialData(listener: (bytes: Uint8Array) => void): () => void {
    this.serialListeners.add(listener);
    return () => this.serialListeners.delete(listener);
  }

  dispose(): void {
    this.offs.splice(0).forEach((off) => off());
    this.listeners.clear();
  }

  private clearReadings(): void {
    this.values = {};
    this.history.clear();
  }

  private addReadings(r: DeviceReadings): void {
    this.values = r.values;
    const t = r.timeMs / 1000;
    for (const [name, value] of Object.entries(r.values)) {
      const y = typeof value === 'number' ? value : typeof value === 'boolean' ? (value ? 1 : 0) : null;
      if (y === null) continue;
      let h = this.history.get(name);
      if (!h) this.history.set(name, (h = { t: [], v: [] }));
      h.t.push(t);
      h.v.push(y);
      let drop = 0;
      while (drop < h.t.length && h.t[drop]! < t - HISTORY_S) drop++;
      if (drop > 0) {
        h.t.splice(0, drop);
        h.v.splice(0, drop);
      }
    }
    this.changed();
  }

  private addSerial(bytes: Uint8Array): void {
    this.serialChunks.push(bytes);
    this.serialBytes += bytes.length;
    while (this.serialBytes > SERIAL_KEEP_BYTES && this.serialChunks.length > 1) this.serialBytes -= this.serialChunks.shift()!.length;
    this.serialListeners.forEach((l) => l(bytes));
    this.changed();
  }

  private changed(): void {
    this.version++;
    this.listeners.forEach((l) => l());
  }
}
