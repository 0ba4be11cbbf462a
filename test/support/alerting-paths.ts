// The console of test/integration/alerting-paths.test.ts (states, timing, the z-score rule) and
// alerting-delivery-paths.test.ts (grouping, retries, timeouts, leases, SMTP): its own rule files, a local
// HTTPS PagerDuty and an SMTP server, ALERT_RETRY_DELAYS=1m,5m and a 1 s delivery timeout; and the helpers
// that evaluate a rule at an instant and read what it stored.
import { after, before } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from './console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from './auth.js';
import { startPagerDuty, startSmtp, type PagerDutyEndpoint, type SmtpEndpoint } from './alert-endpoints.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
// Two days ago on the hour, on the test's clock; each test takes hours below it.
export const BASE = Math.floor(Date.now() / HOUR) * HOUR - 48 * HOUR;
export const RETRY_DELAYS = [60_000, 300_000]; // ALERT_RETRY_DELAYS=1m,5m: a 2nd attempt after 1 min, a 3rd after 5 more, then dead

const rule = (id: string, extra: string) => `
  - id: ${id}
    title: ${id}
    store: clickhouse
    query: alerting/api_5xx_rate
    params: { min_requests: 10 }
    interval: 1m
    condition: { op: '>', threshold: 0.05 }
    annotations: { summary: '{{service}} 5xx {{value}}' }
${extra}`;

function writeAlertsDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'routing.yaml'),
    `
receivers:
  - name: oncall
    pagerduty: { routing_key: \${PAGERDUTY_ROUTING_KEY} }
    email: { to: [\${ALERT_EMAIL_TO}] }
  - name: email
    email: { to: [\${ALERT_EMAIL_TO}] }
route:
  receiver: email
  group_by: [alertname, service]
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 10m
  routes:
    - matchers: { team: grouped }
      receiver: oncall
      group_by: [alertname]
      group_wait: 30s
      group_interval: 5m
      repeat_interval: 1h
      send_resolved: false
    - matchers: { severity: critical }
      receiver: oncall
`,
  );
  fs.writeFileSync(
    path.join(dir, 'rules.yaml'),
    `rules:${[
      rule('t_keep', '    no_data: keep_state\n    on_error: keep_state\n    labels: { severity: warning }'),
      rule('t_nodata', '    no_data: no_data\n    labels: { severity: warning }'),
      rule('t_timing', '    for: 2m\n    keep_firing_for: 3m\n    labels: { severity: critical }'),
      rule('t_group', '    labels: { severity: critical, team: grouped }'),
      rule('t_deliver', '    labels: { severity: critical }'),
      rule('t_mail', '    labels: { severity: warning }'),
    ].join('')}`,
  );
  // The shipped data-quality rules, as they are: the z-score rule is tested on its own fixture.
  fs.copyFileSync(path.resolve('alerts/data-quality.yaml'), path.join(dir, 'data-quality.yaml'));
}

export interface Instance {
  id: string;
  state: string;
  value: number | null;
  labels: Record<string, string>;
}

export interface AlertingPaths {
  c: TestConsole;
  admin: TestSession;
  pd: PagerDutyEndpoint;
  smtp: SmtpEndpoint;
  /** Evaluates one rule at `at` (ms) and routes; delivers what is due now. */
  evaluate(ruleId: string, at: number, deliver?: boolean): ReturnType<TestConsole['alerting']['service']['engine']['evaluateAt']>;
  instances(ruleId: string): Promise<Instance[]>;
  stateOf(ruleId: string, service: string): Promise<string | undefined>;
  historyOf(id: string): Promise<string[]>;
  iso(ms: number): string;
  pdFor(text: string): PagerDutyEndpoint['events'];
}

/** Registers the calling suite's before/after hooks; c, admin, pd and smtp are set once before() has run. */
export function useAlertingPaths(): AlertingPaths {
  let pd: PagerDutyEndpoint;
  let smtp: SmtpEndpoint;
  let c: TestConsole;
  let admin: TestSession;
  const dataDir = tempDataDir('pulse-alert-paths-');
  let db: { url: string; drop(): Promise<void> } | undefined;

  before(async () => {
    writeAlertsDir(path.join(dataDir, 'alerts'));
    pd = await startPagerDuty(dataDir);
    smtp = await startSmtp();
    if (process.env.TEST_DATABASE_URL) db = await createTestDatabase(process.env.TEST_DATABASE_URL);
    c = await startTestConsole(
      {
        ...bootstrapAdminEnv,
        ALERTS_DIR: path.join(dataDir, 'alerts'),
        PAGERDUTY_EVENTS_HOST: pd.host,
        PAGERDUTY_CA_FILE: pd.caFile,
        PAGERDUTY_ROUTING_KEY: 'R0UTINGKEY00000000000000000PATHS',
        ALERT_EMAIL_TO: 'oncall@paths.test',
        SMTP_URL: smtp.url,
        ALERT_RETRY_DELAYS: '1m,5m',
        ALERT_DELIVERY_TIMEOUT_MS: '1000',
      },
      { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url },
    );
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
  });
  after(async () => {
    await c?.stop();
    await pd?.close();
    await smtp?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Evaluates one rule at `at` (ms) and routes; delivers what is due now. */
  const evaluate = async (ruleId: string, at: number, deliver = true) => {
    const report = await c.alerting.service.engine.evaluateAt([c.alerting.service.rule(ruleId)!], new Date(at));
    if (deliver) await c.alerting.delivery.deliverDue();
    return report;
  };
  const instances = async (ruleId: string): Promise<Instance[]> =>
    (await c.stores.pg.handle.pool.query('SELECT id::text, state, value, labels FROM alert_instances WHERE rule_id = $1 ORDER BY id', [ruleId]))
      .rows as Instance[];
  const stateOf = async (ruleId: string, service: string) => (await instances(ruleId)).find((i) => i.labels.service === service)?.state;
  /** The instance's state changes from its page (GET /api/alerts/:id): "at from->to". */
  const historyOf = async (id: string) => {
    const detail = (await (await admin.call('GET', `/api/alerts/${id}`)).json()) as {
      history: { at: string; fromState: string; toState: string; detail: { event: string } }[];
    };
    return detail.history.filter((h) => h.detail.event === 'state').map((h) => `${h.at} ${h.fromState}->${h.toState}`);
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  /** The PagerDuty requests of the group whose first trigger mentions `text` (resolves carry no summary). */
  const pdFor = (text: string) => {
    const first = pd.events.find((e) => e.body.payload?.summary.includes(text));
    return first ? pd.events.filter((e) => e.body.dedup_key === first.body.dedup_key) : [];
  };

  return {
    get c() {
      return c;
    },
    get admin() {
      return admin;
    },
    get pd() {
      return pd;
    },
    get smtp() {
      return smtp;
    },
    evaluate,
    instances,
    stateOf,
    historyOf,
    iso,
    pdFor,
  };
}
