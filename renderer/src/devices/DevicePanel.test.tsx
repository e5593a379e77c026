// @vitest-environment jsdom
/**
 * The device panel rendered with React in jsdom, over the real HostClient and contract schemas. The host behind the
 * transport is a scripted double (the real host over WebSocket is covered by host/services/live-service.test.ts and
 * tests/e2e/devices.spec.ts): it records every call and pushes events the way the host does.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceStatus } from '../../../core/contracts/devices';
import type { HostMethod } from '../../../core/contracts/host';
import { newProject } from '../../../core/contracts/project';
import { HostClient, type Reply, type Transport } from '../host-client';
import { createI18n } from '../i18n';
import { DevicePanel } from './DevicePanel';
import { DeviceSession } from './device-session';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// uPlot reads the pixel ratio through matchMedia when it loads; jsdom has none (and no canvas, so the chart shows
// its text fallback here).
vi.hoisted(() => {
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} })) as unknown as typeof window.matchMedia;
});

const idle: DeviceStatus = { state: 'disconnected', spec: null, kit: null, label: '', profileId: null, error: null, run: 'idle' };
const droneUp: DeviceStatus = { state: 'connected', spec: 'tello:udp:127.0.0.1:8889', kit: 'drone', label: 'Tello 127.0.0.1:8889', profileId: null, error: null, run: 'idle' };

class ScriptedHost implements Transport {
  readonly kind = 'websocket' as const;
  readonly calls: { method: HostMethod; params: any }[] = [];
  private readonly listeners = new Set<(e: string, p: unknown) => void>();
  answers: Partial<Record<HostMethod, (params: any) => Reply>> = {};
  async request(method: HostMethod, params: unknown): Promise<Reply> {
    this.calls.push({ method, params });
    const answer = this.answers[method];
    if (answer) return answer(params);
    if (method === 'device.status') return { ok: true, result: idle };
    if (method === 'device.firmwares') return { ok: true, result: ['standardFirmata'] };
    if (method === 'device.profiles') return { ok: true, result: [{ id: 'uno-car-l298n', kit: 'robot', board: 'uno', name: { 'zh-CN': 'Uno 小车', en: 'Uno car' } }] };
    return { ok: true, result: {} };
  }
  onEvent(listener: (e: string, p: unknown) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(event: string, payload: unknown) {
    act(() => this.listeners.forEach((l) => l(event, payload)));
  }
}

let container: HTMLDivElement;
let root: Root;
let host: ScriptedHost;
let errors: unknown[];

async function render(language: 'zh-CN' | 'en' = 'en') {
  host = new ScriptedHost();
  errors = [];
  const session = new DeviceSession(new HostClient(host));
  const i18n = createI18n(language);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  const project = newProject('drone', '2026-01-01T00:00:00.000Z', '0.1.0', 'fly');
  await act(async () => {
    root.render(
      <I18nextProvider i18n={i18n}>
        <DevicePanel session={session} language={language} currentProject={() => project} onError={(e) => errors.push(e)} />
      </I18nextProvider>,
    );
  });
  return session;
}

const $ = <T extends Element = HTMLElement>(id: string) => container.querySelector(`[data-testid="${id}"]`) as T | null;

async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function click(el: Element | null) {
  expect(el).not.toBeNull();
  await act(async () => {
    (el as HTMLElement).click();
  });
}
async function choose(select: HTMLSelectElement | null, value: string) {
  await act(async () => {
    select!.value = value;
    select!.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('device panel', () => {
  it('connects to the typed address in the UI language and shows the connected drone', async () => {
    await render();
    expect($('device-state')!.textContent).toBe('Not connected');
    expect($<HTMLButtonElement>('device-run')!.disabled).toBe(true);
    await type($<HTMLInputElement>('device-spec')!, 'tello:udp:127.0.0.1:8889');
    host.answers['device.connect'] = () => ({ ok: true, result: droneUp });
    await click($('device-connect'));
    expect(host.calls.find((c) => c.method === 'device.connect')?.params).toEqual({ spec: 'tello:udp:127.0.0.1:8889', language: 'en' });
    host.push('device.statusChanged', droneUp);
    expect($('device-state')!.textContent).toBe('Connected: Tello 127.0.0.1:8889');
    expect($<HTMLButtonElement>('device-run')!.disabled).toBe(false);
    expect($('device-emergency')).not.toBeNull();
    // The address is remembered for next time.
    expect(localStorage.getItem('ailab.deviceSpec')).toBe('tello:udp:127.0.0.1:8889');
  });

  it('shows live values with their names and charts the last minute of a numeric one', async () => {
    await render('zh-CN');
    host.push('device.statusChanged', droneUp);
    for (let i = 0; i < 5; i++) host.push('device.readings', { timeMs: i * 100, values: { 'drone.heightCm': 10 * i, 'drone.batteryPercent': 87, 'drone.flying': i > 0, 'drone.yawDeg': 0 } });
    expect($('reading-drone.heightCm')!.textContent).toBe('40');
    expect($('reading-drone.flying')!.textContent).toBe('是');
    expect(container.textContent).toContain('高度（厘米）');
    expect($('device-chart')!.getAttribute('data-points')).toBe('5');
    // Readings older than 60 s leave the chart.
    host.push('device.readings', { timeMs: 70_000, values: { 'drone.heightCm': 50 } });
    expect($('device-chart')!.getAttribute('data-points')).toBe('1');
  });

  it('Run sends the open project; the big Stop stays usable while it runs and asks the host to stop', async () => {
    await render();
    host.push('device.statusChanged', droneUp);
    host.answers['live.run'] = () => ({ ok: true, result: { startedAt: 1 } });
    await click($('device-run'));
    const run = host.calls.find((c) => c.method === 'live.run');
    expect(run?.params.project.target).toBe('drone');
    expect(run?.params.language).toBe('en');
    host.push('device.statusChanged', { ...droneUp, run: 'running' });
    expect($<HTMLButtonElement>('device-run')!.disabled).toBe(true);
    expect($<HTMLButtonElement>('device-stop')!.disabled).toBe(false);
    host.answers['live.stop'] = () => ({ ok: true, result: { stopped: true } });
    await click($('device-stop'));
    expect(host.calls.filter((c) => c.method === 'live.stop').map((c) => c.params)).toEqual([{ emergency: false }]);
    await click($('device-emergency'));
    expect(host.calls.filter((c) => c.method === 'live.stop').at(-1)?.params).toEqual({ emergency: true });
  });

  it('a refused connection is reported (error to the app, message in the panel) and nothing is lost from the address box', async () => {
    await render('zh-CN');
    await type($<HTMLInputElement>('device-spec')!, 'tello:udp:127.0.0.1:9');
    host.answers['device.connect'] = () => ({ ok: false, error: { code: 'deviceConnectFailed', params: { detail: '没有回应' }, message: 'Could not connect' } });
    await click($('device-connect'));
    expect(errors).toHaveLength(1);
    host.push('device.statusChanged', { ...idle, error: { 'zh-CN': '127.0.0.1:9 上的 Tello 无人机没有回应', en: 'no answer' } });
    expect($('device-error')!.textContent).toContain('没有回应');
    expect($<HTMLInputElement>('device-spec')!.value).toBe('tello:udp:127.0.0.1:9');
  });

  it('shows the link\'s state machine as the host reports it: handshake while connecting, then lost and reconnecting with the try count (zh-CN)', async () => {
    await render('zh-CN');
    // The address box names every form, our robot firmware first.
    expect($<HTMLInputElement>('device-spec')!.placeholder).toContain('ailab:/dev/ttyACM0');
    expect($<HTMLInputElement>('device-spec')!.title).toContain('ailab:<串口>;camera=<串口>');
    expect($('device-phase')).toBeNull();
    const robot: DeviceStatus = { state: 'connecting', spec: 'ailab:/dev/ttyACM0', kit: null, label: '', profileId: null, error: null, run: 'idle', phase: 'handshake', attempt: 0 };
    host.push('device.statusChanged', robot);
    expect($('device-state')!.textContent).toBe('正在连接…');
    expect($('device-phase')!.textContent).toBe('正在握手');
    const up: DeviceStatus = { ...robot, state: 'connected', kit: 'robot', label: 'AI-lab robot 1.0.0', phase: 'ready' };
    host.push('device.statusChanged', up);
    expect($('device-phase')!.textContent).toBe('就绪');
    host.push('device.statusChanged', { ...up, state: 'lost', phase: 'reconnecting', attempt: 3, error: { 'zh-CN': '机器人的线被拔掉了', en: 'unplugged' } });
    expect($('device-state')!.textContent).toBe('连接中断');
    expect($('device-phase')!.textContent).toBe('正在重新连接（第 3 次）');
    expect($('device-error')!.textContent).toContain('拔掉');
    host.push('device.statusChanged', up);
    expect($('device-phase')!.getAttribute('data-phase')).toBe('ready');
    expect($('device-error')).toBeNull();
  });

  it('a firmata: address offers the wiring profiles and sends the chosen one', async () => {
    await render();
    expect($('device-profile')).toBeNull();
    await type($<HTMLInputElement>('device-spec')!, 'firmata:/dev/ttyUSB0');
    await choose($<HTMLSelectElement>('device-profile'), 'uno-car-l298n');
    await click($('device-connect'));
    expect(host.calls.find((c) => c.method === 'device.connect')?.params).toEqual({ spec: 'firmata:/dev/ttyUSB0', language: 'en', profileId: 'uno-car-l298n' });
    // It did not answer: the flash section opens, offering StandardFirmata for the same port.
    expect($('flash-offer')).toBeNull();
    host.push('device.statusChanged', { ...idle, error: { 'zh-CN': '没有用 Firmata 回应', en: 'did not answer with Firmata' } });
    expect($('flash-offer')!.textContent).toMatch(/Flash StandardFirmata/);
    expect($<HTMLInputElement>('flash-path')!.value).toBe('/dev/ttyUSB0');
  });

  it('an ailab: robot with the wrong firmware is offered our robot firmware for its port (not the camera\'s), in zh-CN', async () => {
    const session = await render('zh-CN');
    // This host has our firmware built.
    host.answers['device.firmwares'] = () => ({ ok: true, result: ['standardFirmata', 'ailabRobot'] });
    await act(() => session.refresh());
    await type($<HTMLInputElement>('device-spec')!, 'ailab:/dev/ttyACM0;camera=/dev/ttyUSB2');
    host.answers['device.connect'] = () => ({ ok: false, error: { code: 'deviceConnectFailed', params: { detail: 'x' }, message: 'Could not connect' } });
    await click($('device-connect'));
    expect($('flash-offer')).toBeNull();
    host.push('device.statusChanged', { ...idle, error: { 'zh-CN': '/dev/ttyACM0 上的机器人固件版本不对（板上是 0.9.0，需要 1.x）。请给机器人刷写新的固件。', en: 'wrong firmware' } });
    expect($('flash-offer')!.textContent).toContain('AI 实验室小车固件');
    expect($<HTMLInputElement>('flash-path')!.value).toBe('/dev/ttyACM0');
    expect($<HTMLSelectElement>('flash-firmware')!.value).toBe('ailabRobot');
    host.answers['device.flash'] = () => ({ ok: true, result: { bytes: 9600, seconds: 3 } });
    await click($('flash-start'));
    expect(host.calls.find((c) => c.method === 'device.flash')?.params).toEqual({ path: '/dev/ttyACM0', board: 'uno', firmware: 'ailabRobot', language: 'zh-CN' });
  });

  it('serial monitor: GBK text, hex view, and a line sent with CRLF in GBK', async () => {
    await render();
    await type($<HTMLInputElement>('serial-path')!, '/dev/ttyUSB1');
    host.answers['serial.open'] = (p) => ({ ok: true, result: { open: true, path: p.path, baudRate: p.baudRate, error: null } });
    await choose($<HTMLSelectElement>('serial-baud'), '9600');
    await click($('serial-open'));
    expect(host.calls.find((c) => c.method === 'serial.open')?.params).toEqual({ path: '/dev/ttyUSB1', baudRate: 9600, language: 'en' });
    host.push('serial.statusChanged', { open: true, path: '/dev/ttyUSB1', baudRate: 9600, error: null });
    // "温度" in GBK, split across two events, then "=21\n".
    host.push('serial.data', { data: btoa(String.fromCharCode(0xce, 0xc2, 0xb6)) });
    host.push('serial.data', { data: btoa(String.fromCharCode(0xc8) + '=21\n') });
    await choose($<HTMLSelectElement>('serial-encoding'), 'gbk');
    expect($('serial-output')!.textContent).toBe('温度=21\n');
    await choose($<HTMLSelectElement>('serial-view'), 'hex');
    expect($('serial-output')!.textContent).toBe('CE C2 B6 C8 3D 32 31 0A');
    await choose($<HTMLSelectElement>('serial-ending'), 'crlf');
    await type($<HTMLInputElement>('serial-line')!, '开灯');
    host.answers['serial.write'] = () => ({ ok: true, result: { written: 6 } });
    await click($('serial-send'));
    const sent = host.calls.find((c) => c.method === 'serial.write')?.params.data as string;
    expect([...atob(sent)].map((c) => c.charCodeAt(0))).toEqual([0xbf, 0xaa, 0xb5, 0xc6, 0x0d, 0x0a]);
    expect($<HTMLInputElement>('serial-line')!.value).toBe('');
  });

  it('flashing shows the bootloader progress and then the result', async () => {
    await render();
    let finish!: (r: Reply) => void;
    host.answers['device.flash'] = () => ({ ok: true, result: { bytes: 0, seconds: 0 } });
    const pending = new Promise<Reply>((r) => (finish = r));
    host.request = (async (method: HostMethod, params: unknown) => {
      host.calls.push({ method, params });
      return method === 'device.flash' ? pending : { ok: true, result: {} };
    }) as typeof host.request;
    await type($<HTMLInputElement>('flash-path')!, '/dev/ttyACM0');
    await choose($<HTMLSelectElement>('flash-board'), 'nano');
    await click($('flash-start'));
    expect(host.calls.find((c) => c.method === 'device.flash')?.params).toEqual({ path: '/dev/ttyACM0', board: 'nano', firmware: 'standardFirmata', language: 'en' });
    host.push('device.flashProgress', { phase: 'write', done: 1024, total: 12288 });
    expect($<HTMLProgressElement>('flash-progress')!.value).toBe(1024);
    expect(container.textContent).toContain('Writing 1024 / 12288 bytes');
    await act(async () => finish({ ok: true, result: { bytes: 12194, seconds: 7.1 } }));
    expect($('flash-done')!.textContent).toBe('Flashed (12194 bytes, 7.1 s)');
  });
});
