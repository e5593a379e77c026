/**
 * A grade-4 student works through a lesson in the player, against the real host (`ailab serve`), the real check
 * worker and the real sim worker in Chromium: picks a profile, opens "first program → drive to the wall" (the unit the
 * content helper wrote in curricula/grade4/first-program), sees the step text and a toolbox limited to the step's
 * blocks, asks for hints one at a time, checks the starter program (fails, in child-friendly words), replays the
 * failing moment in the stage (same state hash as the checker's run), fixes the program with the mouse and keyboard
 * (types the distance, checks again: closer, but the lights still fail; drags two "set LED" blocks out of the
 * limited toolbox and picks green for the first), checks again (passes), answers
 * the reflection question, and finds the lesson marked done after reloading the app; the progress file is on disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp, REPO_ROOT, startHost, waitForApp, type ServedApp } from './helpers';

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const UNIT = join(REPO_ROOT, 'curricula', 'grade4', 'first-program');
const solution = JSON.parse(readFileSync(join(UNIT, 'lessons', 'drive-to-wall', 'solution.ailab'), 'utf8')) as { workspace: unknown };

const categories = (page: Page) => page.locator('.blocklyToolboxCategory').evaluateAll((els) => els.map((e) => e.id));

interface Rect { x: number; y: number; width: number; height: number }

/** The first block of `type` in the open flyout (waits for the flyout to draw it). */
async function flyoutRect(page: Page, type: string): Promise<Rect> {
  await expect.poll(() => page.evaluate((t) => (window as any).__ailab.flyoutBlockRect(t), type)).not.toBeNull();
  return page.evaluate((t) => (window as any).__ailab.flyoutBlockRect(t), type);
}

/** A real mouse drag: grab the block 8 px inside its top-left corner and drop that point at `to`. */
async function drag(page: Page, block: Rect, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(block.x + 8, block.y + 8);
  await page.mouse.down();
  await page.mouse.move(block.x + 28, block.y + 13, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

/** Clicks the number slot `input` of block `id` and types `value` (clicked again if the first click came too early). */
async function typeNumber(page: Page, id: string, input: string, value: number): Promise<void> {
  const editor = page.locator('.blocklyHtmlInput');
  await expect(async () => {
    const field: Rect = await page.evaluate(([b, i]) => (window as any).__ailab.inputFieldRect(b, i), [id, input]);
    await page.mouse.click(field.x + field.width / 2, field.y + field.height / 2);
    await expect(editor).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 15_000 });
  await editor.fill(String(value));
  await editor.press('Enter');
  await expect.poll(() => page.evaluate(([b, i]) => (window as any).__ailab.inputNumber(b, i), [id, input])).toBe(value);
}

/** Opens the dropdown in slot `input` of block `id` and picks the option labelled `label`. */
async function pickDropdown(page: Page, id: string, input: string, label: string): Promise<void> {
  const option = page.locator('.blocklyDropDownDiv .blocklyMenuItem').filter({ hasText: new RegExp(`^${label}$`) });
  await expect(async () => {
    const field: Rect = await page.evaluate(([b, i]) => (window as any).__ailab.inputFieldRect(b, i), [id, input]);
    await page.mouse.click(field.x + field.width / 2, field.y + field.height / 2);
    await expect(option).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 15_000 });
  await option.click();
}

test('a grade-4 lesson: steps, limited toolbox, hints, a failing check replayed, a fix that passes, progress kept', async ({ page }) => {
  await openApp(page, host.url);
  expect(await categories(page)).toContain('events');

  await page.getByTestId('lessons-button').click();
  await page.getByTestId('student-name').fill('4班 7号');
  await page.getByTestId('student-start').click();
  await expect(page.getByTestId('grade-4')).toContainText('四年级');
  // A teacher can read a unit's notes before opening a lesson.
  await page.getByTestId('unit-notes-first-program').click();
  await expect(page.getByTestId('unit-teacher-notes')).not.toBeEmpty();
  await page.getByTestId('unit-notes-first-program').click();
  await expect(page.getByTestId('unit-teacher-notes')).toHaveCount(0);
  await page.getByTestId('lesson-first-program-drive-to-wall').click();

  // Step 1: its Markdown text, and only the step's blocks in the toolbox.
  await expect(page.getByTestId('lesson-title')).toContainText('开到墙边');
  await expect(page.getByTestId('step-counter')).toHaveText('第 1 步，共 2 步');
  await expect(page.getByTestId('step-text')).not.toBeEmpty();
  await expect.poll(() => categories(page)).toEqual(['motion', 'looks']);
  // The starter is in the editor.
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.topBlocks().map((b: { type: string }) => b.type))).toEqual(['event_when_started']);

  await page.getByTestId('step-next').click();
  await expect(page.getByTestId('step-counter')).toHaveText('第 2 步，共 2 步');

  // Hints, one at a time.
  await expect(page.getByTestId('hint')).toHaveCount(0);
  await page.getByTestId('hint-button').click();
  await expect(page.getByTestId('hint')).toHaveCount(1);
  await expect(page.getByTestId('hint').first()).toContainText('100');
  await page.getByTestId('hint-button').click();
  await expect(page.getByTestId('hint')).toHaveCount(2);

  // Check the starter: it fails, and says so in a child's words.
  await page.getByTestId('check-work').click();
  const results = page.getByTestId('check-results');
  await expect(results).toHaveAttribute('data-passed', 'false', { timeout: 30_000 });
  const nearWall = page.locator('[data-testid="check-result"][data-check="near-wall"]');
  await expect(nearWall).toHaveAttribute('data-passed', 'false');
  await expect(nearWall).toContainText('小车离墙还很远');
  const noCrash = page.locator('[data-testid="check-result"][data-check="no-crash"]');
  await expect(noCrash).toHaveAttribute('data-passed', 'true');
  // The same results in English after switching the language (and back).
  await page.getByTestId('language').click();
  await expect(nearWall).toContainText('The robot is still far from the wall');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 2 of 2');
  await page.getByTestId('language').click();
  await expect(nearWall).toContainText('小车离墙还很远');

  // "Show me": the stage replays the run and stops at the failing moment — the checker's end of run, same hash.
  const atMs = Number(await nearWall.getAttribute('data-at-ms'));
  const checkerHash = await results.getAttribute('data-state-hash');
  expect(atMs).toBeGreaterThan(0);
  await nearWall.getByTestId('show-me').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.timeMs())).toBe(atMs);
  expect(await page.evaluate(() => (window as any).__ailab.stateHash())).toBe(checkerHash);

  // Fix the program as a student does, with the mouse and keyboard. First the distance (hint 1): 30 → 100 cm.
  const drive = 'drive-starter-3';
  await typeNumber(page, drive, 'CM', 100);
  await page.getByTestId('check-work').click();
  await expect(nearWall).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
  await expect(results).toHaveAttribute('data-passed', 'false');
  await expect(page.locator('[data-testid="check-result"][data-check="green-light"]')).toHaveAttribute('data-passed', 'false');
  // Then the lights: a "set LED" (red by default) dropped under the drive block, another under the hat, set to green.
  await page.locator('.blocklyToolboxCategory[id="looks"]').first().click();
  const driveRect: Rect = await page.evaluate((id) => (window as any).__ailab.blockRect(id), drive);
  await drag(page, await flyoutRect(page, 'looks_set_led'), { x: driveRect.x + 8, y: driveRect.y + driveRect.height + 8 });
  const hat: string = await page.evaluate(() => (window as any).__ailab.topBlocks()[0].id);
  const hatRect: Rect = await page.evaluate((id) => (window as any).__ailab.blockRect(id), hat);
  await page.locator('.blocklyToolboxCategory[id="looks"]').first().click();
  await drag(page, await flyoutRect(page, 'looks_set_led'), { x: hatRect.x + 8, y: hatRect.y + hatRect.height + 8 });
  const top = await page.evaluate(() => (window as any).__ailab.topBlocks() as { next: string | null; children: string[] }[]);
  expect(top, 'both lights snapped into the one script').toHaveLength(1);
  expect(top[0]!.next).toBe('looks_set_led');
  expect(top[0]!.children.filter((t) => t === 'looks_set_led')).toHaveLength(2);
  const firstLed: string = await page.evaluate((id) => (window as any).__ailab.childOfType(id, 'looks_set_led'), hat);
  await pickDropdown(page, firstLed, 'COLOUR', '绿');
  await page.getByTestId('check-work').click();
  await expect(results).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
  await expect(results).toContainText('全部通过');
  await expect(page.getByTestId('lesson-complete')).toBeVisible();
  // The blocks of the program the student built, in order (compared after the reload).
  const blockTypes = () => page.evaluate(() => JSON.stringify((window as any).__ailab.workspaceJson()).match(/"type":"[a-z_]+"/g) ?? []);
  const built = await blockTypes();
  expect(built).toEqual(JSON.stringify(solution.workspace).match(/"type":"[a-z_]+"/g));

  // Reflection answer, saved.
  await page.getByTestId('reflection').fill('把 30 改成 100，再加上绿灯和红灯。');
  await expect(page.getByTestId('progress-saved')).toBeVisible();

  // Teacher notes are there for the teacher.
  await page.getByTestId('teacher-notes-button').click();
  await expect(page.getByTestId('teacher-notes')).not.toBeEmpty();

  // After a reload the same student (remembered) sees the lesson marked done; the record is on disk.
  await page.reload();
  // (The unsaved lesson program was also autosaved as a draft; the helper dismisses the restore offer.)
  await waitForApp(page);
  await page.getByTestId('lessons-button').click();
  await expect(page.getByTestId('lesson-student')).toContainText('4班 7号');
  await expect(page.getByTestId('done-first-program-drive-to-wall')).toBeVisible();
  await expect(page.getByTestId('unit-progress-first-program')).toHaveText('完成 1/2 课');
  // Opening the lesson again brings back the student's own program, the step they were on and the last result.
  await page.getByTestId('lesson-first-program-drive-to-wall').click();
  await expect(page.getByTestId('step-counter')).toHaveText('第 2 步，共 2 步');
  await expect(page.getByTestId('last-check')).toHaveText('上次检查：通过 4/4 项');
  await expect.poll(blockTypes).toEqual(built);
  await expect(page.getByTestId('reflection')).toHaveValue('把 30 改成 100，再加上绿灯和红灯。');
  const files = readdirSync(join(host.dataDir, 'progress')).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const record = JSON.parse(readFileSync(join(host.dataDir, 'progress', files[0]), 'utf8'));
  expect(record.student).toBe('4班 7号');
  expect(record.units['first-program']['drive-to-wall']).toMatchObject({ completed: true, step: 1, reflection: '把 30 改成 100，再加上绿灯和红灯。' });
  expect(record.units['first-program']['drive-to-wall'].hints['go-far']).toBe(2);
});
