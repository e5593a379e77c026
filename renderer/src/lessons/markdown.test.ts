/**
 * Unit Markdown in the player: raw HTML from a unit never reaches the page (it is shown as text), images are the
 * unit's own files resolved relative to the Markdown file, a path climbing out of the unit or a web/data address is
 * never loaded (the alt text shows instead), and links open outside the app.
 */
import { describe, expect, it } from 'vitest';
import { renderUnitMarkdown, resolveUnitPath } from './markdown';

describe('unit Markdown', () => {
  it('resolves image paths inside the unit and refuses ones that climb out or are addresses', () => {
    expect(resolveUnitPath('lessons/a/step.md', '../../assets/robot.svg')).toBe('assets/robot.svg');
    expect(resolveUnitPath('teacher.md', 'assets/x.png')).toBe('assets/x.png');
    expect(resolveUnitPath('lessons/a/step.md', '../../../secret.png')).toBeNull();
    expect(resolveUnitPath('step.md', '/etc/passwd')).toBeNull();
    expect(resolveUnitPath('step.md', 'https://example.com/x.png')).toBeNull();
    expect(resolveUnitPath('step.md', 'data:image/svg+xml;base64,PHN2Zz4=')).toBeNull();
  });

  it('raw HTML is escaped, not rendered; images come from the loader; links open outside', async () => {
    const asked: string[] = [];
    const html = await renderUnitMarkdown(
      '# 开动\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n![小车](../../assets/robot.svg) ![外面](../../../../x.png)\n\n[说明](https://example.com)\n',
      'lessons/a/step.md',
      async (path) => {
        asked.push(path);
        return 'data:image/svg+xml;base64,PHN2Zy8+';
      },
    );
    expect(html).toContain('<h1>开动</h1>');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<img src="x"/);
    expect(html).toContain('&lt;script&gt;');
    expect(asked).toEqual(['assets/robot.svg']);
    expect(html).toContain('<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="小车">');
    expect(html).toContain('外面');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
  });
});
