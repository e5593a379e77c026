/**
 * "Join class": pick a class found on the LAN (mDNS; may find nothing, e.g. on networks without multicast) or type
 * the address from the projector, then the join code, a nickname or seat number, and the teacher-key fingerprint.
 * Nothing typed is lost on a refusal: the form keeps every field and says what to fix.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostResult } from '../../../core/contracts/host';
import type { Language } from '../../../core/i18n';
import { Modal } from '../components/Modal';
import type { HostClient } from '../host-client';
import { hostErrorText } from './host-error-text';
import { checkJoinInput, type JoinInput } from './join-form';

export function JoinClassDialog(props: { host: HostClient; onJoined: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation('classui');
  const [input, setInput] = useState<JoinInput>({ url: '', joinCode: '', nickname: '', fingerprint: '' });
  const [found, setFound] = useState<HostResult<'class.discover'> | null>(null);
  const [discovering, setDiscovering] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const fieldRefs = useRef<Record<string, HTMLInputElement | null>>({});

  const set = (field: keyof JoinInput) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setInput((i) => ({ ...i, [field]: e.target.value }));
    setError(null);
  };

  const discover = async () => {
    setDiscovering(true);
    try {
      setFound(await props.host.call('class.discover', {}));
    } catch (e) {
      setError({ field: null, text: hostErrorText(t, e) });
    } finally {
      setDiscovering(false);
    }
  };

  const submit = async () => {
    const checked = checkJoinInput(input);
    if (!checked.ok) {
      setError({ field: checked.field, text: t(checked.key) });
      fieldRefs.current[checked.field]?.focus();
      return;
    }
    setBusy(true);
    try {
      // The host words a refusal (wrong code, key mismatch) in the page's language.
      await props.host.call('class.join', { ...checked.params, language: (i18n.language === 'en' ? 'en' : 'zh-CN') satisfies Language });
      props.onJoined();
    } catch (e) {
      setError({ field: null, text: hostErrorText(t, e) });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof JoinInput, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {label}
      <input
        ref={(el) => { fieldRefs.current[name] = el; }}
        data-testid={`join-${name}`}
        value={input[name]}
        onChange={set(name)}
        aria-invalid={error?.field === name}
        autoComplete="off"
        {...extra}
      />
    </label>
  );

  return (
    <Modal title={t('join.title')} onClose={props.onCancel} testId="class-join-dialog">
      <form className="class-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="class-discover">
          <button type="button" data-testid="join-discover" disabled={discovering} onClick={() => void discover()}>
            {discovering ? t('join.discovering') : t('join.discover')}
          </button>
          {found && found.length === 0 && <p data-testid="join-none-found">{t('join.noneFound')}</p>}
          {found && found.length > 0 && (
            <>
              <p>{t('join.found')}</p>
              <ul>
                {found.map((c) => (
                  <li key={c.classId}>
                    <button type="button" onClick={() => setInput((i) => ({ ...i, url: c.urls[0] ?? i.url, fingerprint: c.fingerprint }))}>
                      {c.name} — {c.urls[0]} — {c.fingerprint}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        {field('url', t('join.url'), { placeholder: t('join.urlPlaceholder'), inputMode: 'url', autoFocus: true, maxLength: 300 })}
        {field('joinCode', t('join.code'), { inputMode: 'numeric', maxLength: 7, className: 'join-code-input' })}
        {field('nickname', t('join.nickname'), { placeholder: t('join.nicknamePlaceholder'), maxLength: 24 })}
        {field('fingerprint', t('join.fingerprint'), { placeholder: t('join.fingerprintPlaceholder'), maxLength: 40 })}
        {error && <p className="class-error" role="alert" data-testid="join-error">{error.text}</p>}
        <div className="class-actions">
          <button type="submit" data-testid="join-submit" disabled={busy}>{busy ? t('join.joining') : t('join.submit')}</button>
          <button type="button" onClick={props.onCancel}>{t('join.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}
