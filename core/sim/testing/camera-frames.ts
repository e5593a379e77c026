/** Test helper: the camera frames a robot sees on a fixed drive, for determinism checks in Node, child processes and Chromium. */
import { SimWorld } from '../world';

/**
 * Every 5th tick's full camera frame (JSON) over 300 ticks while the robot turns on the spot (ticks 0–149), then
 * drives ahead (150–299). Physics must be initialised.
 */
export function recordCameraFrames(arena: string, seed: number): string[] {
  const w = new SimWorld({ arena, seed, trace: false });
  try {
    const robot = w.robots[0];
    const frames: string[] = [];
    for (let tick = 0; tick < 300; tick++) {
      for (const s of w.deviceSets) s.sample();
      if (tick === 0) robot.setMotors(-15, 15);
      if (tick === 150) robot.setMotors(40, 40);
      if (tick % 5 === 0) frames.push(JSON.stringify(robot.cameraDevice!.fullFrame()));
      w.step();
    }
    return frames;
  } finally {
    w.free();
  }
}
