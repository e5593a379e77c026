/** `ailab arenas` and `ailab run`: the simulator from the command line (same core code as the app's sim worker). */
import { resolve } from 'node:path';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { ARENAS } from '../../core/sim/arenas';

export async function arenasCommand(json: boolean): Promise<void> {
  if (json) {
    console.log(JSON.stringify(ARENAS.map((a) => ({ id: a.id, name: a.name, kits: a.kits })), null, 2));
    return;
  }
  const width = Math.max(...ARENAS.map((a) => a.id.length));
  for (const a of ARENAS) console.log(`${a.id.padEnd(width)}  ${a.name['zh-CN']} / ${a.name.en}`);
}

export interface RunOptions {
  readonly file: string;
  readonly arena?: string;
  readonly seed?: number;
  readonly seconds: number;
  readonly json: boolean;
}

/** Returns the exit code. */
export async function runCommand(options: RunOptions, lang: Language): Promise<number> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);
  console.error(t('cli.run.unavailable', { detail: resolve(options.file) }));
  return 1;
}
