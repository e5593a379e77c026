import { describe, expect, it } from 'vitest';
import { lampLightPercent } from './lamps';

const lamp = { id: 'lamp', x: 1, z: 1, intensityPercent: 80 };

describe('lamp light on the robot light sensor', () => {
  it('adds nothing without lamps, so arenas without lamps read exactly as before', () => {
    expect(lampLightPercent(undefined, 0, 0, 0, -1)).toBe(0);
    expect(lampLightPercent([], 0, 0, 0, -1)).toBe(0);
  });
  it('is brightest facing the lamp, dimmer at an angle, zero facing away', () => {
    // Robot 1 m south of the lamp (z grows southwards).
    const facing = lampLightPercent([lamp], 1, 2, 0, -1);
    const sideways = lampLightPercent([lamp], 1, 2, Math.SQRT1_2, -Math.SQRT1_2);
    const away = lampLightPercent([lamp], 1, 2, 0, 1);
    expect(facing).toBeGreaterThan(sideways);
    expect(sideways).toBeCloseTo(facing / 4, 10);
    expect(away).toBe(0);
  });
  it('grows as the robot gets closer: a robot driving at the lamp reads brighter and brighter', () => {
    const readings = [2, 1.5, 1, 0.5, 0.2].map((d) => lampLightPercent([lamp], 1, 1 + d, 0, -1));
    for (let i = 1; i < readings.length; i++) expect(readings[i]).toBeGreaterThan(readings[i - 1]);
    expect(readings[4]).toBeLessThanOrEqual(80);
    expect(readings[4]).toBeGreaterThan(60);
  });
});
