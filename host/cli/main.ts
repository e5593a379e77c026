/**
 * The `ailab` command (bin/ailab.mjs loads this through tsx):
 *   ailab serve [--port N] [--host H] [--data-dir D] [--open]   browser-mode host; prints `Serving at http://…/`
 *   ailab arenas                                              arena ids with their zh-CN / English names
 *   ailab run <project.ailab> [--arena id] [--seed n] [--seconds s] [--json]   headless run, prints stateHash …
 * Messages follow the user's language (zh-CN when the locale is Chinese). Exit code 1 on any error, 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { translate } from '../../core/i18n';
import { defaultDataDir } from '../services/data-dir';
import { HostException } from '../services/host-error';
import { cliLanguage } from './language';
import { serveCommand } from './serve-command';

const lang = cliLanguage();
const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function numberOption(option: string, integer: boolean) {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
      throw new InvalidArgumentError(t('cli.run.badNumber', { option, value }));
    }
    return n;
  };
}

/** Prints a failure in the user's language and exits 1. */
function fail(err: unknown): never {
  const message = err instanceof HostException ? translate(lang, 'host', `error.${err.code}`, err.params) : err instanceof Error ? err.message : String(err);
  console.error(t('cli.error', { message }));
  process.exit(1);
}

const program = new Command();
program.name('ailab').description(t('cli.description')).version(appVersion()).showHelpAfterError();
// --help and --version exit 0; usage errors exit 2 (commander has printed the message). Set before the subcommands,
// which copy it.
program.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

program
  .command('serve')
  .description(t('cli.serve.description'))
  .argument('[project]', t('cli.serve.project'))
  .option('--port <n>', t('cli.serve.port'), numberOption('--port', true))
  .option('--host <address>', t('cli.serve.host'), '127.0.0.1')
  .option('--data-dir <dir>', t('cli.serve.dataDir'))
  .option('--open', t('cli.serve.open'), false)
  .action(async (project: string | undefined, opts: { port?: number; host: string; dataDir?: string; open: boolean }) => {
    try {
      const dataDir = opts.dataDir ?? defaultDataDir();
      await serveCommand({ port: opts.port, host: opts.host, dataDir, open: opts.open, appVersion: appVersion(), project }, lang);
    } catch (err) {
      fail(err);
    }
  });

program
  .command('arenas')
  .description(t('cli.arenas.description'))
  .option('--json', t('cli.run.json'), false)
  .action(async (opts: { json: boolean }) => {
    try {
      // Loaded on demand: `serve` must not depend on the simulator's modules.
      const { arenasCommand } = await import('./run-command');
      await arenasCommand(opts.json);
    } catch (err) {
      fail(err);
    }
  });

program
  .command('run')
  .description(t('cli.run.description'))
  .argument('<project>', '.ailab')
  .option('--arena <id>', t('cli.run.arena'))
  .option('--seed <n>', t('cli.run.seed'), numberOption('--seed', true))
  .option('--seconds <s>', t('cli.run.seconds'), numberOption('--seconds', false), 10)
  .option('--json', t('cli.run.json'), false)
  .action(async (file: string, opts: { arena?: string; seed?: number; seconds: number; json: boolean }) => {
    try {
      const { runCommand } = await import('./run-command');
      process.exitCode = await runCommand({ file, ...opts }, lang);
    } catch (err) {
      fail(err);
    }
  });

await program.parseAsync(process.argv);
