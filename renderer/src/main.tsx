/** Renderer entry: i18n in the stored language (zh-CN by default), the host client, then the App. */
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createHostClient } from './host-client';
import { createI18n, storedLanguage } from './i18n';
import './styles.css';

// Start-up marks (performance.getEntriesByType('mark')) let the cold-start benchmark say where time goes.
performance.mark('ailab:main');
const language = storedLanguage();
document.documentElement.lang = language;
const i18n = createI18n(language);
const host = createHostClient();
const root = document.getElementById('root');
if (!root) throw new Error('[main] #root missing from index.html');
// No StrictMode: Blockly plugins register global context-menu items once per workspace and must not run twice.
createRoot(root).render(
  <I18nextProvider i18n={i18n}>
    <App host={host} i18n={i18n} initialLanguage={language} />
  </I18nextProvider>,
);
