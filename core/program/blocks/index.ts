/**
 * Every custom block, as data (no side effects). The editor registers `BLOCK_DEFINITIONS` once with
 * `Blockly.common.defineBlocksWithJsonArray`; Blockly's standard blocks come from `blockly/blocks`.
 */
import { AI_BLOCKS } from './ai';
import { AI_RL_BLOCKS } from './ai-rl';
import { AI_TOKEN_BLOCKS } from './ai-tokens';
import { CAMERA_BLOCKS } from './camera';
import { CONTROL_BLOCKS } from './control';
import { DRONE_BLOCKS } from './drone';
import { EVENT_BLOCKS } from './event';
import { LOOKS_BLOCKS } from './looks';
import { MOTION_BLOCKS } from './motion';
import { SENSING_BLOCKS } from './sensing';
import { SENSOR_KIT_BLOCKS } from './sensor-kit';
import type { BlockJson, BlockSpec } from './types';

export const BLOCK_SPECS: readonly BlockSpec[] = [
  ...EVENT_BLOCKS,
  ...MOTION_BLOCKS,
  ...SENSING_BLOCKS,
  ...CAMERA_BLOCKS,
  ...LOOKS_BLOCKS,
  ...CONTROL_BLOCKS,
  ...DRONE_BLOCKS,
  ...SENSOR_KIT_BLOCKS,
  ...AI_BLOCKS,
  ...AI_RL_BLOCKS,
  ...AI_TOKEN_BLOCKS,
];

/** Blockly JSON definitions of our custom blocks. */
export const BLOCK_DEFINITIONS: readonly BlockJson[] = BLOCK_SPECS.map((spec) => spec.json);

const BY_TYPE: ReadonlyMap<string, BlockSpec> = new Map(BLOCK_SPECS.map((spec) => [spec.type, spec]));

/** The spec of a custom block type, or undefined for standard/unknown types. */
export function blockSpec(type: string): BlockSpec | undefined {
  return BY_TYPE.get(type);
}

export * from './types';
export { LED_COLOURS } from './looks';
