/**
 * The stage's AI camera view in Debian's Chromium against the real host and sim worker: a student opens the camera
 * view on the sorting table and sees the cubes ahead as labelled boxes, which follow the robot as it turns. The
 * program is loaded through the SimController test hook (`window.__ailab.load`); the inset's pixels are read back.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Expr, Program } from '../../core/program/ir';
import { openApp, startHost, type ServedApp } from './helpers';

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const num = (value: number): Expr => ({ kind: 'num', blockId: '', value });
const turnSlowly: Program = {
  irVersion: 1, target: 'robot', variables: [], procedures: [],
  scripts: [{ blockId: 'hat', trigger: { kind: 'start' }, body: [{ kind: 'command', blockId: 'm', op: 'robot.setMotors', args: [num(-8), num(8)] }] }],
};

interface Seen { blobs: { colour: string; x: number }[]; tags: { id: number }[] }
const seen = async (page: Page): Promise<Seen | null> => {
  const raw = await page.getByTestId('camera-view').getAttribute('data-frame');
  return raw ? (JSON.parse(raw) as Seen) : null;
};

/** Pixels of the inset canvas that are clearly green (the green cube's box) and clearly not the dark background. */
function insetColours(page: Page): Promise<{ green: number; lit: number }> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="camera-view-canvas"]')!;
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let green = 0, lit = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
      if (g > 120 && g - r > 40 && g - b > 40) green++;
      if (r + g + b > 200) lit++;
    }
    return { green, lit };
  });
}

test('the camera view shows the cubes the robot faces, as labelled boxes that move as it turns', async ({ page }) => {
  await openApp(page, host.url);
  await page.waitForFunction(() => typeof (window as any).__ailab?.load === 'function');
  await page.evaluate((p) => (window as any).__ailab.load(p, 'sorting-table', 1), turnSlowly);
  const toggle = page.getByTestId('camera-view-toggle');
  await expect(toggle).toBeVisible();
  await expect(page.getByTestId('camera-view')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // At the start: the green cube ahead-left and the blue one ahead-right, with their tags 2 and 3.
  await expect.poll(async () => (await seen(page))?.tags.map((t) => t.id) ?? []).toEqual([2, 3]);
  const first = (await seen(page))!;
  const greenX = first.blobs.find((b) => b.colour === 'green' && b.x < 160)!.x;
  const pixels = await insetColours(page);
  expect(pixels.green).toBeGreaterThan(50);
  expect(pixels.lit).toBeGreaterThan(200);

  // Turning left, things in view slide right.
  await page.evaluate(() => (window as any).__ailab.sim.run());
  await expect.poll(async () => {
    const f = await seen(page);
    const g = f?.blobs.filter((b) => b.colour === 'green').map((b) => b.x) ?? [];
    return g.some((x) => x > greenX + 20);
  }, { timeout: 10_000 }).toBe(true);

  // Closed again: the inset goes away.
  await toggle.click();
  await expect(page.getByTestId('camera-view')).toHaveCount(0);
});
