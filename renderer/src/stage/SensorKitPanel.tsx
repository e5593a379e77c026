/**
 * The sensor-kit panel: one slider or toggle per kit input (temperature, humidity, light, sound, motion, knob,
 * button), feeding `SimController.setKitInput`. Ranges and starting values come from `KIT_INPUTS` in the sim worker
 * contract, so the panel and the virtual kit agree. The button is held while pressed (pointer down → true, up →
 * false), like the real one; the motion toggle stays until clicked again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KIT_INPUT_NAMES, KIT_INPUTS, type KitInputName } from '../../../core/contracts/sim-worker';
import type { Snapshot } from '../../../core/sim/snapshot';
import type { SimController } from '../sim/sim-controller';

type Values = Record<KitInputName, number | boolean>;

function initialValues(): Values {
  const v = {} as Values;
  for (const name of KIT_INPUT_NAMES) v[name] = KIT_INPUTS[name].initial;
  return v;
}

export function SensorKitPanel({ controller, snapshot }: { controller: SimController; snapshot?: Snapshot | null }) {
  const { t } = useTranslation('app');
  const [values, setValues] = useState<Values>(initialValues);

  const set = (name: KitInputName, value: number | boolean) => {
    setValues((v) => ({ ...v, [name]: value }));
    controller.setKitInput(name, value);
  };

  const kit = snapshot?.kit;
  return (
    <fieldset className="sensor-kit-panel" data-testid="sensor-kit-panel" style={panelStyle}>
      <legend>{t('stage.kit.title')}</legend>
      {KIT_INPUT_NAMES.map((name) => {
        const spec = KIT_INPUTS[name];
        const label = t(`stage.kit.${name}`);
        if (spec.kind === 'number') {
          const value = values[name] as number;
          return (
            <label key={name} style={rowStyle}>
              <span style={{ minWidth: 64 }}>{label}</span>
              <input
                type="range"
                data-testid={`kit-${name}`}
                min={spec.min}
                max={spec.max}
                step={spec.step}
                value={value}
                onChange={(e) => set(name, Number(e.currentTarget.value))}
              />
              <output style={{ minWidth: 48, textAlign: 'right' }}>{t(`stage.kit.${name}.value`, { value })}</output>
            </label>
          );
        }
        if (name === 'button') {
          return (
            <div key={name} style={rowStyle}>
              <span style={{ minWidth: 64 }}>{label}</span>
              <button
                type="button"
                data-testid="kit-button"
                aria-pressed={values.button as boolean}
                onPointerDown={() => set('button', true)}
                onPointerUp={() => set('button', false)}
                onPointerLeave={() => values.button && set('button', false)}
                onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && set('button', true)}
                onKeyUp={(e) => (e.key === ' ' || e.key === 'Enter') && set('button', false)}
              >
                {t('stage.kit.press')}
              </button>
            </div>
          );
        }
        return (
          <label key={name} style={rowStyle}>
            <span style={{ minWidth: 64 }}>{label}</span>
            <input type="checkbox" data-testid={`kit-${name}`} checked={values[name] as boolean} onChange={(e) => set(name, e.currentTarget.checked)} />
          </label>
        );
      })}
      {kit && (
        <div style={rowStyle} data-testid="kit-outputs">
          <span style={{ minWidth: 64 }}>{t('stage.kit.led')}</span>
          <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 7, background: kit.ledColour, border: '1px solid #555' }} />
          <span style={{ marginLeft: 8 }}>{kit.displayText}</span>
        </div>
      )}
    </fieldset>
  );
}

const panelStyle = {
  background: 'rgba(255, 255, 255, 0.92)',
  borderRadius: 8,
  border: '1px solid #b0bec5',
  padding: '6px 10px',
  font: '14px/1.6 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif',
} as const;

const rowStyle = { display: 'flex', alignItems: 'center', gap: 6 } as const;
