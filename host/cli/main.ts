/**
 * The `ailab` command (bin/ailab.mjs calls `runCli`):
 *   ailab serve [project] [--port N] [--host H] [--data-dir D] [--open]   browser-mode host; prints `Serving at http://…/`
 *   ailab arenas [--json]                                                 arena ids with their zh-CN / English names
 *   ailab run <project.ailab> [--arena id] [--seed n] [--seconds s] [--json]   headless run, prints stateHash …
 *   ailab devices [--json]                                                  serial ports, boards recognised
 *   ailab run <project.ailab> --device ailab:<serial port> [--json]          live run on the AI-lab robot
 *   ailab run <project.ailab> --device tello:udp:<ip>[:port] [--json]       live run on a real kit (device-run.ts)
 *   ailab virtual-tello [--port 8889] [--state-port 8890] [--quiet]           virtual Tello on 127.0.0.1
 *   ailab camera-check <port> [--baud 9600] [--what colour|tag|line|object]   what an AI vision module sees
 *   ailab keygen | pack | verify | publish | subscribe                        signed unit packages and catalogs
 * Messages follow the user's language (zh-CN when the locale is Chinese). Exit code 1 on any error, 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { translate } from '../../core/i18n';
import { defaultDataDir } from '../services/data-dir';
import { HostException } from '../services/host-error';
import { cliLanguage } from './language';
import { serveCommand } from './serve-command';

export interface CliContext {
  /** The checkout / install folder (holds package.json and dist/renderer). */
  readonly root: string;
  /** Called once `serve` is up, to refresh bin/ailab.mjs's start-up bundle off the critical path (if it is stale). */
  readonly afterServing?: () => void;
}

export async function runCli(argv: readonly string[], context: CliContext): Promise<void> {
  // `ailab arenas | head`: a closed pipe ends the command quietly instead of with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const lang = cliLanguage();
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);

  const appVersion = (): string => {
    try {
      return (JSON.parse(readFileSync(join(context.root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      return '0.0.0';
    }
  };

  const numberOption = (option: string, integer: boolean) => (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
      throw new InvalidArgumentError(t('cli.run.badNumber', { option, value }));
    }
    return n;
  };

  /** Prints a failure in the user's language and exits 1. */
  const fail = (err: unknown): never => {
    const message = err instanceof HostException ? translate(lang, 'host', `error.${err.code}`, err.params) : err instanceof Error ? err.message : String(err);
    console.error(t('cli.error', { message }));
    process.exit(1);
  };

  const program = new Command();
  program.name('ailab').description(t('cli.description')).version(appVersion()).showHelpAfterError();
  // --help and --version exit 0; usage errors exit 2 (commander has printed the message). Set before the
  // subcommands, which copy it.
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
        await serveCommand(
          {
            port: opts.port,
            host: opts.host,
            dataDir: opts.dataDir ?? defaultDataDir(),
            open: opts.open,
            appVersion: appVersion(),
            project,
            rendererDir: join(context.root, 'dist', 'renderer'),
          },
          lang,
        );
        context.afterServing?.();
      } catch (err) {
        fail(err);
      }
    });

  program
    .command('devices')
    .description(translate(lang, 'serial', 'cli.devices.description'))
    .option('--json', translate(lang, 'serial', 'cli.devices.json'), false)
    .action(async (opts: { json: boolean }) => {
      try {
        const { devicesCommand } = await import('./devices-command');
        process.exitCode = await devicesCommand(opts, lang);
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
        // Loaded on demand: `serve` must not load the simulator (physics engine) at start-up.
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
    .option('--device <driver:address>', translate(lang, 'bridge', 'cli.device'))
    .option('--profile <id>', translate(lang, 'devices', 'cli.profile'))
    .option('--camera <port>', translate(lang, 'camera', 'cli.runCamera'))
    .action(async (file: string, opts: { arena?: string; seed?: number; seconds: number; json: boolean; device?: string; profile?: string; camera?: string }) => {
      try {
        if (opts.device) {
          // Live run on a real kit (firmware-bridge); see device-run.ts.
          const { deviceRunCommand } = await import('./device-run');
          process.exitCode = await deviceRunCommand({ file, device: opts.device, seed: opts.seed, json: opts.json, profile: opts.profile, camera: opts.camera }, lang);
          return;
        }
        const { runCommand } = await import('./run-command');
        process.exitCode = await runCommand({ file, ...opts }, lang);
      } catch (err) {
        fail(err);
      }
    });

  // ── Lessons (issue 5): every unit's solutions pass and starters fail ──
  program
    .command('check')
    .description(translate(lang, 'lessons', 'cli.description'))
    .argument('<path>', translate(lang, 'lessons', 'cli.path'))
    .option('--json', translate(lang, 'lessons', 'cli.json'), false)
    .action(async (path: string, opts: { json: boolean }) => {
      try {
        const { checkCommand } = await import('./check-command');
        process.exitCode = await checkCommand({ path, json: opts.json }, lang);
      } catch (err) {
        fail(err);
      }
    });

  // ── Hardware (issue 3, firmware-bridge): the virtual Tello on loopback ──
  program
    .command('virtual-tello')
    .description(translate(lang, 'bridge', 'cli.virtualTello.description'))
    .option('--port <n>', translate(lang, 'bridge', 'cli.virtualTello.port'), numberOption('--port', true), 8889)
    .option('--state-port <n>', translate(lang, 'bridge', 'cli.virtualTello.statePort'), numberOption('--state-port', true), 8890)
    .option('--quiet', translate(lang, 'bridge', 'cli.virtualTello.quiet'), false)
    .action(async (opts: { port: number; statePort: number; quiet: boolean }) => {
      try {
        const { virtualTelloCommand } = await import('./virtual-tello-command');
        await virtualTelloCommand(opts, lang);
      } catch (err) {
        fail(err);
      }
    });

  // ── AI camera (issue 4): check a HuskyLens-protocol vision module on a serial port ──
  program
    .command('camera-check')
    .description(translate(lang, 'camera', 'cli.description'))
    .argument('<port>', translate(lang, 'camera', 'cli.port'))
    .option('--baud <n>', translate(lang, 'camera', 'cli.baud'), numberOption('--baud', true), 9600)
    .option('--what <kind>', translate(lang, 'camera', 'cli.what'), 'colour')
    .option('--seconds <s>', translate(lang, 'camera', 'cli.seconds'), numberOption('--seconds', false), 10)
    .action(async (port: string, opts: { baud: number; what: string; seconds: number }) => {
      try {
        const { cameraCheckCommand } = await import('./camera-check-command');
        await cameraCheckCommand({ port, ...opts }, lang);
      } catch (err) {
        fail(err);
      }
    });

  // ── Classroom (issue 6): signing keys and signed unit packages ──
  const c = (key: string) => translate(lang, 'classroom', key);
  program
    .command('keygen')
    .description(c('cli.keygen.description'))
    .requiredOption('--out <file>', c('cli.keygen.out'))
    .action(async (opts: { out: string }) => {
      const { keygenCommand } = await import('./package-commands');
      process.exitCode = await keygenCommand(opts, lang);
    });
  program
    .command('pack')
    .description(c('cli.pack.description'))
    .argument('<unit-dir>')
    .requiredOption('--key <file>', c('cli.pack.key'))
    .option('--unit-version <n>', c('cli.pack.version'), numberOption('--unit-version', true), 1)
    .option('--expires <date>', c('cli.pack.expires'))
    .option('--out <file>', c('cli.pack.out'))
    .action(async (dir: string, opts: { key: string; unitVersion: number; expires?: string; out?: string }) => {
      const { packCommand } = await import('./package-commands');
      process.exitCode = await packCommand(dir, { ...opts, version: opts.unitVersion }, lang);
    });
  program
    .command('verify')
    .description(c('cli.verify.description'))
    .argument('<package>')
    .option('--key <base64>', c('cli.verify.key'), (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--trust-signer', c('cli.verify.trustSigner'), false)
    .option('--json', t('cli.run.json'), false)
    .action(async (file: string, opts: { key: string[]; trustSigner: boolean; json: boolean }) => {
      const { verifyCommand } = await import('./package-commands');
      process.exitCode = await verifyCommand(file, opts, lang);
    });

  program
    .command('publish')
    .description(c('cli.publish.description'))
    .argument('<units-dir>')
    .requiredOption('--key <file>', c('cli.pack.key'))
    .requiredOption('--out <dir>', c('cli.publish.out'))
    .option('--name <name>', c('cli.publish.name'), 'AI Lab Studio units')
    .action(async (dir: string, opts: { key: string; out: string; name: string }) => {
      const { publishCommand } = await import('./package-commands');
      process.exitCode = await publishCommand(dir, opts, lang);
    });
  program
    .command('subscribe')
    .description(c('cli.subscribe.description'))
    .argument('<url>')
    .requiredOption('--key <base64>', c('cli.subscribe.key'))
    .option('--units-dir <dir>', c('cli.subscribe.unitsDir'), join(defaultDataDir(), 'units'))
    .action(async (url: string, opts: { key: string; unitsDir: string }) => {
      const { subscribeCommand } = await import('./package-commands');
      process.exitCode = await subscribeCommand(url, opts, lang);
    });

  await program.parseAsync([...argv]);
}
