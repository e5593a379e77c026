/**
 * The Completion a hardware driver hands the interpreter for a command in flight. The driver settles it once, when
 * the kit answers (done, with the reply) or the driver gives up (failed): then `isDone()` throws the error, which the
 * interpreter reports as `deviceFailed` on the block that issued the command.
 */
import type { Completion } from '../core/device/completion';

export class DriverCompletion<Reply = never> implements Completion {
  state: 'pending' | 'done' | 'failed' = 'pending';
  error: Error | null = null;
  reply: Reply | null = null;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly driverName: string) {}

  isDone(): boolean {
    if (this.state === 'failed') throw this.error ?? new Error(`[${this.driverName}] failed`);
    return this.state === 'done';
  }

  /** First call wins; later calls are ignored. */
  settle(state: 'done' | 'failed', error: Error | null = null, reply: Reply | null = null): void {
    if (this.state !== 'pending') return;
    this.state = state;
    this.error = error;
    this.reply = reply;
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves once settled (never rejects). */
  settled(): Promise<void> {
    return this.state === 'pending' ? new Promise((r) => this.waiters.push(r)) : Promise.resolve();
  }
}
