/**
 * "Flash firmware": writes StandardFirmata (or our robot firmware, where the host has it) into a board through its
 * bootloader, with a progress bar fed by the host's `device.flashProgress` events. Press the board's reset button if
 * the host cannot reset it (the message says so).
 */
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Firmware } from '../../../core/contracts/devices';
import type { Language } from '../../../core/i18n';
import type { DeviceSession } from './device-session';

export function FlashPanel(props: { session: DeviceSession; language: Language; initialPath: string; initialFirmware?: Firmware; onError: (e: unknown) => void }) {
  const { session } = props;
  const { t } = useTranslation('devices');
  useSyncExternalStore((cb) => session.onDidChange(cb), () => session.version);
  const [path, setPath] = useState(props.initialPath);
  const [board, setBoard] = useState<'uno' | 'nano' | 'mega'>('uno');
  const [firmware, setFirmware] = useState<Firmware>(props.initialFirmware ?? 'standardFirmata');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const progress = session.flashProgress;

  const start = async () => {
    setBusy(true);
    setDone(null);
    try {
      const r = await session.flash(path.trim(), board, firmware, props.language);
      setDone(t('flash.done', { bytes: r.bytes, seconds: r.seconds }));
    } catch (e) {
      props.onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flash-panel" data-testid="flash-panel">
      <div className="device-row">
        <input data-testid="flash-path" aria-label={t('serial.port')} placeholder={t('serial.portHint')} value={path} onChange={(e) => setPath(e.target.value)} disabled={busy} />
        <select data-testid="flash-board" value={board} onChange={(e) => setBoard(e.target.value as typeof board)} disabled={busy} aria-label="board">
          <option value="uno">Arduino Uno</option>
          <option value="nano">Arduino Nano</option>
          <option value="mega">Arduino Mega</option>
        </select>
        <label>
          {t('flash.firmware')}
          <select data-testid="flash-firmware" value={firmware} onChange={(e) => setFirmware(e.target.value as Firmware)} disabled={busy}>
            {session.firmwares.map((f) => <option key={f} value={f}>{t(`flash.firmware.${f}`)}</option>)}
          </select>
        </label>
        <button data-testid="flash-start" disabled={busy || path.trim() === ''} onClick={() => void start()}>{t('flash.start')}</button>
      </div>
      {busy && progress && (
        <div className="device-row">
          <progress data-testid="flash-progress" max={progress.total || 1} value={progress.done} />
          <span>{progress.phase === 'verify' ? t('flash.verifying') : t('flash.progress', { done: progress.done, total: progress.total })}</span>
        </div>
      )}
      {done && <p className="hint" data-testid="flash-done">{done}</p>}
    </div>
  );
}
