/**
 * Toolbar pieces for the simulator, for the App toolbar to place: speed (×0.5 ×1 ×2 ×4), camera, arena picker
 * and reset. Each is a controlled component; state lives in the App (arena and camera) or the controller (speed).
 * Labels use the `app` namespace's `stage.*` keys.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SIM_SPEEDS, type SimSpeed } from '../../../core/contracts/sim-worker';
import type { Language } from '../../../core/i18n';
import type { TargetKit } from '../../../core/program/ir';
import { ARENAS } from '../../../core/sim/arenas';
import type { SimController } from '../sim/sim-controller';
import { CAMERA_MODES, type CameraMode } from './stage-view';

export function SpeedButtons({ controller }: { controller: SimController }) {
  const { t } = useTranslation('app');
  const [speed, setSpeed] = useState<SimSpeed>(controller.speed);
  return (
    <div role="group" aria-label={t('stage.speed')} className="speed-buttons" data-testid="speed-buttons">
      {SIM_SPEEDS.map((s) => (
        <button
          key={s}
          type="button"
          aria-pressed={speed === s}
          data-testid={`speed-${s}`}
          onClick={() => {
            controller.setSpeed(s);
            setSpeed(s);
          }}
        >
          {t('stage.speedValue', { speed: s })}
        </button>
      ))}
    </div>
  );
}

export function CameraPicker({ value, onChange }: { value: CameraMode; onChange: (mode: CameraMode) => void }) {
  const { t } = useTranslation('app');
  return (
    <label className="camera-picker">
      {t('stage.camera')}{' '}
      <select data-testid="camera-picker" value={value} onChange={(e) => onChange(e.currentTarget.value as CameraMode)}>
        {CAMERA_MODES.map((m) => (
          <option key={m} value={m}>{t(`stage.camera.${m}`)}</option>
        ))}
      </select>
    </label>
  );
}

/** Arenas that suit `kit` first, then the rest; names in the UI language. */
export function arenaOptions(kit: TargetKit | null, lang: Language): { id: string; name: string; suits: boolean }[] {
  const all = ARENAS.map((a) => ({ id: a.id, name: a.name[lang], suits: kit === null || a.kits.includes(kit) }));
  return [...all.filter((a) => a.suits), ...all.filter((a) => !a.suits)];
}

export function ArenaPicker({ value, kit, onChange }: { value: string; kit: TargetKit | null; onChange: (arenaId: string) => void }) {
  const { t, i18n } = useTranslation('app');
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <label className="arena-picker">
      {t('stage.arena')}{' '}
      <select data-testid="arena-picker" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {arenaOptions(kit, lang).map((a) => (
          <option key={a.id} value={a.id}>{a.suits ? a.name : t('stage.arenaOtherKit', { name: a.name })}</option>
        ))}
      </select>
    </label>
  );
}

export function ResetButton({ controller }: { controller: SimController }) {
  const { t } = useTranslation('app');
  return (
    <button type="button" data-testid="sim-reset" onClick={() => controller.reset()} title={t('stage.resetHint')}>
      {t('stage.reset')}
    </button>
  );
}
