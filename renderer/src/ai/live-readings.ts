/**
 * The sensor readings a student can record by hand from the data panel ("record what the sensors read now"): from
 * the latest simulator snapshot (the robot's distance, heading and — while the stage's camera view is open — what its
 * AI camera sees; the sensor kit's numbers), or from the real kit connected in the device panel. Only numbers: models
 * learn from numbers (booleans like "motion" would need a 0/1 convention the class has not met yet).
 *
 * Camera readings mean what the camera blocks report (core/device/ops.ts), so a model trained on samples recorded
 * here predicts right on the blocks' readings in a program: a colour's blob size is the width in pixels of the
 * largest blob of that colour, −1 when none is in view; the line position is −100 … 100, 0 when no line is in view.
 */
import type { DeviceReadings } from '../../../core/contracts/devices';
import { BLOB_COLOURS, largestBlob, linePosition, type BlobColour, type CameraFrame } from '../../../core/device/camera';
import type { Snapshot } from '../../../core/sim/snapshot';

type BlobSizeSensor = `camera${Capitalize<BlobColour>}Size`;
const blobSensor = (c: BlobColour) => `camera${c[0]!.toUpperCase()}${c.slice(1)}Size` as BlobSizeSensor;
const CAMERA_SENSORS = [...BLOB_COLOURS.map(blobSensor), 'cameraLinePosition'] as const;

export const LIVE_SENSORS = [
  'distanceCm', 'headingDeg', 'temperatureC', 'humidityPercent', 'lightPercent', 'soundPercent', 'knobPercent', ...CAMERA_SENSORS,
] as const;
export type LiveSensor = (typeof LIVE_SENSORS)[number];
export type LiveReadings = Partial<Record<LiveSensor, number>>;

/** What the camera blocks would read from `frame`, as recordable numbers. */
export function cameraReadings(frame: CameraFrame): LiveReadings {
  const out: LiveReadings = {};
  for (const c of BLOB_COLOURS) out[blobSensor(c)] = largestBlob(frame, c)?.width ?? -1;
  out.cameraLinePosition = linePosition(frame);
  return out;
}

export function liveReadings(snapshot: Snapshot | null): LiveReadings {
  if (!snapshot) return {};
  const out: LiveReadings = {};
  const robot = snapshot.robots[0];
  if (robot) {
    out.distanceCm = robot.ultrasonic.distanceCm;
    out.headingDeg = robot.headingDeg;
    // Snapshots carry the camera frame only while the stage's camera view is open (computing it costs).
    if (snapshot.camera) Object.assign(out, cameraReadings(snapshot.camera));
  }
  const kit = snapshot.kit;
  if (kit) {
    out.temperatureC = kit.temperatureC;
    out.humidityPercent = kit.humidityPercent;
    out.lightPercent = kit.lightPercent;
    out.soundPercent = kit.soundPercent;
    out.knobPercent = kit.knobPercent;
  }
  return out;
}

/** Device-panel reading names (`robot.distanceCm`, `kit.lightPercent`, host/services/live-devices.ts) → sensors. */
const DEVICE_READING: Readonly<Record<string, LiveSensor>> = {
  'robot.distanceCm': 'distanceCm',
  'robot.headingDeg': 'headingDeg',
  'robot.lightPercent': 'lightPercent',
  // An AI vision module on the real robot (host/services/live-ailab.ts): blob widths as the blob-size block reads them.
  'robot.cameraRedSize': 'cameraRedSize',
  'robot.cameraGreenSize': 'cameraGreenSize',
  'robot.cameraBlueSize': 'cameraBlueSize',
  'robot.cameraYellowSize': 'cameraYellowSize',
  'kit.temperatureC': 'temperatureC',
  'kit.humidityPercent': 'humidityPercent',
  'kit.lightPercent': 'lightPercent',
  'kit.soundPercent': 'soundPercent',
  'kit.knobPercent': 'knobPercent',
};

/** The latest readings of the real kit connected in the device panel, as recordable numbers (others left out). */
export function deviceLiveReadings(values: DeviceReadings['values']): LiveReadings {
  const out: LiveReadings = {};
  for (const [name, value] of Object.entries(values)) {
    const sensor = DEVICE_READING[name];
    if (sensor && typeof value === 'number' && Number.isFinite(value)) out[sensor] = value;
  }
  return out;
}
