/**
 * A unit's Markdown file rendered for the player, with its pictures loaded through the host (`lessons.readFile`) as
 * data URLs — the page never reaches the disk itself. Pictures are cached per unit for the session.
 */
import type { HostClient } from '../host-client';
import { renderUnitMarkdown } from './markdown';

const imageCache = new Map<string, Promise<string | null>>();

export function loadUnitImage(host: HostClient, unitId: string, path: string): Promise<string | null> {
  const key = `${unitId}/${path}`;
  let entry = imageCache.get(key);
  if (!entry) {
    entry = host.call('lessons.readFile', { unitId, path }).then((f) => (f.base64 ? `data:${f.mime};base64,${f.base64}` : null));
    // A failed load is retried next time (the host may have been busy).
    entry.catch(() => imageCache.delete(key));
    imageCache.set(key, entry);
  }
  return entry;
}

export async function renderUnitFile(host: HostClient, unitId: string, path: string): Promise<string> {
  const file = await host.call('lessons.readFile', { unitId, path });
  return renderUnitMarkdown(file.text ?? '', path, (p) => loadUnitImage(host, unitId, p));
}
