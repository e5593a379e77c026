/**
 * "Show me": replays a project in the stage under a lesson's run settings and stops, paused, at the failing moment.
 * The same program, arena and seed give the same run as the checker's headless one (the simulator is deterministic
 * in the browser too), and the lesson's scripted kit inputs are fed in at the same ticks, so the stage shows exactly
 * what the check saw. The student can then press Step or Resume.
 */
import type { Project } from '../../../core/contracts/project';
import type { KitInputName } from '../../../core/contracts/sim-worker';
import type { Lesson } from '../../../core/lessons/unit-schema';
import { fromBlockly } from '../../../core/program';
import type { SimController } from '../sim/sim-controller';

/** Kit readings (lesson files) → the sim worker's on-screen input names. */
const KIT_INPUT: Record<NonNullable<Lesson['run']['kitInputs']>[number]['input'], KitInputName> = {
  temperatureC: 'temperature', humidityPercent: 'humidity', lightPercent: 'light', soundPercent: 'sound',
  motion: 'motion', knobPercent: 'knob', buttonPressed: 'button',
};

export async function replayLessonMoment(sim: SimController, project: Project, lesson: Lesson, atMs: number): Promise<void> {
  const { program } = fromBlockly(project.workspace, project.target);
  sim.load(program, lesson.run.arenaId, lesson.run.seed, lesson.run.robotCount);
  let now = 0;
  const inputs = [...(lesson.run.kitInputs ?? [])].sort((a, b) => a.atS - b.atS);
  for (const k of inputs) {
    // Headless runs set an input before the first tick starting at or after its time: run up to there, then set.
    const at = Math.ceil(Math.round(k.atS * 1000) / 20) * 20;
    if (at >= atMs) break;
    if (at > now) {
      await sim.runFor((at - now) / 1000);
      now = at;
    }
    sim.setKitInput(KIT_INPUT[k.input], k.value);
  }
  if (atMs > now) await sim.runFor((atMs - now) / 1000);
  sim.pause();
}
