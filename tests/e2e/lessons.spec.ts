/**
 * A grade-4 student works through a lesson in the player, against the real host (`ailab serve`), the real check
 * worker and the real sim worker in Chromium: picks a profile, opens "first program → drive to the wall" (the unit the
 * content helper wrote in curricula/grade4/first-program), sees the step text and a toolbox limited to the step's
 * blocks, asks for hints one at a time, checks the starter program (fails, in child-friendly words), replays the
 * failing moment in the stage (same state hash as the checker's run), fixes the program (the reference solution's
 * blocks, put in through the page's test hook — dragging is covered in editor.spec.ts), checks again (passes), answers
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

  // Fix the program and check again: everything passes and the lesson is done.
  await page.evaluate((json) => (window as any).__ailab.loadWorkspace(json), JSON.stringify(solution.workspace));
  await page.getByTestId('check-work').click();
  await expect(results).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
  await expect(results).toContainText('全部通过');
  await expect(page.getByTestId('lesson-complete')).toBeVisible();

  // Reflection answer, saved.
  await page.getByTestId('reflection').fill('把 30 改成 140，小车就开到墙边了。');
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
  const solutionTypes = (JSON.stringify(solution.workspace).match(/"type":"[a-z_]+"/g) ?? []).length;
  await expect.poll(() => page.evaluate(() => JSON.stringify((window as any).__ailab.workspaceJson()).match(/"type":"[a-z_]+"/g)?.length ?? 0)).toBe(solutionTypes);
  await expect(page.getByTestId('reflection')).toHaveValue('把 30 改成 140，小车就开到墙边了。');
  const files = readdirSync(join(host.dataDir, 'progress')).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const record = JSON.parse(readFileSync(join(host.dataDir, 'progress', files[0]), 'utf8'));
  expect(record.student).toBe('4班 7号');
  expect(record.units['first-program']['drive-to-wall']).toMatchObject({ completed: true, step: 1, reflection: '把 30 改成 140，小车就开到墙边了。' });
  expect(record.units['first-program']['drive-to-wall'].hints['go-far']).toBe(2);
});
