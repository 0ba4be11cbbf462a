// Issue 14 in Chromium: a moderator finds a video by its title in the header search ("/"),
// opens its case, presses Reveal and the video plays (readyState ≥ 2, currentTime advancing),
// suspends the creator with a reason; the user page and the admin's audit log show it. Also the
// user page's loading, error and empty states and the search's empty answer, as screenshots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { auditLogRows, collectPageErrors, launchBrowser, screenshot, signIn, unexpectedErrors } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { insertQueueFixture, insertUser } from '../support/moderation-fixture.js';

const MODERATOR = { email: 'moderator@accounts.test', password: 'a-long-test-password' };
let c: TestConsole;
let browser: Browser;

before(async () => {
  c = await startTestConsole(bootstrapAdminEnv);
  await c.ready;
  const admin = await login(c, ADMIN.email, ADMIN.password);
  const res = await admin.call('POST', '/api/admin/accounts', { ...MODERATOR, role: 'moderator' });
  assert.equal(res.status, 201, await res.text());
  await insertQueueFixture(c);
  await insertUser(c, 77, 'quiet_viewer');
  const q = (text: string) => c.stores.pg.handle.pool.query(text);
  await q("UPDATE videos SET title = 'Midnight skate tricks', video_url = '/media/video/103.webm', thumbnail_url = '/media/thumb/103.svg' WHERE id = 103");
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

test('search a video by title, open its case, reveal and watch it play, suspend the creator; user page and audit log show it', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, c.url, MODERATOR.email, MODERATOR.password);
  await page.getByTestId('queue-table').waitFor();

  // "/" focuses the header search; the video group lists the match; Enter opens its case.
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'search-input');
  await page.keyboard.type('skate trick');
  const videos = page.getByTestId('search-group-videos');
  await videos.getByText('Midnight skate tricks').waitFor();
  await screenshot(page, 'search-results');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/moderation\/cases\/3$/);
  await page.getByTestId('case-page').waitFor();

  const media = page.getByTestId('case-media');
  assert.equal(await media.getAttribute('data-revealed'), 'false');
  await page.getByTestId('reveal-media').click();
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid="case-video"]') as HTMLVideoElement | null;
    return !!v && v.readyState >= 2 && v.currentTime > 0.2 && !v.muted;
  });
  const t1 = await page.getByTestId('case-video').evaluate((v) => (v as HTMLVideoElement).currentTime);
  await page.waitForFunction((t) => (document.querySelector('[data-testid="case-video"]') as HTMLVideoElement).currentTime !== t, t1);
  await screenshot(page, 'case-video-playing');

  // Suspend the creator for 7 days with a reason and a note.
  const account = page.getByTestId('creator-account');
  await account.getByLabel('Suspend').check();
  await account.getByLabel('Suspend for').selectOption('168');
  await account.getByLabel('Grounds for the account action').selectOption('repeat_violations');
  await account.getByLabel('Account note (optional)').fill('third report this week');
  await account.getByTestId('account-action-submit').click();
  await page.getByTestId('account-done').getByText('Suspend recorded on @creator_one.').waitFor();
  await account.getByText(/^Suspended until/).waitFor();
  await screenshot(page, 'case-creator-suspended');

  // The creator's page: standing, the action with its reason and note.
  await account.getByRole('link', { name: '@creator_one' }).click();
  await page.getByTestId('user-page').waitFor();
  assert.match(await page.getByTestId('user-standing').innerText(), /Suspended until/);
  const list = page.getByTestId('account-action-list');
  assert.match(
    await list.innerText(),
    /Suspend · Repeat violations · as creator · in force[\s\S]*by moderator@accounts\.test[\s\S]*case 3[\s\S]*“third report this week”/,
  );
  await screenshot(page, 'user-page');

  // The queue marks the suspended creator's cases.
  await page.goto(`${c.url}/moderation`);
  await page.getByTestId('queue-standing-4').getByText('Suspended').waitFor();
  await screenshot(page, 'queue-suspended-creator');
  // The login page asks who is signed in before signing in: that one 401 is expected, nothing else.
  assert.deepEqual(unexpectedErrors(errors, '401 /api/auth/me'), []);
  await context.close();

  // The admin's audit log has the action.
  const rows = await auditLogRows(browser, c.url, ADMIN, 'moderation.account_action', 'audit-log-account-action');
  assert.equal(rows.length, 1);
  assert.match(rows[0]!, /moderator@accounts\.test[\s\S]*platform_user[\s\S]*1/);
});

test('user page loading, error and empty states; search with nothing found', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signIn(page, c.url, MODERATOR.email, MODERATOR.password);
  // Loading: hold the answer back until the skeleton is on screen.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/moderation/users/77', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${c.url}/users/77`);
  await page.locator('.loading-region', { hasText: 'Loading the user' }).waitFor();
  await screenshot(page, 'user-page-loading');
  release();
  // Empty: a viewer with no videos, reports or actions.
  await page.getByTestId('user-page').waitFor();
  await page.getByText('No videos.').waitFor();
  await page.getByText('No account action yet.').waitFor();
  await screenshot(page, 'user-page-empty');
  await page.unroute('**/api/moderation/users/77');
  // Error: an unknown user.
  await page.goto(`${c.url}/users/99999`);
  await page.getByText('Could not load the user').waitFor();
  await screenshot(page, 'user-page-error');
  // Search: nothing found.
  await page.getByTestId('search-input').fill('zzzzzz');
  await page.getByTestId('search-empty').waitFor();
  await screenshot(page, 'search-empty');
  await context.close();
});

test('the video page plays the video too, blurred until revealed', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, c.url, ADMIN.email, ADMIN.password);
  await page.goto(`${c.url}/videos/103`);
  const media = page.getByTestId('video-page-media');
  await media.waitFor();
  assert.equal(await media.getAttribute('data-revealed'), 'false');
  await media.getByTestId('reveal-media').click();
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid="video-page-video"]') as HTMLVideoElement | null;
    return !!v && v.readyState >= 2 && v.currentTime > 0.2 && !v.muted;
  });
  await screenshot(page, 'video-page-playing');
  // The login page asks who is signed in before signing in: that one 401 is expected, nothing else.
  assert.deepEqual(unexpectedErrors(errors, '401 /api/auth/me'), []);
  await context.close();
});
