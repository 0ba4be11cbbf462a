// Each role signs in through the login page and sees exactly its navigation (docs/architecture.md#roles); a page
// outside the role answers "no access", and signing out returns to the login page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Route } from 'playwright-core';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { collectPageErrors, launchBrowser, screenshot, signIn, unexpectedErrors } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv, insertAdvertisers, login } from '../support/auth.js';

// Written out by hand from docs/architecture.md#roles, not read from client/src/navigation.ts.
const DASHBOARDS = [
  'Overview',
  'Trending videos',
  'Engagement & watch time',
  'Top creators',
  'Revenue',
  'Latency',
  'Moderation KPIs',
  'Data quality',
  'Definitions',
];
const EXPECTED: Record<string, string[]> = {
  admin: [...DASHBOARDS, 'Review queue', 'Campaigns', 'Alerts', 'Rules', 'Silences', 'Notifications', 'Accounts', 'API keys', 'Audit log', 'Status'],
  moderator: ['Moderation KPIs', 'Review queue', 'Status'],
  oncall: [...DASHBOARDS, 'Alerts', 'Rules', 'Silences', 'Notifications', 'Status'],
  analyst: [...DASHBOARDS, 'Campaigns', 'Alerts', 'Status'],
  advertiser: ['Campaigns'],
};
const PASSWORD = 'a-long-test-password';

let c: TestConsole;
let browser: Browser;

before(async () => {
  c = await startTestConsole(bootstrapAdminEnv);
  await c.ready;
  await insertAdvertisers(c, [7]);
  const admin = await login(c, ADMIN.email, ADMIN.password);
  for (const role of ['moderator', 'oncall', 'analyst', 'advertiser']) {
    const res = await admin.call('POST', '/api/admin/accounts', {
      email: `${role}@roles.test`,
      password: PASSWORD,
      role,
      ...(role === 'advertiser' ? { advertiserId: 7 } : {}),
    });
    assert.equal(res.status, 201, await res.text());
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

for (const role of Object.keys(EXPECTED)) {
  test(`${role} signs in and sees exactly its navigation`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const email = role === 'admin' ? ADMIN.email : `${role}@roles.test`;
    await signIn(page, c.url, email, role === 'admin' ? ADMIN.password : PASSWORD);
    assert.equal(await page.getByTestId('user-email').innerText(), email);

    const links = await page.getByTestId('nav').getByRole('link').allInnerTexts();
    const labels = links.map((l) => l.split('\n')[0]!.trim());
    assert.deepEqual(labels, EXPECTED[role]);
    await screenshot(page, `nav-${role}`);

    if (role !== 'admin') {
      await page.goto(`${c.url}/admin/accounts`);
      await page.getByTestId('no-access').waitFor();
    }
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-form').waitFor();
    assert.deepEqual(unexpectedErrors(errors, '401 /api/auth/me'), []);
    await context.close();
  });
}

test('signing out while the panels are still loading: their requests are aborted, none comes back 401', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  // The panels' requests are held, as a busy server holds them; the logout reaches the server first, and the
  // held requests are let through before its answer gets back to the page (the order CI once met).
  const held: Route[] = [];
  await page.route('**/api/metrics/**', (route) => {
    held.push(route);
  });
  let released: Promise<(number | 'aborted')[]> | undefined;
  await page.route('**/api/auth/logout', async (route) => {
    const answer = await route.fetch();
    released = Promise.all(
      held.map(async (panel) => {
        await panel.continue().catch(() => undefined);
        const response = await panel.request().response();
        return response === null ? 'aborted' : response.status();
      }),
    );
    await released;
    await route.fulfill({ response: answer });
  });
  const firstPanel = page.waitForRequest('**/api/metrics/**');
  await signIn(page, c.url, 'analyst@roles.test', PASSWORD);
  await firstPanel;
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-form').waitFor();

  assert.ok(held.length > 0);
  assert.deepEqual(
    await released,
    held.map(() => 'aborted'),
  );
  assert.deepEqual(unexpectedErrors(errors, '401 /api/auth/me'), []);
  await context.close();
});

test('a wrong password shows one error and no session', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${c.url}/login`);
  await page.getByLabel('Email').fill('analyst@roles.test');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.match(await error.innerText(), /email or password/i);
  assert.equal(await page.getByTestId('user-menu').count(), 0);
  await context.close();
});
