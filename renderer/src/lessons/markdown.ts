/**
 * Unit Markdown → HTML for the lesson player. markdown-it with raw HTML off, so a unit can never put its own HTML or
 * scripts into the page; links open outside the app; images are the unit's own files (loaded through the host as
 * data URLs), resolved relative to the Markdown file and never outside the unit folder.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
type Token = ReturnType<typeof md.parse>[number];

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** `lessons/a/step.md` + `../../assets/x.svg` → `assets/x.svg`; null when it climbs out of the unit or is absolute. */
export function resolveUnitPath(fromFile: string, src: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/') || src.includes('\\')) return null;
  const parts = fromFile.split('/').slice(0, -1);
  for (const part of src.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : null;
}

/**
 * Renders `text` (the Markdown file `file` of a unit). `loadImage(unitPath)` returns a data URL, or null when the
 * image cannot be loaded (it is then shown as its alt text).
 */
export async function renderUnitMarkdown(text: string, file: string, loadImage: (unitPath: string) => Promise<string | null>): Promise<string> {
  const env = {};
  const tokens = md.parse(text, env);
  const images: Token[] = [];
  for (const t of tokens) for (const c of t.children ?? []) if (c.type === 'image') images.push(c);
  await Promise.all(
    images.map(async (img) => {
      const path = resolveUnitPath(file, String(img.attrGet('src') ?? ''));
      const url = path ? await loadImage(path).catch(() => null) : null;
      if (url) img.attrSet('src', url);
      else {
        // Not loadable: keep the words, drop the picture.
        img.type = 'text';
        img.content = img.content || (img.children ?? []).map((c) => c.content).join('');
      }
    }),
  );
  return md.renderer.render(tokens, md.options, env);
}
