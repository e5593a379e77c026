/**
 * Recording by hand: tick the sensors to record, type the label, press Record, and the current readings become one
 * sample of the open dataset (or of a new dataset named after the sensors when there is none). The same thing the
 * "record" block does, for a class collecting data by moving the kit's sliders, placing the robot by hand in front of
 * a coloured cube (camera readings), or holding a real kit connected in the device panel.
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
  /** The connected real device the readings come from (device panel), or null for the simulator. */
  readingsFrom?: () => string | null;
  dataset: Dataset | undefined;
  datasets: readonly Dataset[];
  onEdit: (next: Dataset, what: string) => void;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('aiui');
  const now = props.readings();
  const available = LIVE_SENSORS.filter((s) => now[s] !== undefined);
  const from = props.readingsFrom?.() ?? null;
  // The readings' sources (a run, the camera view, a device connecting) change while the form is closed: look again
  // when it is opened.
  const [, setLooked] = useState(0);
  const [chosen, setChosen] = useState<ReadonlySet<LiveSensor>>(new Set());
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const record = () => {
    const latest = props.readings();
    const sensors = available.filter((s) => chosen.has(s));
    if (sensors.length === 0) return setMessage({ kind: 'error', text: t('record.needSensor') });
    const values = sensors.map((s) => latest[s] ?? NaN);
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
    <details className="ai-record" data-testid="record-form" onToggle={() => setLooked((n) => n + 1)}>
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
      {from !== null && <p className="hint" data-testid="record-from">{t('record.fromDevice', { device: from })}</p>}
      {from === null && now.distanceCm !== undefined && now.cameraLinePosition === undefined && <p className="hint" data-testid="record-camera-hint">{t('record.cameraHint')}</p>}
      {message && <p className={message.kind === 'error' ? 'warn' : 'hint'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="record-message">{message.text}</p>}
    </details>
  );
}
