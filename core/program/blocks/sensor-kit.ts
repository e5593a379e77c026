/** Sensor kit readings: temperature °C, humidity %, light %, sound %, PIR motion, knob %, button. */
import { CATEGORY_STYLES, type BlockSpec } from './types';

const style = CATEGORY_STYLES.sensorkit.blockStyle;

function reading(type: string, sensor: string, output: 'Number' | 'Boolean'): BlockSpec {
  return {
    type,
    category: 'sensorkit',
    kits: ['sensorkit'],
    json: { type, message0: `%{BKY_AILAB_${type.toUpperCase()}}`, output, style },
    ir: { kind: 'read', sensor, args: [] },
  };
}

export const SENSOR_KIT_BLOCKS: readonly BlockSpec[] = [
  reading('kit_temperature_c', 'kit.temperatureC', 'Number'),
  reading('kit_humidity_percent', 'kit.humidityPercent', 'Number'),
  reading('kit_light_percent', 'kit.lightPercent', 'Number'),
  reading('kit_sound_percent', 'kit.soundPercent', 'Number'),
  reading('kit_motion', 'kit.motion', 'Boolean'),
  reading('kit_knob_percent', 'kit.knobPercent', 'Number'),
  reading('kit_button_pressed', 'kit.buttonPressed', 'Boolean'),
];
