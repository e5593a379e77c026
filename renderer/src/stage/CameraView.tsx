/**
 * <CameraView controller />: a small inset showing what the first robot's AI camera sees — colour blobs, tags and
 * recognised objects as labelled boxes, the line as an arrow — drawn from the camera frame in the snapshots, in the
 * camera's own 320 × 240 coordinates scaled to the canvas.
 *
 * While mounted it asks the sim worker to put the camera frame into snapshots (`setCameraView(true)`), and stops it
 * on unmount, so the camera costs nothing while nobody looks.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMERA_HEIGHT_PX, CAMERA_WIDTH_PX, type CameraFrame } from '../../../core/device/camera';
import { HORIZON_V_PX } from '../../../core/sim/camera-optics';
import type { SimController } from '../sim/sim-controller';

export interface CameraViewProps {
  readonly controller: SimController;
  /** Canvas width in CSS pixels (height keeps the 4:3 image); default 240. */
  readonly width?: number;
}

/** Box colours per blob colour (bright on the dark background, as on the module's screen). */
const BLOB_STROKE: Readonly<Record<string, string>> = { red: '#ff5252', green: '#4caf50', blue: '#448aff', yellow: '#ffd600' };
const TAG_STROKE = '#e040fb';
const OBJECT_STROKE = '#ffffff';
const LINE_STROKE = '#00e5ff';

export function CameraView({ controller, width = 240 }: CameraViewProps) {
  const { t } = useTranslation(['camera', 'blocks']);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [frame, setFrame] = useState<CameraFrame | null>(controller.latestSnapshot?.camera ?? null);
  const height = Math.round((width * CAMERA_HEIGHT_PX) / CAMERA_WIDTH_PX);

  useEffect(() => {
    controller.setCameraView(true);
    const off = controller.onSnapshot((s) => setFrame(s.camera ?? null));
    return () => {
      off();
      controller.setCameraView(false);
    };
  }, [controller]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const k = (width * dpr) / CAMERA_WIDTH_PX;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#1e252b';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (!frame) return;
    ctx.setTransform(k, 0, 0, k, 0, 0);
    // The floor below the horizon, a shade lighter, so boxes read as things on the table.
    ctx.fillStyle = '#2b343b';
    ctx.fillRect(0, HORIZON_V_PX, CAMERA_WIDTH_PX, CAMERA_HEIGHT_PX - HORIZON_V_PX);
    ctx.lineWidth = 2 / k * dpr;
    ctx.font = `${Math.round(11 / k * dpr)}px system-ui, sans-serif`;
    ctx.textBaseline = 'bottom';
    // Colour labels go above the box, tag and object labels below it, so a tagged cube shows both.
    const box = (b: { x: number; y: number; width: number; height: number }, stroke: string, label: string, fill?: string, below = false) => {
      const x0 = b.x - b.width / 2, y0 = b.y - b.height / 2;
      if (fill) {
        ctx.globalAlpha = 0.35;
        ctx.fillStyle = fill;
        ctx.fillRect(x0, y0, b.width, b.height);
        ctx.globalAlpha = 1;
      }
      ctx.strokeStyle = stroke;
      ctx.strokeRect(x0, y0, b.width, b.height);
      ctx.fillStyle = stroke;
      const ly = below ? Math.min(y0 + b.height + 13, CAMERA_HEIGHT_PX - 1) : Math.max(y0 - 1, 12);
      ctx.fillText(label, Math.min(x0 + 2, CAMERA_WIDTH_PX - 40), ly);
    };
    // Largest first, so small boxes on top stay visible.
    for (const b of [...frame.blobs].reverse()) box(b, BLOB_STROKE[b.colour] ?? '#fff', t(`blocks:AILAB_COLOURNAME_${b.colour.toUpperCase()}`), BLOB_STROKE[b.colour]);
    for (const tag of frame.tags) box(tag, TAG_STROKE, t('camera:view.tag', { id: tag.id }), undefined, true);
    for (const o of frame.objects) box(o, OBJECT_STROKE, t(`blocks:AILAB_OBJECTCLASS_${o.objectClass.toUpperCase()}`), undefined, true);
    if (frame.line) {
      const l = frame.line;
      ctx.strokeStyle = LINE_STROKE;
      ctx.lineWidth = 4 / k * dpr;
      ctx.beginPath();
      ctx.moveTo(l.xTail, l.yTail);
      ctx.lineTo(l.xHead, l.yHead);
      ctx.stroke();
      ctx.fillStyle = LINE_STROKE;
      ctx.beginPath();
      ctx.arc(l.xHead, l.yHead, 5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }, [frame, width, height, t]);

  const empty = !frame || (frame.blobs.length === 0 && frame.tags.length === 0 && frame.objects.length === 0 && !frame.line);
  // What the picture shows, in words, for screen readers (the canvas itself is hidden from them).
  const spoken = empty || !frame ? t('camera:view.nothing') : [
    ...frame.blobs.map((b) => t(`blocks:AILAB_COLOURNAME_${b.colour.toUpperCase()}`)),
    ...frame.tags.map((tag) => t('camera:view.tag', { id: tag.id })),
    ...frame.objects.map((o) => t(`blocks:AILAB_OBJECTCLASS_${o.objectClass.toUpperCase()}`)),
    ...(frame.line ? [t('camera:view.line')] : []),
  ].join(', ');
  return (
    <figure className="camera-view" data-testid="camera-view" data-frame={frame ? JSON.stringify(frame) : ''} aria-label={`${t('camera:view.title')}: ${spoken}`} style={{ ...figureStyle, width }}>
      <canvas ref={canvasRef} data-testid="camera-view-canvas" style={{ width, height, display: 'block', borderRadius: 4 }} aria-hidden="true" />
      <figcaption style={captionStyle}>
        {t('camera:view.title')}
        {empty && <span data-testid="camera-view-empty"> · {t('camera:view.nothing')}</span>}
      </figcaption>
    </figure>
  );
}

const figureStyle: CSSProperties = {
  margin: 0,
  padding: 4,
  borderRadius: 6,
  background: 'rgba(20, 26, 31, 0.85)',
  boxShadow: '0 1px 4px rgba(0,0,0,0.3)',
};

const captionStyle: CSSProperties = {
  font: '12px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif',
  color: '#e8eef2',
  padding: '2px 2px 0',
};
