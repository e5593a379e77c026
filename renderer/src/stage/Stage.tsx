/**
 * <Stage controller arenaId camera />: the 3D stage. Shows the arena from data (core/sim/arenas), the robots and
 * drones of the controller's snapshots (interpolated, never driven), the sensor HUD (ultrasonic ray in 3D; distance,
 * line sensors, heading, LED in an overlay) and, for sensor-kit programs, the kit panel with sliders.
 *
 * The toolbar pieces (speed, camera, arena pickers, reset) are exported from ./sim-toolbar.tsx for the App toolbar.
 * GPU resources are freed on arena change and on unmount.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { arenaById } from '../../../core/sim/arenas';
import type { Snapshot } from '../../../core/sim/snapshot';
import type { SimController } from '../sim/sim-controller';
import { CameraView } from './CameraView';
import { SensorKitPanel } from './SensorKitPanel';
import { StageView, type CameraMode } from './stage-view';

export interface StageProps {
  readonly controller: SimController;
  readonly arenaId: string;
  readonly camera?: CameraMode;
  /** Sensor HUD overlay and ultrasonic ray; default true. */
  readonly showHud?: boolean;
  /** Sensor-kit slider panel: 'auto' shows it when the snapshot has a kit. Default 'auto'. */
  readonly kitPanel?: 'auto' | 'show' | 'hide';
  readonly className?: string;
}

/** HUD refreshes this often at most (ms); the 3D view itself runs at display rate. */
const HUD_INTERVAL_MS = 100;

export function Stage({ controller, arenaId, camera = 'orbit', showHud = true, kitPanel = 'auto', className }: StageProps) {
  const { t } = useTranslation('app');
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<StageView | null>(null);
  const [hud, setHud] = useState<Snapshot | null>(controller.latestSnapshot);
  const [webglError, setWebglError] = useState<string | null>(null);
  // The AI camera inset (robot projects): closed by default, since the worker computes the frame only while open.
  const [cameraOpen, setCameraOpen] = useState(false);
  const { t: tc } = useTranslation('camera');
  // The arena shown: the `arenaId` prop (the picker), or the one a program was last loaded into, whichever changed
  // last — so the floor under the robot is always the floor the simulation runs on.
  const [shownArena, setShownArena] = useState(arenaId);
  useEffect(() => setShownArena(arenaId), [arenaId]);
  useEffect(() => controller.onDidLoad((id) => setShownArena(id)), [controller]);

  // The view lives as long as the component and the sensor-display choice.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let view: StageView;
    try {
      view = new StageView(host, { showSensors: showHud });
    } catch (err) {
      console.error('[Stage] WebGL unavailable', err);
      setWebglError(err instanceof Error ? err.message : String(err));
      return;
    }
    viewRef.current = view;
    const hook = (globalThis as unknown as { __ailab?: Record<string, unknown> }).__ailab;
    // Test hook: `stageRender()` draws a frame now, so a test can read the canvas back in the same task.
    if (hook) hook.stageRender = () => view.renderNow();
    if (hook) hook.stage = () => ({ framesRendered: view.framesRendered, lastFrameMs: view.lastFrameMs, softwareGl: view.softwareGl, camera: view.cameraMode, width: view.renderer.domElement.width, height: view.renderer.domElement.height });
    return () => {
      viewRef.current = null;
      view.dispose();
    };
  }, [showHud]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.setArena(arenaById(shownArena) ?? null);
    const latest = controller.latestSnapshot;
    if (latest) view.pushSnapshot(latest);
  }, [shownArena, controller, showHud]);

  useEffect(() => {
    viewRef.current?.setCamera(camera);
  }, [camera, showHud]);

  useEffect(() => {
    let lastHud = 0;
    return controller.onSnapshot((snapshot) => {
      viewRef.current?.pushSnapshot(snapshot);
      const now = performance.now();
      if (now - lastHud >= HUD_INTERVAL_MS) {
        lastHud = now;
        setHud(snapshot);
      }
    });
  }, [controller]);

  const robot = hud?.robots[0];
  const drone = hud?.drones[0];
  const showKit = kitPanel === 'show' || (kitPanel === 'auto' && hud?.kit != null);
  const unknownArena = arenaById(shownArena) === undefined;

  return (
    <div className={`stage ${className ?? ''}`} data-testid="stage" data-arena={shownArena} data-camera={camera} style={{ position: 'relative', width: '100%', height: '100%', minHeight: 240, overflow: 'hidden' }}>
      <div ref={hostRef} style={{ position: 'absolute', inset: 0 }} aria-label={t('stage.canvasLabel')} role="img" />
      {webglError && <p className="stage-message" role="alert" style={messageStyle}>{t('stage.noWebgl')}</p>}
      {unknownArena && !webglError && <p className="stage-message" role="alert" style={messageStyle}>{t('stage.unknownArena', { id: shownArena })}</p>}
      {showHud && (robot || drone) && (
        <div className="stage-hud" data-testid="stage-hud" aria-live="off" style={hudStyle}>
          {robot && (
            <>
              <div data-testid="hud-distance">{t('stage.hud.distance', { cm: Math.round(robot.ultrasonic.distanceCm) })}</div>
              <div>
                {t('stage.hud.lineSensors')}{' '}
                {robot.lineSensors.map((onLine, i) => (
                  <span key={i} title={onLine ? t('stage.hud.onLine') : t('stage.hud.offLine')} style={{ ...dotStyle, background: onLine ? '#111' : '#fff' }} />
                ))}
              </div>
              <div>{t('stage.hud.heading', { deg: Math.round(robot.headingDeg) })}</div>
              <div>
                {t('stage.hud.led')} <span style={{ ...dotStyle, background: robot.ledColour }} />
                {robot.bumperPressed && <strong> · {t('stage.hud.bumper')}</strong>}
              </div>
            </>
          )}
          {drone && (
            <>
              <div>{t('stage.hud.height', { cm: Math.round(drone.heightCm) })}</div>
              <div>{t('stage.hud.battery', { percent: Math.round(drone.batteryPercent) })}</div>
              <div>{t('stage.hud.rings', { count: drone.ringsPassed.length })}</div>
            </>
          )}
          <div style={{ opacity: 0.75 }}>{t('stage.hud.time', { s: ((hud?.timeMs ?? 0) / 1000).toFixed(1) })}</div>
        </div>
      )}
      {robot && (
        <div style={cameraCornerStyle}>
          <button type="button" data-testid="camera-view-toggle" aria-pressed={cameraOpen} title={tc('view.showTip')} onClick={() => setCameraOpen((v) => !v)}>
            {tc('view.show')}
          </button>
          {cameraOpen && <CameraView controller={controller} />}
        </div>
      )}
      {showKit && (
        <div style={{ position: 'absolute', right: 8, bottom: 8, maxWidth: 280 }}>
          <SensorKitPanel controller={controller} snapshot={hud} />
        </div>
      )}
    </div>
  );
}

const hudStyle: CSSProperties = {
  position: 'absolute',
  left: 8,
  top: 8,
  padding: '6px 10px',
  borderRadius: 8,
  background: 'rgba(255, 255, 255, 0.85)',
  font: '14px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif',
  color: '#1b2630',
  pointerEvents: 'none',
};

const cameraCornerStyle: CSSProperties = {
  position: 'absolute',
  right: 8,
  top: 8,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'flex-end',
  gap: 4,
};

const dotStyle: CSSProperties = {
  display: 'inline-block',
  width: 12,
  height: 12,
  borderRadius: 6,
  border: '1px solid #555',
  margin: '0 2px',
  verticalAlign: 'middle',
};

const messageStyle: CSSProperties = {
  position: 'absolute',
  inset: 'auto 8px 8px 8px',
  padding: 8,
  background: '#fff3cd',
  borderRadius: 6,
  margin: 0,
};
