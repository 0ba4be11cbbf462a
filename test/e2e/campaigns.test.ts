// An advertiser signs in, sees only its own campaigns, opens a report (days in Asia/Kathmandu),
// reads the KPI tiles and downloads the CSV exports; the files are parsed with csv-parse and
// compared with numbers worked out by hand from the fixture (test/support/campaign-fixture.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { collectPageErrors, launchBrowser, screenshot, signIn, unexpectedErrors } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { ADV_A, ADV_B, loadCampaignFixture } from '../support/campaign-fixture.js';

const PASSWORD = 'a-long-test-password';
let c: TestConsole;
let browser: Browser;

before(async () => {
  c = await startTestConsole(bootstrapAdminEnv);
  await c.ready;
  await loadCampaignFixture(c);
  const admin = await login(c, ADMIN.email, ADMIN.password);
  for (const [email, advertiserId] of [
    ['ads-a@campaigns.test', ADV_A.id],
    ['ads-b@campaigns.test', ADV_B.id],
  ] as const) {
    const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role: 'advertiser', advertiserId });
    assert.equal(res.status, 201, await res.text());
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

async function campaignNames(page: Page): Promise<string[]> {
  await page.getByTestId('campaigns-table').waitFor();
  return (await page.getByTestId('campaigns-table').locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.trim());
}

test('advertiser A sees its campaigns only, opens a report and downloads the CSVs', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, c.url, 'ads-a@campaigns.test', PASSWORD);
  // An advertiser starts on its campaigns.
  await page.getByTestId('campaigns-page').waitFor();
  const names = await campaignNames(page);
  assert.equal(names.length, 6);
  assert.ok(names.includes('+1 deal'));
  assert.ok(!names.includes('Fall boots'), 'advertiser B\u2019s campaign is not listed');
  assert.equal(await page.getByTestId('advertiser-filter').count(), 0);
  await screenshot(page, 'campaigns-list-advertiser');

  await page.getByTestId('campaign-link-1001').click();
  await page.getByTestId('campaign-report-page').waitFor();
  await page.getByTestId('report-timezone').waitFor();
  assert.equal(await page.getByTestId('report-timezone').innerText(), 'Asia/Kathmandu');
  await page.getByTestId('range-from').fill('2026-11-09');
  await page.getByTestId('range-to').fill('2026-11-11');
  await page.getByRole('button', { name: 'Apply' }).click();
  // Hand-worked totals of 11-09..11-11: 7 impressions, reach 5, 3 clicks, spend 4.75 NPR.
  await page.getByTestId('kpi-Impressions').getByText('7', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('kpi-Reach').locator('.kpi__value').innerText(), '5');
  assert.equal(await page.getByTestId('kpi-Clicks').locator('.kpi__value').innerText(), '3');
  assert.match(await page.getByTestId('kpi-Spend').locator('.kpi__value').innerText(), /4\.75/);
  assert.equal(await page.getByTestId('daily-table').locator('tbody tr').count(), 4);
  await page.getByTestId('daily-chart').locator('.recharts-surface').first().waitFor();
  await screenshot(page, 'campaign-report');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report-csv').click()]);
  assert.equal(download.suggestedFilename(), 'campaign-1001_report_2026-11-09_to_2026-11-11_Asia-Kathmandu.csv');
  const rows = parse(fs.readFileSync((await download.path())!, 'utf8'), { bom: true, comment: '#', comment_no_infix: true }) as string[][];
  const h = rows[0]!;
  assert.deepEqual(
    rows.slice(1).map((r) => [r[h.indexOf('date')], r[h.indexOf('impressions')], r[h.indexOf('reach')]]),
    [
      ['2026-11-09', '1', '1'],
      ['2026-11-10', '4', '4'],
      ['2026-11-11', '2', '2'],
      ['total', '7', '5'],
    ],
  );
  await page.getByTestId('export-done').waitFor();

  const [events] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-events-csv').click()]);
  const eventRows = parse(fs.readFileSync((await events.path())!, 'utf8'), { bom: true, comment: '#', comment_no_infix: true }) as string[][];
  assert.equal(eventRows.length, 1 + 16);
  assert.equal(eventRows.slice(1).filter((r) => r[4] === 'click').length, 3);

  // Schedule a weekly report and send it now (no SMTP_URL here: it lands in DATA_DIR/outbox).
  await page.getByTestId('schedule-form').getByLabel('Recipients (up to 5)').fill('ana@example.test, bo@example.test');
  await page.getByRole('button', { name: 'Schedule' }).click();
  const row = page.getByTestId('schedules-table').locator('tbody tr').first();
  await row.waitFor();
  assert.match(await row.innerText(), /ana@example\.test, bo@example\.test/);
  await row.getByRole('button', { name: 'Send now' }).click();
  await row.getByText('SENT', { exact: true }).waitFor();
  assert.equal(fs.readdirSync(`${c.dataDir}/outbox`).filter((f) => f.endsWith('.eml')).length, 1);
  await screenshot(page, 'campaign-report-schedules');

  // Another advertiser's campaign by URL: the page says it does not exist.
  await page.goto(`${c.url}/campaigns/2001`);
  await page.getByText('No such campaign').waitFor();
  // The 401 is /api/auth/me before signing in; the 404 is the other advertiser's campaign.
  assert.deepEqual(unexpectedErrors(errors, '401 /api/auth/me', '404 /api/campaigns/2001/report'), []);
  await context.close();
});

test('advertiser B sees only its campaign; an admin sees every advertiser with a filter', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signIn(page, c.url, 'ads-b@campaigns.test', PASSWORD);
  assert.deepEqual(await campaignNames(page), ['Fall boots']);
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-form').waitFor();

  await signIn(page, c.url, ADMIN.email, ADMIN.password);
  await page.goto(`${c.url}/campaigns`);
  assert.equal((await campaignNames(page)).length, 7);
  await page.getByTestId('advertiser-filter').selectOption(String(ADV_B.id));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="campaigns-table"] tbody tr').length === 1);
  assert.deepEqual(await campaignNames(page), ['Fall boots']);
  await page.getByTestId('advertiser-filter').selectOption('');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="campaigns-table"] tbody tr').length === 7);
  await screenshot(page, 'campaigns-list-admin');
  await context.close();
});
