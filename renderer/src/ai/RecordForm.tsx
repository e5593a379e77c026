/**
 * Recording by hand: tick the sensors to record, type the label, press Record, and the current readings become one
 * sample of the open dataset (or of a new dataset named after the sensors when there is none). The same thing the
 * "record" block does, for a class collecting data by moving the kit's sliders or placing the robot by hand.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dataset } from '../../../core/ai/contracts';
import { addSample } from '../../../core/ai/datasets';
import { AiError } from '../../../core/ai/errors';
import { freshIdentity } from './dataset-tools';
import { LIVE_SENSORS, type LiveReadings, type LiveSensor } from './live-readings';

export function RecordForm(props: {
  readings: () => LiveReadings;
  dataset: Dataset | undefined;
  datasets: readonly Dataset[];
  onEdit: (next: Dataset, what: string) => void;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('aiui');
  const available = LIVE_SENSORS.filter((s) => props.readings()[s] !== undefined);
  const [chosen, setChosen] = useState<ReadonlySet<LiveSensor>>(new Set());
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const record = () => {
    const now = props.readings();
    const sensors = available.filter((s) => chosen.has(s));
    if (sensors.length === 0) return setMessage({ kind: 'error', text: t('record.needSensor') });
    const values = sensors.map((s) => now[s] ?? NaN);
    try {
      let target = props.dataset;
      if (!target) {
        const { id, name } = freshIdentity(t('record.newName'), props.datasets);
        target = { id, name, features: sensors.map((s) => t(`sensor.${s}`)), samples: [] };
      }
      const next = addSample(target, values, label);
      props.onEdit(next, t('edit.record', { label: label.trim() }));
      props.onSelect(next.id);
      setMessage({ kind: 'info', text: t('record.recorded', { values: values.join(', '), label: label.trim() }) });
    } catch (e) {
      const text = e instanceof AiError ? i18n.t(`ai:${e.key}`, e.params) : String(e);
      setMessage({ kind: 'error', text });
    }
  };

  return (
    <details className="ai-record" data-testid="record-form">
      <summary>{t('record.title')}</summary>
      {available.length === 0 ? (
        <p className="hint">{t('record.noSensors')}</p>
      ) : (
        <div className="ai-controls">
          {available.map((s) => (
            <label key={s}>
              <input
                type="checkbox"
                data-testid={`record-${s}`}
                checked={chosen.has(s)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(s);
                  else next.delete(s);
                  setChosen(next);
                }}
              />{' '}
              {t(`sensor.${s}`)}
            </label>
          ))}
          <label>
            {t('data.label')}{' '}
            <input data-testid="record-label" value={label} maxLength={200} size={8} onChange={(e) => setLabel(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && record()} />
          </label>
          <button type="button" data-testid="record-now" onClick={record}>{t('record.button')}</button>
        </div>
      )}
      {message && <p className={message.kind === 'error' ? 'warn' : 'hint'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="record-message">{message.text}</p>}
    </details>
  );
}
