/**
 * Serial monitor and plotter: a raw port through the host (`serial.*`), shown as text (UTF-8 or GBK) or hex, or
 * drawn as a chart from lines of numbers; a line of text is sent in the chosen encoding with the chosen line ending.
 * The received bytes are kept as bytes, so switching the encoding or the view re-reads them without loss.
 */
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { SERIAL_BAUD_RATES } from '../../../core/contracts/devices';
import type { Language } from '../../../core/i18n';
import type { DeviceSession } from './device-session';
import { LiveChart } from './LiveChart';
import { decodeChunks, lineBytes, plotSeries, toHex, type LineEnding, type SerialEncoding } from './serial-codec';

type View = 'text' | 'hex' | 'plot';

export function SerialMonitor(props: { session: DeviceSession; language: Language; onError: (e: unknown) => void }) {
  const { session } = props;
  const { t } = useTranslation('devices');
  useSyncExternalStore((cb) => session.onDidChange(cb), () => session.version);
  const status = session.serialStatus;
  const [path, setPath] = useState('');
  const [baud, setBaud] = useState(115200);
  const [view, setView] = useState<View>('text');
  const [encoding, setEncoding] = useState<SerialEncoding>('utf-8');
  const [ending, setEnding] = useState<LineEnding>('lf');
  const [line, setLine] = useState('');
  const [busy, setBusy] = useState(false);

  // The chunk list grows in place; `session.version` says when it changed.
  const chunks = session.serialChunks;
  const version = session.version;
  const text = useMemo(() => (view === 'hex' ? '' : decodeChunks(session.serialChunks, encoding)), [session, version, view, encoding]);
  const hex = useMemo(() => (view === 'hex' ? session.serialChunks.map(toHex).join(' ') : ''), [session, version, view]);
  const plot = useMemo(() => (view === 'plot' ? plotSeries(text) : null), [text, view]);

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

  const send = () =>
    act(async () => {
      await session.sendSerial(lineBytes(line, encoding, ending));
      setLine('');
    });

  return (
    <section className="panel serial-monitor" data-testid="serial-monitor">
      <h3>{t('serial.title')}</h3>
      <div className="device-row">
        <label>
          {t('serial.port')}
          <input data-testid="serial-path" value={path} placeholder={t('serial.portHint')} onChange={(e) => setPath(e.target.value)} disabled={status.open} size={14} />
        </label>
        <label>
          {t('serial.baud')}
          <select data-testid="serial-baud" value={baud} onChange={(e) => setBaud(Number(e.target.value))} disabled={status.open}>
            {SERIAL_BAUD_RATES.map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
        </label>
        {status.open ? (
          <button data-testid="serial-close" disabled={busy} onClick={() => void act(() => session.closeSerial())}>{t('serial.close')}</button>
        ) : (
          <button data-testid="serial-open" disabled={busy || path.trim() === ''} onClick={() => void act(() => session.openSerial(path.trim(), baud, props.language))}>{t('serial.open')}</button>
        )}
        {status.error && <span className="device-error" role="alert">{status.error[props.language]}</span>}
      </div>
      <div className="device-row">
        <label>
          {t('serial.view')}
          <select data-testid="serial-view" value={view} onChange={(e) => setView(e.target.value as View)}>
            {(['text', 'hex', 'plot'] as const).map((v) => <option key={v} value={v}>{t(`serial.view.${v}`)}</option>)}
          </select>
        </label>
        <label>
          {t('serial.encoding')}
          <select data-testid="serial-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value as SerialEncoding)}>
            <option value="utf-8">UTF-8</option>
            <option value="gbk">GBK</option>
          </select>
        </label>
        <button data-testid="serial-clear" onClick={() => session.clearSerial()}>{t('serial.clear')}</button>
      </div>
      {view === 'plot' ? (
        plot && plot.x.length > 0 ? (
          <LiveChart testId="serial-plot" x={plot.x} series={plot.names.map((label, i) => ({ label, y: plot.ys[i]! }))} xLabel="#" />
        ) : (
          <p className="hint">{t('serial.noPlot')}</p>
        )
      ) : chunks.length === 0 ? (
        <p className="hint">{t('serial.empty')}</p>
      ) : (
        <pre className="serial-output" data-testid="serial-output">{view === 'hex' ? hex : text}</pre>
      )}
      <form
        className="device-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (status.open) void send();
        }}
      >
        <input data-testid="serial-line" value={line} placeholder={t('serial.sendHint')} onChange={(e) => setLine(e.target.value)} disabled={!status.open} />
        <select data-testid="serial-ending" value={ending} onChange={(e) => setEnding(e.target.value as LineEnding)} aria-label={t('serial.lineEnding')}>
          {(['none', 'lf', 'crlf'] as const).map((x) => <option key={x} value={x}>{t(`serial.lineEnding.${x}`)}</option>)}
        </select>
        <button type="submit" data-testid="serial-send" disabled={!status.open || busy}>{t('serial.send')}</button>
      </form>
    </section>
  );
}
