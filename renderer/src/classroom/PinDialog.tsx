/**
 * Teacher PIN: set on first use (typed twice), entered afterwards. The PIN is checked only by the host (scrypt hash,
 * lock-out after repeated wrong tries); here it is only shaped (4–8 digits) so a typo is caught before a round trip.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../components/Modal';
import type { HostClient } from '../host-client';
import { hostErrorText } from './host-error-text';

const PIN = /^\d{4,8}$/;

export function PinDialog(props: { host: HostClient; pinSet: boolean; onUnlocked: () => void; onCancel: () => void }) {
  const { t } = useTranslation('classui');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!PIN.test(pin)) return setError(t('pin.invalid'));
    if (!props.pinSet && pin !== confirm) {
      setConfirm('');
      return setError(t('pin.mismatch'));
    }
    setBusy(true);
    try {
      if (props.pinSet) await props.host.call('class.unlock', { pin });
      else await props.host.call('class.setPin', { pin });
      props.onUnlocked();
    } catch (e) {
      setPin('');
      setError(hostErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={props.pinSet ? t('pin.enterTitle') : t('pin.setTitle')} onClose={props.onCancel} testId="class-pin-dialog">
      <form className="class-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {!props.pinSet && <p>{t('pin.setHint')}</p>}
        <label>
          {t('pin.pin')}
          <input data-testid="class-pin" type="password" inputMode="numeric" autoComplete="off" autoFocus maxLength={8} value={pin}
            onChange={(e) => { setPin(e.target.value.trim()); setError(null); }} />
        </label>
        {!props.pinSet && (
          <label>
            {t('pin.confirm')}
            <input data-testid="class-pin-confirm" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={confirm}
              onChange={(e) => { setConfirm(e.target.value.trim()); setError(null); }} />
          </label>
        )}
        {error && <p className="class-error" role="alert" data-testid="class-pin-error">{error}</p>}
        <div className="class-actions">
          <button type="submit" data-testid="class-pin-submit" disabled={busy}>{t('pin.submit')}</button>
          <button type="button" onClick={props.onCancel}>{t('pin.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}
