/**
 * A device action a blocking block waits for ("drive 20 cm", "take off", "play tone for 1 beat").
 * The interpreter polls `isDone()` once a tick, after sensors are sampled. Virtual devices finish an action when
 * the simulated body has done it; hardware drivers when the kit acknowledges it (or their own timeout passes).
 */
export interface Completion {
  isDone(): boolean;
}

/** A completion that is already done (for commands that act at once). */
export const DONE: Completion = Object.freeze({ isDone: () => true });

/** A completion its device finishes by setting `done` (target reached, timed out or cancelled). */
export class SettableCompletion implements Completion {
  done = false;
  isDone(): boolean {
    return this.done;
  }
}
