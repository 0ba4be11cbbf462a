// An on-call engineer in Chromium (issue 15): builds a console rule with the form (picks the view
// drop query, types its parameter, sets the threshold), sees the live preview and the backtest
// chart, saves it; then an alert that a colleague acknowledged in PagerDuty (a signed v3 webhook
// sent by this test) shows as acknowledged, by whom, on the alert page; and a mute timing made in
// the console's form is attached to a route on the silences page (its empty and error states
// screenshotted too), and the alert on that route says which timing mutes it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { collectPageErrors, launchBrowser, screenshot, signIn, unexpectedErrors } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { startPagerDuty, type PagerDutyEndpoint } from '../support/alert-endpoints.js';
import { buildPlan } from '../../server/features/demo/demo.plan.js';

const ONCALL = { email: 'oncall@e2e-oncall.test', password: 'oncall-password-123' };
const SECRET = 'e2e-webhook-secret-000000000000';
let c: TestConsole;
let browser: Browser;
let pd: PagerDutyEndpoint;
const dir = tempDataDir('pulse-e2e-oncall-');
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
      PAGERDUTY_ROUTING_KEY: 'E2EROUTINGKEY0000000000000000001',
      PAGERDUTY_WEBHOOK_SECRET: SECRET,
    },
    { now: () => now },
  );
  await c.ready;
  const admin = await login(c, ADMIN.email, ADMIN.password);
  assert.equal((await admin.call('POST', '/api/admin/accounts', { ...ONCALL, role: 'oncall' })).status, 201);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await c?.stop();
  await pd?.close();
});

test('the rule form: pick a query, type its parameter and the threshold, see the preview and the backtest, save', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
  await signIn(page, c.url, ONCALL.email, ONCALL.password);
  const errors = collectPageErrors(page);
  await page.goto(`${c.url}/alert-rules`);
  await page.getByTestId('rule-new').click();
  await page.getByTestId('rule-form').waitFor();
  // Saving an empty form shows each problem beside its field, and sends nothing.
  await page.getByTestId('rule-save').click();
  assert.equal(await page.getByTestId('rule-id-error').innerText(), 'Use 1-80 of a-z, 0-9 and _.');
  assert.equal(await page.getByTestId('rule-query-error').innerText(), 'Pick a query.');

  await page.getByLabel('Rule id').fill('oncall_view_drop');
  await page.getByLabel('Title').fill('Views collapsed (console)');
  await page.getByLabel('Query (from the catalog)').selectOption({ label: 'video_view_drop (clickhouse)' });
  await page.getByLabel('min_hour_views').fill('200');
  await page.getByLabel('Condition: value is').selectOption('<');
  await page.getByLabel('Threshold').fill('0.5');
  await page.getByLabel('Severity').selectOption('critical');
  await page.getByLabel('Summary template').fill('Video {{video_id}} at {{value}} of its pace');
  // A runbook link that is not http(s) is refused beside its field.
  await page.getByLabel('Runbook link').fill('javascript:alert(1)');
  await page.getByTestId('rule-save').click();
  assert.equal(await page.getByTestId('rule-runbook-error').innerText(), 'An http(s) link.');
  await page.getByLabel('Runbook link').fill('https://runbooks.example.com/views');

  // The live preview: the injected drop's video is among the current rows and meets the condition.
  const preview = page.getByTestId('rule-preview-result');
  await preview.waitFor({ timeout: 60_000 });
  assert.match(await preview.innerText(), new RegExp(String(plan.viewDrop.videoId)));
  assert.ok(Number(await page.getByTestId('rule-preview-firing').innerText()) >= 1);

  await page.getByLabel('Backtest window').selectOption({ label: 'last 1 h' });
  await page.getByTestId('rule-backtest').click();
  await page.getByTestId('backtest-result').waitFor({ timeout: 120_000 });
  assert.ok(Number(await page.getByTestId('backtest-notification-count').innerText()) >= 1);
  await page.locator('[data-testid="backtest-result"] .recharts-surface').first().waitFor();
  await screenshot(page, 'oncall-rule-form');

  await page.getByTestId('rule-save').click();
  await page.getByTestId('rule-saved').waitFor();
  const oncall = await login(c, ONCALL.email, ONCALL.password);
  const { rules } = (await (await oncall.call('GET', '/api/alert-rules')).json()) as {
    rules: {
      id: string;
      source: string;
      store: string;
      query: string;
      params: Record<string, number>;
      condition: { op: string; threshold: number };
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }[];
  };
  const saved = rules.find((r) => r.id === 'oncall_view_drop')!;
  assert.deepEqual(
    {
      source: saved.source,
      store: saved.store,
      query: saved.query,
      params: saved.params,
      condition: saved.condition,
      severity: saved.labels.severity,
      runbook: saved.annotations.runbook_url,
    },
    {
      source: 'ui',
      store: 'clickhouse',
      query: 'alerting/video_view_drop',
      params: { min_hour_views: 200 },
      condition: { op: '<', threshold: 0.5 },
      severity: 'critical',
      runbook: 'https://runbooks.example.com/views',
    },
  );

  // A YAML rule is read-only; "copy to a console rule" opens the form with a copy.
  await page.getByTestId('rule-open-api_5xx_rate').click();
  await page.getByTestId('rule-copy').click();
  assert.equal(await page.getByLabel('Rule id').inputValue(), 'api_5xx_rate_copy');
  assert.equal(await page.getByLabel('Threshold').inputValue(), '0.05');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an alert acknowledged in PagerDuty shows as acknowledged, and by whom, on the alert page', async () => {
  await c.alerting.service.engine.evaluateAt(
    c.alerting.service.rules().filter((r) => r.id === 'video_view_drop'),
    now,
  );
  await c.alerting.delivery.deliverDue();
  const trigger = pd.events.find((e) => e.body.event_action === 'trigger' && e.body.payload?.summary.includes(`Video ${plan.viewDrop.videoId}`));
  assert.ok(trigger, 'the view drop paged');
  const body = JSON.stringify({
    event: {
      id: '01E2EACKNOWLEDGE',
      event_type: 'incident.acknowledged',
      resource_type: 'incident',
      occurred_at: new Date(now.getTime() + 60_000).toISOString(),
      agent: { id: 'PMARIA1', summary: 'Maria Silva', type: 'user_reference' },
      client: null,
      data: {
        id: 'Q2E2E',
        type: 'incident',
        status: 'acknowledged',
        incident_key: trigger.body.dedup_key,
        assignees: [{ id: 'PMARIA1', summary: 'Maria Silva', type: 'user_reference' }],
      },
    },
  });
  const res = await fetch(`${c.url}/api/v1/webhooks/pagerduty`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pagerduty-signature': `v1=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
    body,
  });
  assert.equal(res.status, 200);

  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await signIn(page, c.url, ONCALL.email, ONCALL.password);
  const errors = collectPageErrors(page);
  await page.goto(`${c.url}/alerts`);
  const row = page.getByTestId('alerts-table').locator('tr', { hasText: `video_id=${plan.viewDrop.videoId}` });
  await row.getByRole('link').first().click();
  await page.getByTestId('alert-detail-page').waitFor();
  assert.match(await page.getByTestId('alert-acked').innerText(), /by Maria Silva \(PagerDuty\)$/);
  assert.match(await page.getByTestId('alert-pagerduty').innerText(), /^incident acknowledged by Maria Silva \(PagerDuty\)/);
  assert.match(await page.getByTestId('alert-history').innerText(), /Acknowledged by Maria Silva \(PagerDuty\)/);
  assert.equal(await page.getByTestId('alert-ack').count(), 0, 'nothing left to acknowledge');
  await screenshot(page, 'oncall-alert-acknowledged-in-pagerduty');
  assert.deepEqual(errors, []);
  await page.close();
});

test('mute timings: the routes card empty and failing, then a timing made in the form and attached to the critical route mutes its alert', async () => {
  // The view drop fires (critical: the route.routes[0] of alerts/routing.yaml).
  await c.alerting.service.engine.evaluateAt(
    c.alerting.service.rules().filter((r) => r.id === 'video_view_drop'),
    now,
  );
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  await signIn(page, c.url, ONCALL.email, ONCALL.password);
  const errors = collectPageErrors(page);
  // The routes cannot be read: the card says so and offers a retry; the rest of the page works.
  await page.route('**/api/routing/routes', (r) =>
    r.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"Internal error."}}' }),
  );
  await page.goto(`${c.url}/silences`);
  await page.getByText('Could not load the routes').waitFor();
  await screenshot(page, 'oncall-route-mutes-error');
  await page.unroute('**/api/routing/routes');
  await page.getByRole('button', { name: 'Retry' }).click();
  // alerts/routing.yaml names no timing and none was made: every route is listed, none muted.
  const table = page.getByTestId('route-mutes-table');
  await table.waitFor();
  assert.deepEqual(await table.locator('tbody tr td:first-child .mono').allInnerTexts(), ['route', 'route.routes[0]', 'route.routes[1]']);
  await page.getByText('No mute timings yet').waitFor();
  await screenshot(page, 'oncall-route-mutes-empty');

  // Every day of the week in Asia/Kolkata, no hours: active whenever the test runs.
  const form = page.getByTestId('mute-timing-form');
  await form.getByLabel('Name').fill('all-week-kolkata');
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) await form.getByLabel(d, { exact: true }).check();
  await form.getByLabel('Time zone').fill('Asia/Kolkata');
  await form.getByRole('button', { name: 'Create mute timing' }).click();
  const critical = page.getByTestId('route-route-routes-0');
  await critical.getByLabel('all-week-kolkata').check();
  await critical.getByRole('button', { name: 'Save' }).click();
  await critical.getByText('MUTED by all-week-kolkata').waitFor();
  assert.equal(await page.getByTestId('route-route-routes-1').getByText('not muted').count(), 1);
  assert.match(await page.getByTestId('mute-timings-table').innerText(), /route\.routes\[0\] \(oncall, severity=critical\) \[console\]/);
  await screenshot(page, 'oncall-route-mutes-attached');

  // The view drop (critical) is on that route: its page says which timing mutes it.
  const { alerts } = (await (await (await login(c, ONCALL.email, ONCALL.password)).call('GET', '/api/alerts')).json()) as {
    alerts: { id: number; labels: Record<string, string> }[];
  };
  const drop = alerts.find((a) => a.labels.video_id === String(plan.viewDrop.videoId))!;
  await page.goto(`${c.url}/alerts/${drop.id}`);
  assert.match(await page.getByTestId('alert-route').innerText(), /MUTED by mute timing all-week-kolkata/);
  assert.deepEqual(unexpectedErrors(errors, '500 /api/routing/routes'), []);
  await page.close();
});
