/**
 * The editor as a student uses it, in Debian's Chromium against the real host (`ailab serve`): the Chinese UI,
 * switching language, building "when started → drive forward 30 cm" by dragging blocks out of the toolbox with
 * the mouse, running it in the simulator (the robot moves), stopping a long drive, saving, reloading, reopening.
 *
 * The simulator is read through the test hook `window.__ailab` (SimController: `snapshot()`, `state()`, `sim`;
 * App: `flyoutBlockRect(type)`, `blockRect(id)`, `topBlocks()`, `workspaceJson()`); nothing is mocked.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, startHost, waitForApp, type ServedApp } from './helpers';

type Rect = { x: number; y: number; width: number; height: number };
type Vec3 = [number, number, number];

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function openCategory(page: Page, id: string): Promise<void> {
  await page.locator(`.blocklyToolboxCategory[id="${id}"]`).first().click();
}

async function flyoutRect(page: Page, type: string): Promise<Rect> {
  await expect.poll(() => page.evaluate((t) => (window as any).__ailab.flyoutBlockRect(t), type)).not.toBeNull();
  return page.evaluate((t) => (window as any).__ailab.flyoutBlockRect(t), type);
}

/** A real mouse drag: press on the block's left edge, move in steps, release at (x, y) (where the grab point lands). */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 5, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

interface TopBlock { id: string; type: string; children: string[] }

/** Builds "when started → drive forward 30 cm" with the mouse; returns the ids of the two blocks. */
async function buildDriveProgram(page: Page, cm: number): Promise<{ hat: string; drive: string }> {
  await openCategory(page, 'events');
  const hatInFlyout = await flyoutRect(page, 'event_when_started');
  await drag(page, { x: hatInFlyout.x + 12, y: hatInFlyout.y + hatInFlyout.height / 2 }, { x: 420, y: 260 });
  const afterHat: TopBlock[] = await page.evaluate(() => (window as any).__ailab.topBlocks());
  expect(afterHat.map((b) => b.type)).toEqual(['event_when_started']);
  const hat = afterHat[0]!.id;
  const hatRect: Rect = await page.evaluate((id) => (window as any).__ailab.blockRect(id), hat);

  await openCategory(page, 'motion');
  const driveInFlyout = await flyoutRect(page, 'robot_drive_cm');
  // Grab the drive block 8 px inside its top-left corner and drop that point 8 px inside the spot under the hat,
  // so its previous-connection lands on the hat's next-connection (Blockly snaps within its radius).
  await drag(page, { x: driveInFlyout.x + 8, y: driveInFlyout.y + 8 }, { x: hatRect.x + 8, y: hatRect.y + hatRect.height + 8 });

  const blocks: TopBlock[] = await page.evaluate(() => (window as any).__ailab.topBlocks());
  expect(blocks, 'the drive block snapped under "when started"').toHaveLength(1);
  expect(blocks[0]!.children).toContain('robot_drive_cm');
  const drive: string = await page.evaluate((id) => (window as any).__ailab.childOfType(id, 'robot_drive_cm'), hat);

  // Type the distance into the number field, as a student does.
  // The field is read where it is now and clicked again if the first click came while the page was still
  // settling (the stage mounts next to the workspace right after start-up).
  const editor = page.locator('.blocklyHtmlInput');
  await expect(async () => {
    const field: Rect = await page.evaluate((id) => (window as any).__ailab.inputFieldRect(id, 'CM'), drive);
    await page.mouse.click(field.x + field.width / 2, field.y + field.height / 2);
    await expect(editor).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 15_000 });
  await editor.fill(String(cm));
  await editor.press('Enter');
  await expect.poll(() => page.evaluate((id) => (window as any).__ailab.inputNumber(id, 'CM'), drive)).toBe(cm);
  return { hat, drive };
}

function robotPosition(page: Page): Promise<Vec3 | null> {
  return page.evaluate(() => (window as any).__ailab.snapshot()?.robots?.[0]?.position ?? null);
}

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[2] - b[2]);
}

test('the app opens in Chinese, switches to English and back, and remembers the choice', async ({ page }) => {
  await openApp(page, host.url);
  const run = page.getByTestId('run');
  await expect(run).toContainText('运行');
  await expect(page.locator('.blocklyToolboxCategory[id="events"]').first()).toContainText('事件');

  await page.getByTestId('language').click();
  await expect(run).toContainText('Run');
  await expect(page.locator('.blocklyToolboxCategory[id="events"]').first()).toContainText('Events');

  await page.reload();
  await waitForApp(page);
  await expect(page.getByTestId('run'), 'English is remembered after a reload').toContainText('Run');

  await page.getByTestId('language').click();
  await expect(page.getByTestId('run')).toContainText('运行');
  await expect(page.locator('.blocklyToolboxCategory[id="events"]').first()).toContainText('事件');
});

test('blocks keep their place and get relabelled when the language switches', async ({ page }) => {
  await openApp(page, host.url);
  const { hat } = await buildDriveProgram(page, 30);
  const before: TopBlock[] = await page.evaluate(() => (window as any).__ailab.topBlocks());
  const zhText = await page.evaluate((id) => (window as any).__ailab.blockText(id), hat);
  await page.getByTestId('language').click();
  const after: TopBlock[] = await page.evaluate(() => (window as any).__ailab.topBlocks());
  expect(after).toEqual(before);
  const enText = await page.evaluate((id) => (window as any).__ailab.blockText(id), hat);
  expect(enText).not.toEqual(zhText);
  // The code view's header comment follows the language too.
  await expect(page.getByTestId('code-javascript')).toContainText('JavaScript view of the blocks');
  await page.getByTestId('language').click();
  await expect(page.getByTestId('code-javascript')).toContainText('由积木生成的 JavaScript 代码');
});

test('a student drags "when started → drive forward 30 cm" from the toolbox, runs it, and the robot moves 30 cm', async ({ page }) => {
  await openApp(page, host.url);
  await buildDriveProgram(page, 30);

  // The code view follows the blocks.
  await expect(page.getByTestId('code-javascript')).toContainText('30');

  await page.evaluate(() => {
    const w = window as any;
    w.__positions = [];
    w.__ailab.sim.onSnapshot((s: any) => s.robots[0] && w.__positions.push(s.robots[0].position));
  });
  await page.getByTestId('run').click();
  await expect.poll(() => page.evaluate(() => (window as any).__positions.length), { message: 'snapshots arrive' }).toBeGreaterThan(2);
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state()), { timeout: 20_000 }).toBe('finished');
  const positions: Vec3[] = await page.evaluate(() => (window as any).__positions);
  const moved = distance(positions[0]!, positions[positions.length - 1]!);
  expect(moved, 'the robot drove about 30 cm').toBeGreaterThan(0.27);
  expect(moved).toBeLessThan(0.33);
  await page.getByTestId('stage').screenshot({ path: test.info().outputPath('stage-after-drive.png') });
});

test('Stop halts a long drive at once and the robot stays where it stopped', async ({ page }) => {
  await openApp(page, host.url);
  await buildDriveProgram(page, 300);
  await page.getByTestId('run').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state())).toBe('running');
  const start = await robotPosition(page);
  await expect.poll(async () => distance((await robotPosition(page))!, start!), { message: 'the robot starts moving' }).toBeGreaterThan(0.05);

  await page.getByTestId('stop').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state()), { timeout: 2000 }).toBe('stopped');
  await expect(page.getByTestId('run-state')).toContainText('已停止');
  const atStop = (await robotPosition(page))!;
  await page.waitForTimeout(1000);
  const later = (await robotPosition(page))!;
  expect(distance(atStop, later), 'no movement after Stop').toBeLessThan(0.005);
  expect(distance(start!, later), 'stopped well before 300 cm').toBeLessThan(2.5);
});

test('a saved project comes back after reloading the page and reopening it', async ({ page }) => {
  await openApp(page, host.url);
  await buildDriveProgram(page, 30);
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'true');
  const before: TopBlock[] = await page.evaluate(() => (window as any).__ailab.topBlocks());

  await page.keyboard.press('Control+S');
  await page.getByTestId('save-name').fill('小车前进');
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('doc-title')).toContainText('小车前进');
  await expect(page).toHaveTitle(/小车前进/);

  await page.reload();
  await waitForApp(page);
  expect(await page.evaluate(() => (window as any).__ailab.topBlocks())).toEqual([]);
  await page.getByRole('button', { name: /打开/ }).click();
  await page.getByTestId('dialog-open').getByRole('button', { name: /小车前进/ }).first().click();
  await expect(page.getByTestId('doc-title')).toContainText('小车前进');
  const after: TopBlock[] = await page.evaluate(() => (window as any).__ailab.topBlocks());
  expect(after).toEqual(before);
  const drive: string = await page.evaluate((hat) => (window as any).__ailab.childOfType(hat, 'robot_drive_cm'), after[0]!.id);
  expect(await page.evaluate((id) => (window as any).__ailab.inputNumber(id, 'CM'), drive)).toBe(30);
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'false');
});

test('undo and redo take back and restore a block drop (buttons and Ctrl+Z / Ctrl+Shift+Z)', async ({ page }) => {
  await openApp(page, host.url);
  await buildDriveProgram(page, 30);
  const count = () => page.evaluate(() => (window as any).__ailab.topBlocks().flatMap((b: TopBlock) => b.children).length);
  const full = await count();
  await page.getByRole('button', { name: /撤销/ }).click(); // undo the number edit
  await page.getByRole('button', { name: /撤销/ }).click(); // undo the drive block drop
  await expect.poll(count).toBeLessThan(full);
  await page.getByRole('button', { name: /重做/ }).click();
  await page.getByRole('button', { name: /重做/ }).click();
  await expect.poll(count).toBe(full);
  await page.locator('.blocklySvg').first().click({ position: { x: 600, y: 600 } });
  await page.keyboard.press('Control+Z');
  await page.keyboard.press('Control+Z');
  await expect.poll(count).toBeLessThan(full);
  await page.keyboard.press('Control+Shift+Z');
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(count).toBe(full);
});

test('a block can be copied and pasted with Ctrl+C / Ctrl+V', async ({ page }) => {
  await openApp(page, host.url);
  const { hat } = await buildDriveProgram(page, 30);
  const rect: Rect = await page.evaluate((id) => (window as any).__ailab.blockRect(id), hat);
  await page.mouse.click(rect.x + 10, rect.y + 8); // selects the hat block (a click, not a drag)
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+V');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.topBlocks().length)).toBe(2);
  // Blockly copies the block with what is plugged into it, not the blocks that follow it.
  const stacks: TopBlock[] = await page.evaluate(() => (window as any).__ailab.topBlocks());
  expect(stacks.map((b) => b.type)).toEqual(['event_when_started', 'event_when_started']);
  expect(stacks.map((b) => b.id)).toContain(hat);
});

test('the high-contrast theme can be switched on and is remembered', async ({ page }) => {
  await openApp(page, host.url);
  await page.getByTestId('theme').selectOption('highContrast');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.themeName())).toMatch(/contrast/i);
  await page.reload();
  await waitForApp(page);
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.themeName())).toMatch(/contrast/i);
  await page.getByTestId('theme').selectOption('classic');
});

test('high contrast recolours our own blocks and categories darker, and event hats keep their hat top', async ({ page }) => {
  await openApp(page, host.url);
  await page.getByTestId('theme').selectOption('classic');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.themeName())).not.toMatch(/contrast/i);
  const { hat, drive } = await buildDriveProgram(page, 30);
  /** The fill a student sees on a block (its outline path), and the toolbox colour of a category. */
  const fill = (id: string) => page.evaluate((i) => {
    const path = document.querySelector(`[data-id="${i}"] > .blocklyPath`);
    return path ? getComputedStyle(path).fill : null;
  }, id);
  const categoryColour = (id: string) => page.evaluate((i) => {
    const row = document.querySelector(`.blocklyToolboxCategory[id="${i}"] .blocklyTreeRow, .blocklyToolboxCategory[id="${i}"]`) as HTMLElement | null;
    return row ? getComputedStyle(row).borderLeftColor + '|' + getComputedStyle(row).backgroundColor : null;
  }, id);
  /** Whether the block's outline starts with Blockly's rounded hat cap (the `c 30,-h 70,-h w,0` curve on its top edge). */
  const hasHatTop = (id: string) => page.evaluate((i) => {
    const d = document.querySelector(`[data-id="${i}"] > .blocklyPath`)?.getAttribute('d') ?? '';
    return /c\s*30,-[\d.]+\s+70,-[\d.]+/.test(d);
  }, id);

  const classicDrive = await fill(drive);
  const classicHat = await fill(hat);
  const classicMotion = await categoryColour('motion');
  expect(classicDrive).toBe('rgb(76, 151, 255)'); // CATEGORY_STYLES.motion.colour #4C97FF
  expect(await hasHatTop(hat)).toBe(true);
  expect(await hasHatTop(drive)).toBe(false);

  await page.getByTestId('theme').selectOption('highContrast');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.themeName())).toMatch(/contrast/i);
  await expect.poll(() => fill(drive)).toBe('rgb(13, 60, 140)'); // HIGH_CONTRAST_COLOURS.motion #0d3c8c
  expect(await fill(hat)).not.toBe(classicHat);
  expect(await categoryColour('motion')).not.toBe(classicMotion);
  expect(await hasHatTop(hat)).toBe(true);

  await page.getByTestId('theme').selectOption('classic');
  await expect.poll(() => fill(drive)).toBe(classicDrive);
});
