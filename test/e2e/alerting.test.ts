// An on-call engineer in Chromium: signs in, sees the firing view-drop alert, acknowledges it
// (the PagerDuty endpoint records the acknowledge with the trigger's dedup_key) and silences it
// for an hour; then the rules (with a backtest), silences and notification pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { collectPageErrors, launchBrowser, screenshot, signIn } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { startPagerDuty, type PagerDutyEndpoint } from '../support/alert-endpoints.js';
import { buildPlan } from '../../server/features/demo/demo.plan.js';
import { chTime } from '../support/request-metrics.js';

const ONCALL = { email: 'oncall@e2e.test', password: 'oncall-password-123' };
let c: TestConsole;
let browser: Browser;
let pd: PagerDutyEndpoint;
const dir = tempDataDir('pulse-e2e-alerting-');
const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const plan = buildPlan('small', 42, now);

before(async () => {
  pd = await startPagerDuty(dir);
  c = await startTestConsole(
    {
      DEMO_DATA: '1',
      DEMO_SIZE: 'small',
      ...bootstrapAdminEnv,
      PAGERDUTY_EVENTS_HOST: pd.host,
      PAGERDUTY_CA_FILE: pd.caFile,
      PAGERDUTY_ROUTING_KEY: 'E2EROUTINGKEY0000000000000000000',
    },
    { now: () => now },
  );
  await c.ready;
  const admin = await login(c, ADMIN.email, ADMIN.password);
  assert.equal((await admin.call('POST', '/api/admin/accounts', { ...ONCALL, role: 'oncall' })).status, 201);
  await c.alerting.service.engine.evaluateAt(c.alerting.service.rules(), now);
  await c.alerting.delivery.deliverDue();
  browser = await launchBrowser();
});
/** The page's date-time format (client/src/lib/format.ts formatDateTimeInZone) in UTC. */
const utcTime = (d: Date) =>
  new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone: 'UTC',
  }).format(d);

/**
 * The view drop's value at `at` from the raw demo rows (a count, not the rule's query): the video's
 * views in the 10 whole minutes before the minute of `at` over a sixth of its views in the hour
 * before those (the rule reads whole minutes, docs/scale.md).
 */
async function dropValueAt(instant: number): Promise<number> {
  const at = Math.floor(instant / 60_000) * 60_000;
  const rs = await c.stores.ch.handle.client.query({
    query: `SELECT countIf(ts >= {at:DateTime64(3)} - INTERVAL 10 MINUTE) AS recent, countIf(ts < {at:DateTime64(3)} - INTERVAL 10 MINUTE) AS hour
            FROM video_events WHERE video_id = {v:UInt64} AND type = 'view' AND ts >= {at:DateTime64(3)} - INTERVAL 70 MINUTE AND ts < {at:DateTime64(3)}`,
    query_params: { at: chTime(at), v: plan.viewDrop.videoId },
    format: 'JSONEachRow',
  });
  const [row] = (await rs.json()) as { recent: string | number; hour: string | number }[];
  const hour = Number(row!.hour);
  assert.ok(hour >= 200, `the video had ${hour} views in the hour: under min_hour_views`);
  return Number(row!.recent) / (hour / 6);
}

after(async () => {
  await browser?.close();
  await c?.stop();
  await pd?.close();
});

test('on-call: sees the firing alert, acknowledges it (PagerDuty acknowledge), silences it for an hour', async () => {
  const trigger = pd.events.find((e) => e.body.event_action === 'trigger' && e.body.payload?.summary.includes(`Video ${plan.viewDrop.videoId}`));
  assert.ok(trigger, 'the view drop paged');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, c.url, ONCALL.email, ONCALL.password);
  const errors = collectPageErrors(page);
  await page.goto(`${c.url}/alerts`);
  const table = page.getByTestId('alerts-table');
  await table.waitFor();
  const row = table.locator('tr', { hasText: `video_id=${plan.viewDrop.videoId}` });
  assert.match(await row.innerText(), /FIRING/);
  assert.match(await row.innerText(), /Video views collapsed/);
  await screenshot(page, 'alerts');
  await row.getByRole('link').click();
  await page.getByTestId('alert-detail-page').waitFor();
  assert.match(await page.getByTestId('alert-state').innerText(), /FIRING/);
  const chart = page.getByTestId('alert-value-chart');
  await chart.waitFor({ timeout: 60_000 });
  assert.match(await chart.innerText(), /threshold < 0\.5/);
  // The chart's last point, through its tooltip: the instant it shows and the value of the rule at
  // that instant, worked out from the raw views of the video (the account's timezone is UTC).
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width - 22, box.y + box.height / 2);
  const tip = await page.locator('.recharts-tooltip-wrapper').innerText();
  const m = /(\w{3}) (\d{1,2}), (\d{4}), (\d\d):(\d\d):(\d\d) UTC[\s\S]*value : ([\d.]+)/.exec(tip);
  assert.ok(m, tip);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[1]!);
  const shownAt = Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  assert.ok(shownAt > Date.now() - 15 * 60_000 && shownAt <= Date.now(), tip);
  assert.equal(m[7], (await dropValueAt(shownAt)).toFixed(3), tip);

  await page.getByTestId('alert-ack').click();
  await page.getByTestId('alert-notice').waitFor();
  assert.equal(await page.getByTestId('alert-notice').innerText(), 'Acknowledged; PagerDuty was told.');
  await c.alerting.delivery.deliverDue();
  const ack = pd.events.filter((e) => e.body.event_action === 'acknowledge');
  assert.equal(ack.length, 1);
  assert.equal(ack[0]!.body.dedup_key, trigger.body.dedup_key);
  assert.equal(ack[0]!.body.routing_key, 'E2EROUTINGKEY0000000000000000000');

  await page.getByTestId('alert-silence').click();
  await page.getByTestId('silence-dialog').waitFor();
  await page.getByLabel('For').selectOption({ label: '1 hour' });
  await page.getByLabel('Comment').fill('looking into it');
  const t0 = Date.now();
  await page.getByTestId('silence-submit').click();
  await page.getByText('Silenced.').waitFor();
  const history = page.getByTestId('alert-history');
  await history.waitFor();
  // The state change of the evaluation at `now`, with the value then; the trigger sent to the oncall receiver.
  const stateRow = await history.locator('tr', { hasText: '→' }).innerText();
  assert.match(stateRow, /normal\s*→\s*firing/i);
  assert.ok(stateRow.includes(utcTime(now)), `${stateRow} (expected ${utcTime(now)})`);
  assert.ok(stateRow.includes((await dropValueAt(now.getTime())).toFixed(3)), stateRow);
  assert.match(await history.innerText(), /Notified oncall \(trigger\)/);
  await screenshot(page, 'alert-detail');

  const oncall = await login(c, ONCALL.email, ONCALL.password);
  const { silences } = (await (await oncall.call('GET', '/api/silences')).json()) as {
    silences: { matchers: Record<string, string>; endsAt: string; comment: string; active: boolean; createdBy: string }[];
  };
  assert.equal(silences.length, 1);
  assert.deepEqual(silences[0]!.matchers, { alertname: 'video_view_drop', video_id: String(plan.viewDrop.videoId) });
  assert.equal(silences[0]!.comment, 'looking into it');
  assert.equal(silences[0]!.createdBy, ONCALL.email);
  const hour = Date.parse(silences[0]!.endsAt) - t0;
  assert.ok(hour > 3_590_000 && hour < 3_610_000, String(hour));

  await page.goto(`${c.url}/silences`);
  await page.getByTestId('silences-table').waitFor();
  assert.match(await page.getByTestId('silences-table').innerText(), /ACTIVE/);
  await screenshot(page, 'silences');

  await page.goto(`${c.url}/notifications`);
  await page.getByTestId('notification-table').waitFor();
  assert.match(await page.getByTestId('notification-table').innerText(), /acknowledge/);
  await screenshot(page, 'notifications');
  assert.deepEqual(errors, []);
  await page.close();
});

test('rules: open the view drop rule and backtest it over the last hour', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await signIn(page, c.url, ONCALL.email, ONCALL.password);
  const errors = collectPageErrors(page);
  await page.goto(`${c.url}/alert-rules`);
  await page.getByTestId('rule-open-video_view_drop').click();
  await page.getByLabel('Backtest window').selectOption({ label: 'last 1 h' });
  await page.getByTestId('rule-backtest').click();
  await page.getByTestId('backtest-result').waitFor({ timeout: 120_000 });
  // Real time has moved past the demo's `now` by a few seconds only: the drop is in the window.
  assert.ok(Number(await page.getByTestId('backtest-notification-count').innerText()) >= 1);
  await screenshot(page, 'alert-rules');
  assert.deepEqual(errors, []);
  await page.close();
});
