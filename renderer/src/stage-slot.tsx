/**
 * Where the 3D stage goes in the layout. The stage itself (`<Stage>` in renderer/src/stage/, three.js) and the
 * arena list (`ARENAS` in core/sim) are built by other engineers; this file is the one seam the App uses, so wiring
 * them in is a change here only.
 */
import { useTranslation } from 'react-i18next';
import type { Language } from '../../core/i18n';
import type { TargetKit } from '../../core/program/ir';
import type { SimController } from './sim/sim-controller';

export const CAMERAS = ['orbit', 'follow', 'top'] as const;
export type CameraName = (typeof CAMERAS)[number];

/** Arena ids the simulator provides (core/sim/arenas), with names until the arena table is wired in. */
const KNOWN_ARENAS: readonly { id: string; kits: readonly TargetKit[]; name: Record<Language, string> }[] = [
  { id: 'open-floor', kits: ['robot', 'sensorkit'], name: { 'zh-CN': '空地', en: 'Open floor' } },
  { id: 'line-track', kits: ['robot'], name: { 'zh-CN': '巡线赛道', en: 'Line track' } },
  { id: 'maze', kits: ['robot'], name: { 'zh-CN': '迷宫', en: 'Maze' } },
  { id: 'obstacle-course', kits: ['robot'], name: { 'zh-CN': '障碍赛道', en: 'Obstacle course' } },
  { id: 'sorting-table', kits: ['robot'], name: { 'zh-CN': '分拣台', en: 'Sorting table' } },
  { id: 'drone-rings', kits: ['drone'], name: { 'zh-CN': '无人机穿环', en: 'Drone rings' } },
];

export function arenaChoices(kit: TargetKit, lang: Language): { id: string; name: string }[] {
  return KNOWN_ARENAS.filter((a) => a.kits.includes(kit)).map((a) => ({ id: a.id, name: a.name[lang] }));
}

export function StageSlot(props: { controller: SimController; arenaId: string; camera: CameraName }) {
  const { t } = useTranslation('app');
  return (
    <section className="panel stage" data-testid="stage" data-arena={props.arenaId} data-camera={props.camera}>
      <p className="hint">{t('run.stageUnavailable')}</p>
    </section>
  );
}
