/**
 * AI camera blocks (robot kit, Sensing category): colour blobs, tags, the line and objects, read from the camera
 * frame sampled this tick (core/device/camera.ts; readings `robot.camera*` in core/device/ops.ts).
 */
import { BLOB_COLOURS, OBJECT_CLASSES } from '../../device/camera';
import { CATEGORY_STYLES, numberShadow, options, type BlockSpec } from './types';

const style = CATEGORY_STYLES.sensing.blockStyle;

/** A reporter with one dropdown (`field`) of `values` labelled `%{BKY_<prefix><VALUE>}`. */
function withDropdown(type: string, key: string, output: 'Boolean' | 'Number', sensor: string, field: string, prefix: string, values: readonly string[]): BlockSpec {
  return {
    type,
    category: 'sensing',
    kits: ['robot'],
    json: {
      type, message0: `%{BKY_${key}}`, tooltip: `%{BKY_${key}_TIP}`, output, style,
      args0: [{ type: 'field_dropdown', name: field, options: options(prefix, values) }],
    },
    ir: { kind: 'read', sensor, args: [{ field, as: 'string' }] },
  };
}

/** A reporter with a number input `ID` (the tag id), shadow 1 in the toolbox. */
function withTagId(type: string, key: string, output: 'Boolean' | 'Number', sensor: string): BlockSpec {
  return {
    type,
    category: 'sensing',
    kits: ['robot'],
    json: { type, message0: `%{BKY_${key}}`, tooltip: `%{BKY_${key}_TIP}`, output, style, inputsInline: true, args0: [{ type: 'input_value', name: 'ID', check: 'Number' }] },
    ir: { kind: 'read', sensor, args: [{ input: 'ID', type: 'number' }] },
    shadows: { ID: numberShadow(1) },
  };
}

const plain = (type: string, key: string, output: 'Boolean' | 'Number', sensor: string): BlockSpec => ({
  type,
  category: 'sensing',
  kits: ['robot'],
  json: { type, message0: `%{BKY_${key}}`, tooltip: `%{BKY_${key}_TIP}`, output, style },
  ir: { kind: 'read', sensor, args: [] },
});

const colour = (type: string, key: string, output: 'Boolean' | 'Number', sensor: string) =>
  withDropdown(type, key, output, sensor, 'COLOUR', 'AILAB_COLOURNAME_', BLOB_COLOURS);
const objectClass = (type: string, key: string, output: 'Boolean' | 'Number', sensor: string) =>
  withDropdown(type, key, output, sensor, 'CLASS', 'AILAB_OBJECTCLASS_', OBJECT_CLASSES);

export const CAMERA_BLOCKS: readonly BlockSpec[] = [
  colour('robot_camera_sees_colour', 'AILAB_CAMERA_SEES_COLOUR', 'Boolean', 'robot.cameraSeesColour'),
  colour('robot_camera_blob_x', 'AILAB_CAMERA_BLOB_X', 'Number', 'robot.cameraBlobX'),
  colour('robot_camera_blob_y', 'AILAB_CAMERA_BLOB_Y', 'Number', 'robot.cameraBlobY'),
  colour('robot_camera_blob_size', 'AILAB_CAMERA_BLOB_SIZE', 'Number', 'robot.cameraBlobSize'),
  withTagId('robot_camera_tag_seen', 'AILAB_CAMERA_TAG_SEEN', 'Boolean', 'robot.cameraTagSeen'),
  withTagId('robot_camera_tag_x', 'AILAB_CAMERA_TAG_X', 'Number', 'robot.cameraTagX'),
  plain('robot_camera_line_seen', 'AILAB_CAMERA_LINE_SEEN', 'Boolean', 'robot.cameraLineSeen'),
  plain('robot_camera_line_position', 'AILAB_CAMERA_LINE_POSITION', 'Number', 'robot.cameraLinePosition'),
  objectClass('robot_camera_object_seen', 'AILAB_CAMERA_OBJECT_SEEN', 'Boolean', 'robot.cameraObjectSeen'),
  objectClass('robot_camera_object_x', 'AILAB_CAMERA_OBJECT_X', 'Number', 'robot.cameraObjectX'),
];
