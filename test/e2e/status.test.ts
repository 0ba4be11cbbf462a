// A person opens the console in Chromium: the shell, its navigation, and the status page with
// store health and row counts read from the screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { launchBrowser, screenshot, collectPageErrors, signIn } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv } from '../support/auth.js';
import { tableCount } from '../support/sql.js';

let c: TestConsole;
let browser: Browser;

before(async () => {
  c = await startTestConsole({ DEMO_DATA: '1', DEMO_SIZE: 'small', ...bootstrapAdminEnv });
  await c.ready;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

test('the status page shows both stores healthy and the row counts in the stores', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, c.url, ADMIN.email, ADMIN.password);
  const errors = collectPageErrors(page);
  await page.goto(`${c.url}/status`);
  const banner = page.getByTestId('health-banner');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('data-status'), 'ok');
  assert.match((await page.getByTestId('store-postgres').innerText()).toUpperCase(), /OK/);
  assert.match((await page.getByTestId('store-clickhouse').innerText()).toUpperCase(), /OK/);

  // Row counts as a person reads them, against counts taken straight from the stores.
  const rows = page.getByTestId('rows-postgres');
  await rows.waitFor();
  const usersRow = rows.locator('tr', { has: page.getByRole('cell', { name: 'users', exact: true }) });
  const shown = Number((await usersRow.locator('td').nth(1).innerText()).replace(/,/g, ''));
  const expected = await tableCount(c, 'users');
  assert.ok(expected > 0, 'the small demo data set has users');
  assert.equal(shown, expected);

  await screenshot(page, 'status');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the navigation reaches every section, and an unknown page says so', async () => {
  const page = await browser.newPage();
  await signIn(page, c.url, ADMIN.email, ADMIN.password);
  await page.goto(`${c.url}/status`);
  const nav = page.getByTestId('nav');
  await nav.waitFor();
  // Each section by its link, as a person would: the address, the breadcrumb and the page's heading change.
  const sections: [string, string][] = [
    ['Overview', '/overview'],
    ['Trending videos', '/trending'],
    ['Review queue', '/moderation'],
    ['Campaigns', '/campaigns'],
    ['Alerts', '/alerts'],
    ['Audit log', '/admin/audit-log'],
    ['Status', '/status'],
  ];
  for (const [section, path] of sections) {
    await nav.getByRole('link', { name: section, exact: true }).click();
    await page.waitForURL((u) => u.pathname === path);
    // The address changes first; the view follows once the page's code (its own chunk) has loaded.
    await page.locator('.breadcrumbs__page', { hasText: new RegExp(`^${section}$`) }).waitFor();
    assert.equal(await page.locator('.breadcrumbs__page').innerText(), section);
    await page.locator('main h1').first().waitFor();
    assert.equal(await page.getByTestId('no-access').count(), 0, section);
    assert.equal(await page.getByTestId('page-not-found').count(), 0, section);
  }
  await page.goto(`${c.url}/no/such/page`);
  await page.getByTestId('page-not-found').waitFor();
  await page.close();
});
