/**
 * Native open/save dialogs for `project.showOpenDialog` / `project.showSaveDialog` (only Electron has them; the host's
 * browser-mode versions answer `dialogUnavailable`). Both filter on `.ailab` and start in the projects folder.
 */
import type { BrowserWindow, Dialog } from 'electron';
import { join } from 'node:path';
import type { HostResult, HostServices } from '../../core/contracts/host';
import { translate, type Language } from '../../core/i18n';

export const PROJECT_EXTENSION = 'ailab';

export interface DialogOptions {
  readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window the dialog is modal to (null: free-standing). */
  readonly parent: () => BrowserWindow | null;
  readonly projectsDir: () => Promise<string>;
  readonly language: Language;
}

/** A file name from a suggested title: no path separators, reserved or control characters; `.ailab` appended. */
export function safeFileName(suggested: string): string {
  let name = suggested.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (name.toLowerCase().endsWith(`.${PROJECT_EXTENSION}`)) name = name.slice(0, -(PROJECT_EXTENSION.length + 1));
  name = name.slice(0, 120).trim();
  return `${name || 'project'}.${PROJECT_EXTENSION}`;
}

/** GTK save dialogs do not add the extension from the filter; add it so the host accepts the path. */
export function withProjectExtension(path: string): string {
  return path.toLowerCase().endsWith(`.${PROJECT_EXTENSION}`) ? path : `${path}.${PROJECT_EXTENSION}`;
}

type DialogServices = Pick<HostServices, 'project.showOpenDialog' | 'project.showSaveDialog'>;

export function createDialogServices(options: DialogOptions): DialogServices {
  const t = (key: string) => translate(options.language, 'shell', key);
  const filters = [{ name: t('dialog.filterName'), extensions: [PROJECT_EXTENSION] }];
  return {
    'project.showOpenDialog': async (): Promise<HostResult<'project.showOpenDialog'>> => {
      const opts = { title: t('dialog.openTitle'), defaultPath: await options.projectsDir(), filters, properties: ['openFile' as const] };
      const parent = options.parent();
      const answer = parent ? await options.dialog.showOpenDialog(parent, opts) : await options.dialog.showOpenDialog(opts);
      return { path: answer.canceled || answer.filePaths.length === 0 ? null : answer.filePaths[0] };
    },
    'project.showSaveDialog': async ({ suggestedName }): Promise<HostResult<'project.showSaveDialog'>> => {
      const opts = {
        title: t('dialog.saveTitle'),
        defaultPath: join(await options.projectsDir(), safeFileName(suggestedName)),
        filters,
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const parent = options.parent();
      const answer = parent ? await options.dialog.showSaveDialog(parent, opts) : await options.dialog.showSaveDialog(opts);
      return { path: answer.canceled || !answer.filePath ? null : withProjectExtension(answer.filePath) };
    },
  };
}

/** zh-CN unless the system's first preferred language is something other than Chinese. */
export function pickLanguage(preferred: readonly string[]): Language {
  const first = preferred.find((l) => l.trim() !== '');
  if (!first) return 'zh-CN';
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
