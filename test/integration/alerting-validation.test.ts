// Server-side validation of console rules: a rule the scheduler cannot run (interval 7s), a
// runbook link that is not http(s), a wrong parameter → 422 naming the field, never stored; a bad
// rule already stored (written straight into alert_rules, as an older console could have) is
// listed with its error and skipped, and the evaluator and the daily digest keep running.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';

const GOOD = {
  id: 'ui_backlog',
  title: 'UI backlog',
  store: 'postgres',
  query: 'alerting/moderation_backlog',
  interval: '1s',
  condition: { op: '>', threshold: 1_000_000 },
  labels: { severity: 'warning' },
  annotations: { summary: '{{value}} open', runbook_url: 'https://runbooks.example.com/backlog' },
};

type ErrorBody = { error: { code: string; message: string; details: { field: string; fields: { field: string; message: string }[] } } };

describe('alert rule validation', () => {
  const dataDir = tempDataDir('pulse-alert-validation-');
  let db: { url: string; drop(): Promise<void> } | undefined;
  let c: TestConsole;

  before(async () => {
    if (process.env.TEST_DATABASE_URL) db = await createTestDatabase(process.env.TEST_DATABASE_URL);
    c = await startTestConsole(bootstrapAdminEnv, { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url });
    await c.ready;
  });
  after(async () => {
    await c?.stop();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const storedIds = async () =>
    (await c.stores.pg.handle.pool.query('SELECT id FROM alert_rules WHERE source = $1 ORDER BY id', ['ui'])).rows.map((r: { id: string }) => r.id);

  test('422 naming the field, nothing stored: an unschedulable interval, a javascript: runbook, an unknown parameter', async () => {
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...GOOD, id: 'bad_interval', interval: '7s' }, 'interval', /divide a minute/],
      [{ ...GOOD, id: 'bad_zero', interval: '0s' }, 'interval', /divide a minute/],
      [{ ...GOOD, id: 'bad_runbook', annotations: { summary: 's', runbook_url: 'javascript:alert(1)' } }, 'annotations.runbook_url', /http\(s\)|Invalid url/i],
      [{ ...GOOD, id: 'bad_file', annotations: { summary: 's', runbook_url: 'file:///etc/passwd' } }, 'annotations.runbook_url', /http\(s\)/],
      [{ ...GOOD, id: 'bad_param', params: { nope: 1 } }, 'params.nope', /takes no parameter nope/],
      [{ ...GOOD, id: 'bad_threshold', condition: { op: '>', threshold: 'high' } }, 'condition.threshold', /number/i],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.call('POST', '/api/alert-rules', body);
      const err = (await res.json()) as ErrorBody;
      assert.equal(res.status, 422, `${body.id}: ${JSON.stringify(err)}`);
      assert.equal(err.error.details.field, field, String(body.id));
      assert.ok(
        err.error.details.fields.some((f) => f.field === field && message.test(f.message)),
        `${body.id}: ${JSON.stringify(err.error.details.fields)}`,
      );
    }
    // An edit to an unschedulable interval is refused the same way and leaves the stored rule as it was.
    assert.equal((await admin.call('POST', '/api/alert-rules', GOOD)).status, 201);
    const edit = await admin.call('PUT', `/api/alert-rules/${GOOD.id}`, { ...GOOD, interval: '7s' });
    assert.equal(edit.status, 422);
    assert.deepEqual(await storedIds(), [GOOD.id]);
    const stored = (await c.stores.pg.handle.pool.query('SELECT definition FROM alert_rules WHERE id = $1', [GOOD.id])).rows[0].definition as {
      interval: string;
    };
    assert.equal(stored.interval, '1s');
  });

  test('a bad stored rule is listed with its error and skipped; the evaluator ticks the others and the digest stays scheduled', async () => {
    // Written as an older console (or a hand edit) could have left it: interval 7s, no such query parameter.
    await c.stores.pg.handle.pool.query("INSERT INTO alert_rules (id, source, definition, enabled) VALUES ('stored_bad', 'ui', $1, true)", [
      JSON.stringify({ ...GOOD, id: 'stored_bad', interval: '7s' }),
    ]);
    await c.close();
    c = await startTestConsole({ ...bootstrapAdminEnv, ALERTING: '1' }, { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url });
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const body = (await (await admin.call('GET', '/api/alert-rules')).json()) as {
      rules: { id: string }[];
      invalid: { id: string; errors: { field: string; message: string }[] }[];
    };
    assert.ok(!body.rules.some((r) => r.id === 'stored_bad'));
    assert.deepEqual(
      body.invalid.map((r) => [r.id, r.errors.map((e) => e.field)]),
      [['stored_bad', ['interval']]],
    );
    // The built-in rules of alerts/ tick at 1m, 5m, 15m and 1h, the good UI rule at 1s; no 7s task.
    assert.deepEqual(c.alerting.job.scheduled.sort(), ['alert-digest', 'alert-tick-15m', 'alert-tick-1h', 'alert-tick-1m', 'alert-tick-1s', 'alert-tick-5m']);
    // The good 1-second rule is evaluated: its heartbeat appears within a few seconds.
    let last: string | null = null;
    for (let i = 0; i < 60 && !last; i++) {
      await new Promise((r) => setTimeout(r, 200));
      last = ((await (await c.get('/api/health')).json()) as { evaluator: { lastRunAt: string | null } }).evaluator.lastRunAt;
    }
    assert.ok(last, 'the evaluator ran a tick');
  });
});
