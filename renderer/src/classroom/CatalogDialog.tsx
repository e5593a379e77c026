/**
 * District unit catalogs (issue 6, "beyond one class"): subscribe to a catalog URL published with `ailab publish`,
 * pinning the publisher's public key; sync it now or later; see what was installed and what was refused and why.
 * Units install into the same folder as a teacher's pushed units, through the same signature checks, and show up in
 * the lesson list.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostResult } from '../../../core/contracts/host';
import type { Language } from '../../../core/i18n';
import { Modal } from '../components/Modal';
import type { HostClient } from '../host-client';
import { hostErrorText } from './host-error-text';

type Subscriptions = HostResult<'catalog.list'>;
type SyncResult = HostResult<'catalog.sync'>;

export function CatalogDialog(props: { host: HostClient; language: Language; onClose: () => void }) {
  const { t } = useTranslation('classui');
  const { host, language } = props;
  const [list, setList] = useState<Subscriptions>([]);
  const [url, setUrl] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<SyncResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    host.call('catalog.list', {}).then(setList, (e) => setError(hostErrorText(t, e)));
  }, [host, t]);
  useEffect(refresh, [refresh]);

  const run = async (what: string, task: () => Promise<SyncResult | null>) => {
    setBusy(what);
    setError(null);
    setResult(null);
    try {
      setResult(await task());
    } catch (e) {
      setError(hostErrorText(t, e));
    } finally {
      setBusy(null);
      refresh();
    }
  };

  const subscribe = () => {
    const u = url.trim();
    const k = publicKey.trim();
    if (!/^https?:\/\/\S+$/.test(u)) return setError(t('catalog.badUrl'));
    if (!/^[A-Za-z0-9+/]{43}=$/.test(k)) return setError(t('catalog.badKey'));
    void run('add', () => host.call('catalog.subscribe', { url: u, publicKey: k, language }));
  };

  return (
    <Modal title={t('catalog.title')} onClose={props.onClose} testId="catalog-dialog">
      <p className="class-hint">{t('catalog.intro')}</p>
      {list.length === 0 ? (
        <p data-testid="catalog-empty">{t('catalog.none')}</p>
      ) : (
        <ul className="catalog-list" data-testid="catalog-list">
          {list.map((s) => (
            <li key={s.url}>
              <strong>{s.name ?? s.url}</strong> <code>{s.url}</code>
              <div>{t('catalog.fingerprint', { fingerprint: s.fingerprint })}</div>
              <div>{s.lastError ? <span role="alert">{s.lastError}</span> : s.lastSyncAt ? t('catalog.lastSync', { time: new Date(s.lastSyncAt).toLocaleString(language) }) : t('catalog.neverSynced')}</div>
              <button disabled={busy !== null} onClick={() => void run(s.url, () => host.call('catalog.sync', { url: s.url, language }))} data-testid="catalog-sync">
                {busy === s.url ? t('catalog.syncing') : t('catalog.sync')}
              </button>
              <button disabled={busy !== null} onClick={() => void run(`rm:${s.url}`, async () => { await host.call('catalog.unsubscribe', { url: s.url }); return null; })}>
                {t('catalog.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <fieldset className="catalog-add">
        <legend>{t('catalog.add')}</legend>
        <label>{t('catalog.url')}<input data-testid="catalog-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…/units/" /></label>
        <label>{t('catalog.key')}<input data-testid="catalog-key" value={publicKey} onChange={(e) => setPublicKey(e.target.value)} spellCheck={false} /></label>
        <button data-testid="catalog-subscribe" disabled={busy !== null} onClick={subscribe}>{busy === 'add' ? t('catalog.syncing') : t('catalog.subscribe')}</button>
      </fieldset>
      {result && (
        <div role="status" data-testid="catalog-result">
          <p>{t('catalog.result', { name: result.name, installed: result.installed.length, refused: result.refused.length })}</p>
          {result.refused.length > 0 && (
            <ul>{result.refused.map((r) => <li key={r.unitId}>{r.unitId}: {r.message[language]}</li>)}</ul>
          )}
        </div>
      )}
      {error && <p className="class-error" role="alert">{error}</p>}
      <div className="class-actions"><button onClick={props.onClose}>{t('menu.close')}</button></div>
    </Modal>
  );
}
