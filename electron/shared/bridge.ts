/**
 * What Electron main and the preload agree on, with no run-time dependencies: the sandboxed preload may only
 * `require('electron')`, so it cannot load zod or core/contracts. Main (which has the contract) tells the preload the
 * method and event names through `webPreferences.additionalArguments`; the preload builds one verb per name.
 *
 * Channels: a method `'project.open'` travels on `'project:open'` (the same rule as `ipcChannel` in
 * core/contracts/host.ts; a test keeps them equal); an event `'project.openRequested'` on
 * `'event:project.openRequested'` (never equal to a method channel: method channels contain no '.').
 */

/** The app's own origin: a privileged standard scheme serving dist/renderer (see main/app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ailab';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export const METHODS_ARG = '--ailab-host-methods=';
export const EVENTS_ARG = '--ailab-host-events=';

/** `'<domain>.<verb>'`, letters only: anything else in argv is refused rather than exposed. */
const NAME = /^[a-z][A-Za-z]*\.[A-Za-z]+$/;

export function methodChannel(method: string): string {
  return method.replace('.', ':');
}

export function eventChannel(event: string): string {
  return `event:${event}`;
}

/** Arguments main appends to the renderer's argv so the preload knows which verbs and events to expose. */
export function bridgeArguments(methods: readonly string[], events: readonly string[]): string[] {
  for (const name of [...methods, ...events]) {
    if (!NAME.test(name)) throw new Error(`[Bridge] not a '<domain>.<verb>' name: ${name}`);
  }
  return [METHODS_ARG + methods.join(','), EVENTS_ARG + events.join(',')];
}

export interface BridgeManifest {
  readonly methods: readonly string[];
  readonly events: readonly string[];
}

/** Reads the names back from argv; names that do not look like `'<domain>.<verb>'` are dropped. */
export function readBridgeManifest(argv: readonly string[]): BridgeManifest {
  const pick = (prefix: string): string[] => {
    const arg = argv.find((a) => a.startsWith(prefix));
    if (!arg) return [];
    return [...new Set(arg.slice(prefix.length).split(',').filter((n) => NAME.test(n)))];
  };
  return { methods: pick(METHODS_ARG), events: pick(EVENTS_ARG) };
}
