// A moderator's day in Chromium (README#moderation): sign in, claim the top case, reveal the media
// (blurred and muted until then), remove the video with a reason, see the case leave the queue;
// an admin then finds the decision in the audit log. Keyboard shortcuts on the case page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { auditLogRows, collectPageErrors, launchBrowser, screenshot, signIn } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { insertQueueFixture } from '../support/moderation-fixture.js';

const MODERATOR = { email: 'moderator@moderation.test', password: 'a-long-test-password' };
let c: TestConsole;
let browser: Browser;

before(async () => {
  c = await startTestConsole(bootstrapAdminEnv);
  await c.ready;
  const admin = await login(c, ADMIN.email, ADMIN.password);
  const res = await admin.call('POST', '/api/admin/accounts', { ...MODERATOR, role: 'moderator' });
  assert.equal(res.status, 201, await res.text());
  await insertQueueFixture(c);
  // The top case's video plays a demo clip served by the console (range requests).
  await c.stores.pg.handle.pool.query("UPDATE videos SET video_url = '/media/video/104.webm', thumbnail_url = '/media/thumb/104.svg' WHERE id = 104");
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

test('a moderator claims the top case, reveals the media, removes the video, and the case leaves the queue', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, c.url, MODERATOR.email, MODERATOR.password);
  // A moderator starts on the queue. Fixture order by hand: 4, 1, 3, 2, 5.
  await page.getByTestId('queue-table').waitFor();
  const rows = page.getByTestId('queue-row');
  assert.equal(await rows.count(), 5);
  const firstLinks = await page.locator('[data-testid^="queue-case-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(firstLinks, ['queue-case-4', 'queue-case-1', 'queue-case-3', 'queue-case-2', 'queue-case-5']);
  await page.getByTestId('moderation-stats').waitFor();
  await screenshot(page, 'moderation-queue');

  await page.getByTestId('queue-case-4').click();
  await page.getByTestId('case-page').waitFor();
  const media = page.getByTestId('case-media');
  assert.equal(await media.getAttribute('data-revealed'), 'false');
  const video = page.getByTestId('case-video');
  assert.equal(await video.evaluate((v) => (v as HTMLVideoElement).muted), true);
  assert.match((await media.locator('.media__frame').getAttribute('class')) ?? '', /media__frame--blurred/);

  await page.getByTestId('claim-case').click();
  await page.getByTestId('case-claim').getByText('You').waitFor();
  await screenshot(page, 'moderation-case-claimed');

  await page.getByTestId('reveal-media').click();
  assert.equal(await media.getAttribute('data-revealed'), 'true');
  assert.equal(await video.evaluate((v) => (v as HTMLVideoElement).muted), false);
  // Reveal starts playback: enough data to play, and the clock moves.
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid="case-video"]') as HTMLVideoElement | null;
    return !!v && v.readyState >= 2 && v.currentTime > 0.2;
  });
  const t1 = await video.evaluate((v) => (v as HTMLVideoElement).currentTime);
  await page.waitForFunction((t) => (document.querySelector('[data-testid="case-video"]') as HTMLVideoElement).currentTime !== t, t1);
  assert.doesNotMatch((await media.locator('.media__frame').getAttribute('class')) ?? '', /blurred/);

  await page.getByLabel('Remove').check();
  await page.getByLabel('Policy reason').selectOption('self_harm');
  await page.getByLabel('Internal note (optional)').fill('shows self-harm instructions');
  await page.getByTestId('decision-submit').click();
  await page.getByTestId('decision-done').waitFor();
  assert.match(await page.getByTestId('decision-done').innerText(), /Remove recorded .* the case is resolved/);
  await page.getByTestId('video-visibility').getByText('removed').waitFor();
  // The history panel shows the decision with its reason and the visibility change.
  const history = await page.getByTestId('case-history').innerText();
  assert.match(history, /Remove · Self-harm/);
  assert.match(history, /video public → removed/);
  await screenshot(page, 'moderation-case-decided');

  await page.getByRole('link', { name: 'Back to the queue' }).click();
  await page.getByTestId('queue-table').waitFor();
  const after = await page.locator('[data-testid^="queue-case-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(after, ['queue-case-1', 'queue-case-3', 'queue-case-2', 'queue-case-5']);
  // The login page asks /api/auth/me before signing in: that 401 is expected.
  assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
  await context.close();

  // The admin sees the decision in the audit log.
  const audit = await auditLogRows(browser, c.url, ADMIN, 'moderation.decision', 'moderation-audit-log');
  assert.equal(audit.length, 1);
  assert.match(audit[0]!, /moderator@moderation\.test[\s\S]*moderation_case[\s\S]*4/);
});

test('keyboard shortcuts on the case page: help, outcome keys, claim, reveal, next and previous', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, c.url, MODERATOR.email, MODERATOR.password);
  // Queue now (case 4 decided above): 1, 3, 2, 5.
  await page.goto(`${c.url}/moderation/cases/3`);
  await page.getByTestId('case-page').waitFor();
  await page.getByText('2 of 4 in the queue').waitFor();
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts').waitFor();
  await page.keyboard.press('v');
  assert.equal(await page.getByTestId('case-media').getAttribute('data-revealed'), 'true');
  await page.keyboard.press('c');
  await page.getByTestId('case-claim').getByText('You').waitFor();
  await page.keyboard.press('a');
  assert.equal(await page.getByLabel('Age-restrict').isChecked(), true);
  // The reason select has the focus: Escape leaves it, then shortcuts work again.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'decision-reason');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('j');
  await page.getByText('3 of 4 in the queue').waitFor();
  assert.match(page.url(), /\/moderation\/cases\/2$/);
  assert.equal(await page.getByTestId('case-media').getAttribute('data-revealed'), 'false');
  await page.keyboard.press('k');
  await page.getByText('2 of 4 in the queue').waitFor();
  assert.match(page.url(), /\/moderation\/cases\/3$/);
  await screenshot(page, 'moderation-case-shortcuts');
  // The login page asks /api/auth/me before signing in: that 401 is expected.
  assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
  await context.close();
});

test('bulk: the selected cases get one decision and the page says what happened to each', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, c.url, MODERATOR.email, MODERATOR.password);
  await page.getByTestId('queue-table').waitFor();
  // Case 1 is open; case 5 is escalated, which only an admin decides: one 200, one 403.
  await page.getByLabel('Select case 1').check();
  await page.getByLabel('Select case 5').check();
  await page.getByLabel('Outcome').selectOption('dismiss');
  await page.getByLabel('Policy reason').selectOption('no_violation');
  await page.getByRole('button', { name: 'Dismiss 2 cases' }).click();
  const result = page.getByTestId('bulk-result');
  await result.waitFor();
  assert.match(await result.innerText(), /1 decided, 1 not decided/);
  assert.match(await result.innerText(), /Case 5: Escalated cases are decided by admins\. \(403\)/);
  await page.getByTestId('queue-case-1').waitFor({ state: 'detached' });
  await screenshot(page, 'moderation-queue-bulk');
  assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
  await context.close();
});
