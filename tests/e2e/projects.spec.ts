/**
 * Project files through the real host and the real UI: bad `.ailab` files in the projects folder (malformed JSON,
 * made by a newer version, too large) give a clear message in the UI and stay byte-for-byte unchanged on disk and
 * the open work is kept; unsaved work survives a page reload (crash) through the autosaved draft; new project
 * with a kit choice; the unsaved-changes guard.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { translate } from '../../core/i18n';
import { PROJECT_MAX_BYTES, PROJECT_SCHEMA_VERSION, newProject } from '../../core/contracts/project';
import { openApp, startHost, waitForApp, type ServedApp } from './helpers';

type TopBlock = { id: string; type: string; children: string[] };

let host: ServedApp;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host?.stop();
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A small program put in through the app's test hook: "when started → drive 25 cm" (the drag itself is covered in
 *  editor.spec.ts). Marks the project as changed like an edit does. */
async function putProgram(page: Page): Promise<TopBlock[]> {
  await page.evaluate(() =>
    (window as any).__ailab.loadWorkspace({
      blocks: {
        languageVersion: 0,
        blocks: [{
          type: 'event_when_started', id: 'hat1', x: 60, y: 60,
          next: { block: { type: 'robot_drive_cm', id: 'drive1', inputs: { CM: { shadow: { type: 'math_number', id: 'n1', fields: { NUM: 25 } } } } } },
        }],
      },
    }),
  );
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'true');
  return page.evaluate(() => (window as any).__ailab.topBlocks());
}

/** Project → Open → pick `title`; when asked about unsaved changes, answers "Don't save" (the open work must
 *  still survive a failed open). */
async function openFromList(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: /打开/ }).click();
  const guard = page.getByTestId('dialog-unsaved');
  await expect(guard.or(page.getByTestId('dialog-open'))).toBeVisible();
  if (await guard.isVisible()) await guard.getByRole('button', { name: '不保存' }).click();
  await page.getByTestId('dialog-open').getByRole('button', { name: new RegExp(title) }).first().click();
}

test('malformed, future-version and oversized .ailab files give a clear message and stay unchanged on disk', async ({ page }) => {
  const files = {
    '坏文件': '{ "format": "ailab-project", "schemaVersion": 1, "meta": ',
    '新版本': JSON.stringify({ ...newProject('robot', '2026-11-23T00:00:00.000Z', '9.0.0', '新版本'), schemaVersion: PROJECT_SCHEMA_VERSION + 5 }),
    '太大了': `{"format":"ailab-project","pad":"${'x'.repeat(PROJECT_MAX_BYTES + 1024)}"}`,
  };
  const hashes: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const path = join(host.projectsDir, `${name}.ailab`);
    writeFileSync(path, text);
    hashes[name] = sha(path);
  }

  await openApp(page, host.url);
  const work = await putProgram(page);
  const banner = page.getByTestId('error-banner');

  // The Open dialog stays open after a refused file, so the student can pick another.
  await openFromList(page, '坏文件');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('项目文件已损坏');
  await expect(banner).toContainText('文件没有被改动');

  const list = page.getByTestId('dialog-open');
  await list.getByRole('button', { name: /新版本/ }).click();
  await expect(banner).toContainText(translate('zh-CN', 'host', 'error.projectTooNew', { fileVersion: PROJECT_SCHEMA_VERSION + 5, supportedVersion: PROJECT_SCHEMA_VERSION }));

  await list.getByRole('button', { name: /太大了/ }).click();
  await expect(banner).toContainText('项目文件太大');
  await list.getByRole('button', { name: '取消' }).click();
  await banner.getByRole('button').click();
  await expect(banner).toBeHidden();

  // Nothing was overwritten and the student's open work is still there.
  for (const name of Object.keys(files)) expect(sha(join(host.projectsDir, `${name}.ailab`)), `${name}.ailab unchanged`).toBe(hashes[name]);
  expect(await page.evaluate(() => (window as any).__ailab.topBlocks())).toEqual(work);
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'true');
});

test('the error for a bad file is shown in English after switching language', async ({ page }) => {
  writeFileSync(join(host.projectsDir, 'broken.ailab'), 'not json at all');
  await openApp(page, host.url);
  await page.getByTestId('language').click();
  await page.getByRole('button', { name: /Open/ }).click();
  await page.getByTestId('dialog-open').getByRole('button', { name: /broken/ }).first().click();
  await expect(page.getByTestId('error-banner')).toContainText('The project file is damaged');
});

test('unsaved work comes back after the page is reloaded (crash recovery from the autosaved draft)', async ({ page }) => {
  await openApp(page, host.url);
  const work = await putProgram(page);
  // Autosave runs every few seconds; wait until a draft with this work is on disk.
  await page.waitForSelector('body[data-draft-saved-at]', { timeout: 15_000 });

  page.on('dialog', (d) => void d.accept()); // the browser's "leave site?" prompt for unsaved changes
  await page.reload();
  await waitForApp(page, { keepDrafts: true });
  const restore = page.getByTestId('dialog-restore');
  await expect(restore).toBeVisible();
  await expect(restore).toContainText('恢复未保存的作品');
  await restore.getByTestId('restore-draft').first().click();
  await expect(restore).toBeHidden();
  expect(await page.evaluate(() => (window as any).__ailab.topBlocks())).toEqual(work);
  await expect(page.getByTestId('app'), 'restored work is still unsaved').toHaveAttribute('data-dirty', 'true');

  // Saving it clears the draft: the next start offers nothing.
  await page.keyboard.press('Control+S');
  await page.getByTestId('save-name').fill('restored');
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'false');
  await page.reload();
  await waitForApp(page, { keepDrafts: true });
  await expect(page.getByTestId('dialog-restore')).toHaveCount(0);
});

test('New asks about unsaved changes, then makes an empty project for the chosen kit with its toolbox', async ({ page }) => {
  await openApp(page, host.url);
  await putProgram(page);
  await page.getByRole('button', { name: /新建/ }).click();
  const guard = page.getByTestId('dialog-unsaved');
  await expect(guard).toBeVisible();
  await guard.getByRole('button', { name: '取消' }).click();
  expect(await page.evaluate(() => (window as any).__ailab.topBlocks())).toHaveLength(1);

  await page.getByRole('button', { name: /新建/ }).click();
  await guard.getByRole('button', { name: '不保存' }).click();
  await page.getByTestId('new-drone').click();
  expect(await page.evaluate(() => (window as any).__ailab.topBlocks())).toEqual([]);
  await expect(page.getByTestId('kit')).toHaveValue('drone');
  await expect(page.locator('.blocklyToolboxCategory[id="drone"]').first()).toBeVisible();
  await expect(page.locator('.blocklyToolboxCategory[id="motion"]')).toHaveCount(0);
});

test('a saved project keeps earlier versions in its history and an earlier version can be opened', async ({ page }) => {
  await openApp(page, host.url);
  await putProgram(page);
  await page.keyboard.press('Control+S');
  await page.getByTestId('save-name').fill('history-demo');
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'false');
  // Second version: one more block.
  await page.evaluate(() => {
    const a = (window as any).__ailab;
    const json = a.workspaceJson();
    json.blocks.blocks.push({ type: 'event_when_started', id: 'hat2', x: 400, y: 60 });
    a.loadWorkspace(json);
  });
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'false');
  expect(await page.evaluate(() => (window as any).__ailab.topBlocks())).toHaveLength(2);

  await page.getByRole('button', { name: /历史版本/ }).click();
  const dialog = page.getByTestId('dialog-history');
  await expect(dialog.getByRole('button').first()).toBeVisible();
  await dialog.locator('.file').last().click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.topBlocks().length)).toBe(1);
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'true');
});

test('browser mode: uploading a .ailab opens it, and a bad upload is refused with a clear message', async ({ page }) => {
  await openApp(page, host.url);
  const upload = page.locator('input[type="file"]');
  await upload.setInputFiles({ name: 'future.ailab', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...newProject('robot', '2026-11-23T00:00:00.000Z', '9.0.0'), schemaVersion: PROJECT_SCHEMA_VERSION + 1 })) });
  await expect(page.getByTestId('error-banner')).toContainText('更新版本');
  expect(await page.evaluate(() => (window as any).__ailab.topBlocks())).toEqual([]);

  const project = {
    ...newProject('robot', '2026-11-23T00:00:00.000Z', '0.1.0', ''),
    workspace: { blocks: { languageVersion: 0, blocks: [{ type: 'event_when_started', id: 'up1', x: 30, y: 30 }] } },
  };
  await upload.setInputFiles({ name: '上传的.ailab', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await expect(page.getByTestId('doc-title')).toContainText('上传的');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.topBlocks().map((b: TopBlock) => b.id))).toEqual(['up1']);
});
