/** Variable watch (latest values the runtime reported) and the run log (print output and runtime errors). */
import { useTranslation } from 'react-i18next';
import type { Value } from '../../../core/program/ir';

export interface LogLine {
  readonly id: number;
  readonly timeMs: number;
  readonly kind: 'log' | 'error' | 'info';
  readonly text: string;
}

function show(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  return String(v);
}

export function WatchPanel(props: { variables: Record<string, Value>; log: readonly LogLine[] }) {
  const { t } = useTranslation('app');
  const names = Object.keys(props.variables);
  return (
    <section className="panel watch" data-testid="watch-panel">
      <div className="watch-vars">
        <h3>{t('editor.watch')}</h3>
        {names.length === 0 ? (
          <p className="hint">{t('editor.watch.empty')}</p>
        ) : (
          <table>
            <tbody>
              {names.map((n) => (
                <tr key={n}>
                  <th>{n}</th>
                  <td data-testid={`watch-${n}`}>{show(props.variables[n] as Value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="watch-log">
        <h3>{t('editor.log')}</h3>
        {props.log.length === 0 ? (
          <p className="hint">{t('editor.log.empty')}</p>
        ) : (
          <ol className="log" data-testid="run-log">
            {props.log.map((l) => (
              <li key={l.id} className={`log-${l.kind}`}>
                <span className="log-time">{(l.timeMs / 1000).toFixed(2)}s</span> {l.text}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
