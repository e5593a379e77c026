/**
 * The AI camera contract: what a vision module on the robot reports, in one shape for the simulator's virtual camera
 * (core/sim/camera.ts) and a real HuskyLens-style module (firmware-bridge/huskylens). Coordinates are pixels of a
 * 320 × 240 image, x to the right, y down, (0, 0) top left — the frame HuskyLens reports in. Boxes are given by
 * their centre and size, as HuskyLens does.
 */

/** Image size, pixels. */
export const CAMERA_WIDTH_PX = 320;
export const CAMERA_HEIGHT_PX = 240;

/** Colours the camera's colour recognition knows (bright colours a classroom kit learns; not black or white). */
export const BLOB_COLOURS = ['red', 'green', 'blue', 'yellow'] as const;
export type BlobColour = (typeof BLOB_COLOURS)[number];

/**
 * Object classes the camera's object recognition reports. A subset of the 20 classes HuskyLens's built-in object
 * recognition knows (the PASCAL VOC classes), chosen for figures on a classroom table.
 */
export const OBJECT_CLASSES = ['person', 'cat', 'dog', 'car', 'bicycle', 'bird', 'bottle', 'chair'] as const;
export type ObjectClass = (typeof OBJECT_CLASSES)[number];

/** Highest tag id the camera reports (HuskyLens learns tags as ids 1…). */
export const MAX_TAG_ID = 255;

/** A box in the image: centre and size, integer pixels. */
export interface CameraBox {
  /** Centre, 0–320. */
  readonly x: number;
  /** Centre, 0–240. */
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ColourBlob extends CameraBox {
  readonly colour: BlobColour;
}

export interface TagDetection extends CameraBox {
  /** Tag id, 1–255. */
  readonly id: number;
}

export interface ObjectDetection extends CameraBox {
  readonly objectClass: ObjectClass;
}

/** The line seen on the floor, as HuskyLens's line tracking reports it: an arrow from the bottom of the image up. */
export interface LineArrow {
  readonly xTail: number;
  readonly yTail: number;
  readonly xHead: number;
  readonly yHead: number;
}

/** Everything the camera sees in one frame. Lists are in a fixed order (largest first for blobs). */
export interface CameraFrame {
  readonly blobs: readonly ColourBlob[];
  readonly tags: readonly TagDetection[];
  readonly objects: readonly ObjectDetection[];
  /** The floor line, or null when none is in view. */
  readonly line: LineArrow | null;
}

/**
 * Which part of the frame a reading needs. A real module runs one algorithm at a time and switches to the one asked
 * for (the first frames after a switch are empty); the virtual camera computes only that part.
 */
export type CameraNeed = 'colour' | 'tag' | 'line' | 'object';

/** An AI camera device: the virtual one in the simulator, a HuskyLens driver on a real robot. */
export interface AiCamera {
  /** What the camera sees now, with at least the part `need` filled in. Never throws. */
  frame(need: CameraNeed): CameraFrame;
}

/** A camera that sees nothing (a robot without one, or before the first frame). */
export const EMPTY_CAMERA_FRAME: CameraFrame = Object.freeze({
  blobs: Object.freeze([]),
  tags: Object.freeze([]),
  objects: Object.freeze([]),
  line: null,
}) as CameraFrame;

// ---- Questions a program asks (the readings in ops.ts) ------------------------------------------------------------

/** Largest blob of `colour` (ties: the one further left, then higher), or undefined. */
export function largestBlob(frame: CameraFrame, colour: string): ColourBlob | undefined {
  let best: ColourBlob | undefined;
  for (const b of frame.blobs) {
    if (b.colour !== colour) continue;
    if (!best || area(b) > area(best) || (area(b) === area(best) && (b.x < best.x || (b.x === best.x && b.y < best.y)))) best = b;
  }
  return best;
}

/** The largest detection of tag `id`, or undefined. */
export function tagById(frame: CameraFrame, id: number): TagDetection | undefined {
  let best: TagDetection | undefined;
  for (const t of frame.tags) if (t.id === id && (!best || area(t) > area(best))) best = t;
  return best;
}

/** The largest detection of `objectClass`, or undefined. */
export function objectByClass(frame: CameraFrame, objectClass: string): ObjectDetection | undefined {
  let best: ObjectDetection | undefined;
  for (const o of frame.objects) if (o.objectClass === objectClass && (!best || area(o) > area(best))) best = o;
  return best;
}

/**
 * Where the line crosses the bottom of what the camera sees, −100 (left edge) … 0 (centre) … 100 (right edge);
 * 0 when no line is in view (ask `line !== null` first).
 */
export function linePosition(frame: CameraFrame): number {
  if (!frame.line) return 0;
  const half = CAMERA_WIDTH_PX / 2;
  const p = Math.round(((frame.line.xTail - half) * 100) / half);
  return p < -100 ? -100 : p > 100 ? 100 : p;
}

const area = (b: CameraBox) => b.width * b.height;
