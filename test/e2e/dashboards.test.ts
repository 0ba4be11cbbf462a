// An analyst opens the overview, switches to the last 7 days and another timezone, reloads (the
// view is kept, from the URL), and opens a video from the trending table. Fixture: the
// two videos with views and three gifts 3 days ago (outside the default 24 h, inside "last 7 days"),
// loaded through the ingest API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { collectPageErrors, launchBrowser, screenshot, signIn } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';

const PASSWORD = 'analyst-password-long';
let c: TestConsole;
let browser: Browser;

// 3 days ago: 40 views of video 951 (10 of them liked), 12 views of video 952.
const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();

before(async () => {
  c = await startTestConsole(bootstrapAdminEnv);
  await c.ready;
  const admin = await login(c, ADMIN.email, ADMIN.password);
  // The fixture goes in through the ingest API, as the platform feeds the console.
  const keyRes = await admin.call('POST', '/api/admin/api-keys', { name: 'e2e', scopes: ['ingest'] });
  const { key } = (await keyRes.json()) as { key: string };
  const ingest = async (stream: string, rows: Record<string, unknown>[]) => {
    const res = await c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: rows.map((r) => JSON.stringify(r)).join('\n'),
    });
    const body = (await res.json()) as { accepted: number };
    assert.equal(body.accepted, rows.length, `${stream}: ${JSON.stringify(body)}`);
  };
  const updated_at = '2026-01-01T00:00:00Z';
  await ingest('users', [{ id: 950, username: 'e2e_creator', email: 'c@e2e.test', role: 'creator', region: 'US', updated_at }]);
  await ingest('videos', [
    { id: 951, creator_id: 950, title: 'Cats at dawn', duration_ms: 30000, region: 'US', thumbnail_url: '/media/thumb/951.svg', updated_at },
    { id: 952, creator_id: 950, title: 'Dogs at dusk', duration_ms: 30000, region: 'US', thumbnail_url: '/media/thumb/952.svg', updated_at },
  ]);
  await ingest(
    'video-events',
    [
      ...Array.from({ length: 40 }, () => ({ video_id: 951, type: 'view', watch_ms: 15_000 })),
      ...Array.from({ length: 10 }, () => ({ video_id: 951, type: 'like', watch_ms: 0 })),
      ...Array.from({ length: 12 }, () => ({ video_id: 952, type: 'view', watch_ms: 30_000 })),
    ].map((r) => ({ ...r, event_id: randomUUID(), ts: at(72), creator_id: 950, user_id: 1, region: 'US', device: 'web' })),
  );
  // 3 gifts of 2^53 - 1 cents: $270,215,977,642,229.73, a sum no double holds (its nearest is ...72).
  const gift = (id: number) => ({ id, kind: 'gift', amount_minor: 2 ** 53 - 1, currency: 'USD', user_id: 950, occurred_at: at(72), updated_at });
  await ingest('transactions', [gift(9501), gift(9502), gift(9503)]);
  const res = await admin.call('POST', '/api/admin/accounts', { email: 'analyst@e2e.test', password: PASSWORD, role: 'analyst', timezone: 'UTC' });
  assert.equal(res.status, 201, await res.text());
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

test('analyst: overview, last 7 days in Asia/Kathmandu, reload keeps the view, open a trending video', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Collected after signing in: the login page's own GET /api/auth/me answers 401 by design.
  await signIn(page, c.url, 'analyst@e2e.test', PASSWORD);
  const errors = collectPageErrors(page);
  // Analysts land on the overview.
  await page.waitForURL(/\/overview$/);
  await page.getByTestId('kpi-views').waitFor();
  assert.equal(await page.getByTestId('dashboard-tz').innerText(), 'UTC');
  // The default window is the last 24 hours: the views of 3 days ago are not in it.
  assert.equal(await page.getByTestId('kpi-views-value').innerText(), '0');

  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await page.getByTestId('dashboard-controls').getByLabel('Timezone').selectOption('Asia/Kathmandu');
  await page.waitForURL(/range=7d/);
  await page.waitForURL(/tz=Asia%2FKathmandu/);
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-views-value"]')?.textContent === '52');
  assert.equal(await page.getByTestId('dashboard-tz').innerText(), 'Asia/Kathmandu');
  // Revenue arrives as digits and is formatted from them: 3 × 9,007,199,254,740,991 cents.
  assert.equal(await page.getByTestId('kpi-revenue-value').innerText(), '$270,215,977,642,229.73');
  await screenshot(page, 'dashboards-overview-7d');

  await page.reload();
  await page.getByTestId('kpi-views').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-views-value"]')?.textContent === '52');
  assert.equal(await page.getByTestId('dashboard-tz').innerText(), 'Asia/Kathmandu');
  assert.equal(await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed'), 'true');

  // Between dashboards the navigation carries the controls: the trending page opens on the same view.
  await page.getByTestId('nav').getByRole('link', { name: 'Trending videos' }).click();
  await page.waitForURL(/\/trending\?.*range=7d/);
  assert.equal(await page.getByTestId('dashboard-tz').innerText(), 'Asia/Kathmandu');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="trending-row"]').length === 2);
  const first = page.getByTestId('trending-row').first();
  assert.match(await first.innerText(), /Cats at dawn/);
  await screenshot(page, 'dashboards-trending');
  await first.click();
  await page.waitForURL(/\/videos\/951\?/);
  await page.waitForFunction(() => document.querySelector('[data-testid="video-views"]')?.textContent === '40');
  assert.match(page.url(), /tz=Asia%2FKathmandu/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Cats at dawn');
  await screenshot(page, 'dashboards-video');
  assert.deepEqual(errors, []);
  await context.close();
});
