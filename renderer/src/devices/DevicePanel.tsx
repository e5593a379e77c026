/**
 * The device panel: connect a real kit (typed address; a wiring profile for Firmata boards), its live sensor values
 * and a chart of them, "Run on device" for the open project, the big Stop (and the emergency stop for a drone), and
 * the serial monitor. The program runs in the host; this panel only asks and shows (DeviceSession).
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../core/contracts/project';
import type { Language } from '../../../core/i18n';
import type { DeviceSession } from './device-session';
import { LiveChart } from './LiveChart';
import { FlashPanel } from './FlashPanel';
import { SerialMonitor } from './SerialMonitor';
import './devices.css';

const SPEC_STORAGE_KEY = 'ailab.deviceSpec';

function storedSpec(): string {
  try {
    return localStorage.getItem(SPEC_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export interface DevicePanelProps {
  readonly session: DeviceSession;
  readonly language: Language;
  /** The open project with the blocks as they are now. */
  readonly currentProject: () => Project;
  /** Shows a failed host call (an error banner). */
  readonly onError: (e: unknown) => void;
  /** Called before a live run starts (the app clears its log and stops the simulator). */
  readonly onWillRun?: () => void;
}

export function DevicePanel(props: DevicePanelProps) {
  const { session, language } = props;
  const { t } = useTranslation('devices');
  useSyncExternalStore((cb) => session.onDidChange(cb), () => session.version);
  const status = session.status;
  const [spec, setSpec] = useState(storedSpec);
  const [profileId, setProfileId] = useState('');
  const [busy, setBusy] = useState(false);
  const [charted, setCharted] = useState<string | null>(null);

  // Once per session: the host may already be connected (or running) after a page reload.
  const { onError } = props;
  useEffect(() => {
    void session.refresh().catch(onError);
  }, [session, onError]);

  const isFirmata = spec.trim().toLowerCase().startsWith('firmata:');
  const isAilab = spec.trim().toLowerCase().startsWith('ailab:');
  const connected = status.state === 'connected';
  const running = status.run !== 'idle';
  const profiles = session.profiles;
  // A board that did not answer (or has another firmware) is offered the firmware its driver speaks.
  const offerFlash = (isFirmata || (isAilab && session.firmwares.includes('ailabRobot'))) && status.state === 'disconnected' && status.error !== null;
  // The robot's port is the part before `;camera=`.
  const flashPath = isFirmata ? spec.trim().slice('firmata:'.length) : isAilab ? spec.trim().slice('ailab:'.length).split(';')[0]!.trim() : '';

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      props.onError(e);
    } finally {
      setBusy(false);
    }
  };

  const connect = () =>
    act(async () => {
      const s = spec.trim();
      try {
        localStorage.setItem(SPEC_STORAGE_KEY, s);
      } catch {
        // not remembered; nothing else depends on it
      }
      await session.connect(s, language, isFirmata && profileId ? profileId : undefined);
    });

  const names = Object.keys(session.values);
  const numeric = names.filter((n) => session.history.has(n));
  const chartName = charted && numeric.includes(charted) ? charted : (numeric[0] ?? null);
  const history = chartName ? session.history.get(chartName) : undefined;
  const label = (name: string) => t(`reading.${name}`, { defaultValue: name });
  // A new array each readings update (the history arrays grow in place), so the chart gets the new points.
  const version = session.version;
  const chartLabel = chartName ? label(chartName) : '';
  const chartSeries = useMemo(() => (history ? [{ label: chartLabel, y: history.v }] : []), [history, chartLabel, version]);

  const show = (v: number | boolean | string) => (typeof v === 'boolean' ? t(v ? 'value.true' : 'value.false') : typeof v === 'number' ? String(Math.round(v * 100) / 100) : v);

  return (
    <section className="panel device-panel" data-testid="device-panel" data-state={status.state} data-run={status.run}>
      <div className="device-row">
        <h3>{t('panel.title')}</h3>
        <span className={`device-state device-state-${status.state}`} data-testid="device-state">
          {t(`panel.state.${status.state}`, { label: status.label })}
        </span>
        {/* The link's own state machine (connecting → handshake → ready → lost → reconnecting), as the host reports it. */}
        {status.phase && (
          <span className={`device-phase device-phase-${status.phase}`} data-testid="device-phase" data-phase={status.phase}>
            {t(`panel.phase.${status.phase}`, { attempt: status.attempt ?? 0 })}
          </span>
        )}
      </div>
      <form
        className="device-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && spec.trim()) void connect();
        }}
      >
        <input
          data-testid="device-spec"
          aria-label={t('panel.address')}
          placeholder={t('panel.addressHint')}
          title={t('panel.addressHelp')}
          value={spec}
          onChange={(e) => setSpec(e.target.value)}
          disabled={connected || status.state === 'connecting'}
        />
        {isFirmata && (
          <select data-testid="device-profile" aria-label={t('panel.profile')} value={profileId} onChange={(e) => setProfileId(e.target.value)} disabled={connected}>
            <option value="">{t('panel.profile')}…</option>
            {profiles.map((p) => <option key={p.id} value={p.id}>{p.name[language]}</option>)}
          </select>
        )}
        {connected || status.state === 'lost' ? (
          <button type="button" data-testid="device-disconnect" disabled={busy} onClick={() => void act(() => session.disconnect())}>{t('panel.disconnect')}</button>
        ) : (
          <button type="submit" data-testid="device-connect" disabled={busy || !spec.trim() || status.state === 'connecting'}>{t('panel.connect')}</button>
        )}
      </form>
      {status.error && <p className="device-error" role="alert" data-testid="device-error">{status.error[language]}</p>}

      <div className="device-row">
        <button
          className="run"
          data-testid="device-run"
          disabled={!connected || running || busy}
          onClick={() =>
            void act(async () => {
              props.onWillRun?.();
              await session.run(props.currentProject(), language);
            })
          }
        >
          {t('panel.runOnDevice')}
        </button>
        {/* The big Stop is never disabled while a device is connected: it must work when nothing else does. */}
        <button className="stop big-stop" data-testid="device-stop" title={t('panel.stopHint')} disabled={status.state === 'disconnected'} onClick={() => void session.stop(false).catch(props.onError)}>
          {t('panel.stop')}
        </button>
        {status.kit === 'drone' && (
          <button className="emergency" data-testid="device-emergency" title={t('panel.emergencyHint')} disabled={status.state === 'disconnected'} onClick={() => void session.stop(true).catch(props.onError)}>
            {t('panel.emergency')}
          </button>
        )}
        {running && <span className="hint" data-testid="device-running">{t('panel.running')}</span>}
      </div>

      <h4>{t('panel.values')}</h4>
      {names.length === 0 ? (
        <p className="hint">{t('panel.noValues')}</p>
      ) : (
        <table className="device-values">
          <tbody>
            {names.map((n) => (
              <tr key={n} className={n === chartName ? 'charted' : undefined} onClick={() => numeric.includes(n) && setCharted(n)}>
                <th>{label(n)}</th>
                <td data-testid={`reading-${n}`}>{show(session.values[n]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chartName && history && (
        <>
          <label className="device-row">
            {t('panel.chartPick')}
            <select data-testid="device-chart-pick" value={chartName} onChange={(e) => setCharted(e.target.value)}>
              {numeric.map((n) => <option key={n} value={n}>{label(n)}</option>)}
            </select>
          </label>
          <LiveChart testId="device-chart" x={history.t} series={chartSeries} xLabel="s" />
        </>
      )}

      {/* A Firmata board that did not answer usually lacks StandardFirmata, a robot our firmware (or has an old one):
          the flash section opens to offer it. */}
      <details className="device-flash" key={offerFlash ? `offer-${isAilab ? 'robot' : 'firmata'}` : 'plain'} open={offerFlash}>
        <summary>{t('flash.title')}</summary>
        {offerFlash && <p className="hint" data-testid="flash-offer">{t(isAilab ? 'flash.offerRobot' : 'flash.offer')}</p>}
        <FlashPanel session={session} language={language} initialPath={flashPath} initialFirmware={isAilab && session.firmwares.includes('ailabRobot') ? 'ailabRobot' : 'standardFirmata'} onError={props.onError} />
      </details>
      <details className="device-serial">
        <summary>{t('serial.title')}</summary>
        <SerialMonitor session={session} language={language} onError={props.onError} />
      </details>
    </section>
  );
}
