/**
 * The projector view: the join code in very large type, the addresses students type, and the teacher-key
 * fingerprint they compare (and may type) so their app pins the right key. Escape or the button closes it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassState } from '../../../core/contracts/classroom-host';

export function ClassProjector(props: { state: ClassState; onClose: () => void }) {
  const { t } = useTranslation('classui');
  const { state, onClose } = props;
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="class-projector" role="dialog" aria-modal="true" aria-label={t('projector.title')} data-testid="class-projector">
      <h1>{state.className}</h1>
      <p className="projector-how">{t('projector.howTo')}</p>
      <p className="projector-label">{t('projector.code')}</p>
      {/* Digits spaced in pairs for reading from the back row; the text content stays the plain code. */}
      <p className="projector-code" data-testid="projector-code" aria-label={state.joinCode.split('').join(' ')}>{state.joinCode}</p>
      <p className="projector-label">{t('projector.address')}</p>
      <ul className="projector-urls">
        {state.urls.map((u) => <li key={u} data-testid="projector-url">{u}</li>)}
      </ul>
      <p className="projector-label">{t('projector.fingerprint')}</p>
      <p className="projector-fingerprint" data-testid="projector-fingerprint">{state.fingerprint}</p>
      <p className="projector-how">{t('projector.fingerprintHint')}</p>
      <button ref={closeRef} data-testid="projector-close" onClick={onClose}>{t('projector.close')}</button>
    </div>
  );
}
