// The role matrix of docs/architecture.md#roles over every route the running app mounted: each route × anonymous
// and every role, with the expected status written out here. A route missing from the matrix (or
// a matrix entry without a route) fails the test, so a new route cannot ship unreviewed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, insertAdvertisers, login, type TestSession } from '../support/auth.js';

type Role = 'admin' | 'moderator' | 'oncall' | 'analyst' | 'advertiser';
const ROLES: Role[] = ['admin', 'moderator', 'oncall', 'analyst', 'advertiser'];
const ALL = ROLES;

/** public: anyone; apiKey: only an API key (a session is not enough); otherwise the roles allowed. */
type Rule = 'public' | 'apiKey' | Role[];
const MATRIX: Record<string, Rule> = {
  'GET /api/health': 'public',
  'GET /api/status': 'public',
  // An admin session or the METRICS_TOKEN bearer (test/integration/hardening-system.test.ts).
  'GET /metrics': ['admin'],
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': ALL,
  'PATCH /api/auth/me': ALL,
  'POST /api/auth/password': ALL,
  'GET /api/auth/api-key-check': 'apiKey',
  'GET /api/admin/accounts': ['admin'],
  'POST /api/admin/accounts': ['admin'],
  'PATCH /api/admin/accounts/:id': ['admin'],
  'POST /api/admin/accounts/:id/password-reset': ['admin'],
  'GET /api/admin/api-keys': ['admin'],
  'POST /api/admin/api-keys': ['admin'],
  'DELETE /api/admin/api-keys/:id': ['admin'],
  'GET /api/admin/audit-log': ['admin'],
  // Platform dashboards (docs/architecture.md#roles): admin, oncall, analyst; moderators only the moderation panel.
  'GET /api/metrics/overview': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/trending-videos': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/engagement': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/engagement/breakdown': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/watch-time': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/revenue': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/latency': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/latency/series': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/top-creators': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/moderation': ['admin', 'moderator', 'oncall', 'analyst'],
  'GET /api/metrics/data-quality': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/videos/:id': ['admin', 'oncall', 'analyst'],
  'GET /api/metrics/definitions': ['admin', 'oncall', 'analyst'],
  // Per-table roles are checked inside (a moderator gets 403 for a platform table).
  'GET /api/metrics/export/:table': ['admin', 'moderator', 'oncall', 'analyst'],
  'GET /media/thumb/:file': ['admin', 'moderator', 'oncall', 'analyst'],
  'GET /media/video/:file': ['admin', 'moderator', 'oncall', 'analyst'],
  'POST /api/v1/ingest/:stream': 'apiKey',
  // Authenticated by its HMAC signature (PAGERDUTY_WEBHOOK_SECRET), not by a session or a key.
  'POST /api/v1/webhooks/pagerduty': 'public',
  'GET /api/moderation/queue': ['admin', 'moderator'],
  'GET /api/moderation/cases/:id': ['admin', 'moderator'],
  'POST /api/moderation/cases/:id/claim': ['admin', 'moderator'],
  'POST /api/moderation/claim-next': ['admin', 'moderator'],
  'POST /api/moderation/cases/:id/release': ['admin', 'moderator'],
  'POST /api/moderation/cases/:id/decision': ['admin', 'moderator'],
  'POST /api/moderation/decisions/bulk': ['admin', 'moderator'],
  'GET /api/moderation/stats': ['admin', 'moderator'],
  'GET /api/moderation/users/:id': ['admin', 'moderator'],
  'POST /api/moderation/users/:id/actions': ['admin', 'moderator'],
  'POST /api/moderation/account-actions/bulk': ['admin', 'moderator'],
  // Every role searches; each sees only the kinds of results whose pages it may open.
  'GET /api/search': ALL,
  // Campaigns (docs/architecture.md#roles): admins all, analysts all read-only, advertisers their own.
  'GET /api/campaigns': ['admin', 'analyst', 'advertiser'],
  'GET /api/campaigns/:id': ['admin', 'analyst', 'advertiser'],
  'GET /api/campaigns/:id/report': ['admin', 'analyst', 'advertiser'],
  'GET /api/campaigns/:id/report.csv': ['admin', 'analyst', 'advertiser'],
  'GET /api/campaigns/:id/report.xlsx': ['admin', 'analyst', 'advertiser'],
  'GET /api/campaigns/:id/events.csv': ['admin', 'analyst', 'advertiser'],
  'GET /api/campaigns/:id/events.xlsx': ['admin', 'analyst', 'advertiser'],
  'GET /api/report-schedules': ['admin', 'analyst', 'advertiser'],
  'POST /api/report-schedules': ['admin', 'advertiser'],
  'GET /api/report-schedules/:id': ['admin', 'analyst', 'advertiser'],
  'PATCH /api/report-schedules/:id': ['admin', 'advertiser'],
  'DELETE /api/report-schedules/:id': ['admin', 'advertiser'],
  'POST /api/report-schedules/:id/send': ['admin', 'advertiser'],
  // Alerting (docs/architecture.md#roles): view admin/oncall/analyst; acknowledge, silence, edit rules admin/oncall.
  'GET /api/alert-rules': ['admin', 'oncall', 'analyst'],
  'GET /api/alert-rules/queries': ['admin', 'oncall', 'analyst'],
  'POST /api/alert-rules': ['admin', 'oncall'],
  'PUT /api/alert-rules/:id': ['admin', 'oncall'],
  'DELETE /api/alert-rules/:id': ['admin', 'oncall'],
  'POST /api/alert-rules/backtest': ['admin', 'oncall', 'analyst'],
  'POST /api/alert-rules/preview': ['admin', 'oncall', 'analyst'],
  'GET /api/alerts': ['admin', 'oncall', 'analyst'],
  'GET /api/alerts/:id': ['admin', 'oncall', 'analyst'],
  'GET /api/alerts/:id/series': ['admin', 'oncall', 'analyst'],
  'POST /api/alerts/:id/ack': ['admin', 'oncall'],
  'GET /api/silences': ['admin', 'oncall', 'analyst'],
  'GET /api/mute-timings': ['admin', 'oncall', 'analyst'],
  'POST /api/mute-timings': ['admin', 'oncall'],
  'PUT /api/mute-timings/:name': ['admin', 'oncall'],
  'DELETE /api/mute-timings/:name': ['admin', 'oncall'],
  'GET /api/routing/routes': ['admin', 'oncall', 'analyst'],
  'PUT /api/routing/mute-timings': ['admin', 'oncall'],
  'POST /api/silences': ['admin', 'oncall'],
  'DELETE /api/silences/:id': ['admin', 'oncall'],
  'GET /api/notifications': ['admin', 'oncall', 'analyst'],
  'POST /api/notifications/:id/retry': ['admin', 'oncall'],
};

/** Exact statuses where an allowed caller's answer is known without a body; otherwise "not 401/403". */
const EXACT_ALLOWED: Record<string, number> = {
  'GET /api/auth/me': 200,
  'GET /api/admin/accounts': 200,
  'GET /api/admin/api-keys': 200,
  'GET /api/admin/audit-log': 200,
  'GET /api/openapi.json': 200,
  // No X-PagerDuty-Signature (and no secret configured here): 401 whoever calls.
  'POST /api/v1/webhooks/pagerduty': 401,
  'GET /api/metrics/overview': 200,
  'GET /api/metrics/trending-videos': 200,
  'GET /api/metrics/engagement': 200,
  'GET /api/metrics/engagement/breakdown': 200,
  'GET /api/metrics/watch-time': 200,
  'GET /api/metrics/revenue': 200,
  'GET /api/metrics/latency': 200,
  'GET /api/metrics/latency/series': 200,
  'GET /api/metrics/top-creators': 200,
  'GET /api/metrics/moderation': 200,
  'GET /api/metrics/data-quality': 200,
  'GET /api/metrics/definitions': 200,
  'GET /api/metrics/videos/:id': 404,
  // "987654" is not a table name: 400 from the params schema.
  'GET /api/metrics/export/:table': 400,
  // "987654" has no .svg: 400 from the params schema.
  'GET /media/thumb/:file': 400,
  // "987654" has no .webm: 400 from the params schema.
  'GET /media/video/:file': 400,
  'POST /api/auth/logout': 204,
  // Empty or missing bodies fail validation after access is granted.
  'POST /api/admin/accounts': 400,
  'PATCH /api/auth/me': 400,
  'POST /api/admin/api-keys': 400,
  'PATCH /api/admin/accounts/:id': 404,
  'DELETE /api/admin/api-keys/:id': 404,
  'POST /api/auth/login': 400,
  'POST /api/auth/password': 400,
  'POST /api/admin/accounts/:id/password-reset': 404,
  'GET /api/moderation/queue': 200,
  'GET /api/moderation/stats': 200,
  'GET /api/moderation/cases/:id': 404,
  'POST /api/moderation/cases/:id/claim': 404,
  'POST /api/moderation/cases/:id/release': 404,
  // No open case in this console: claim-next answers { lease: null }.
  'POST /api/moderation/claim-next': 200,
  'POST /api/moderation/cases/:id/decision': 400,
  'POST /api/moderation/decisions/bulk': 400,
  'GET /api/moderation/users/:id': 404,
  'POST /api/moderation/users/:id/actions': 400,
  'POST /api/moderation/account-actions/bulk': 400,
  // No q: 400 from the query schema.
  'GET /api/search': 400,
  'GET /api/campaigns': 200,
  'GET /api/campaigns/:id': 404,
  'GET /api/campaigns/:id/report': 404,
  'GET /api/campaigns/:id/report.csv': 404,
  'GET /api/campaigns/:id/report.xlsx': 404,
  'GET /api/campaigns/:id/events.csv': 404,
  'GET /api/campaigns/:id/events.xlsx': 404,
  'GET /api/report-schedules': 200,
  'POST /api/report-schedules': 400,
  'GET /api/report-schedules/:id': 404,
  'PATCH /api/report-schedules/:id': 404,
  'DELETE /api/report-schedules/:id': 404,
  'POST /api/report-schedules/:id/send': 404,
  'GET /api/alert-rules': 200,
  'GET /api/alert-rules/queries': 200,
  'GET /api/mute-timings': 200,
  // An empty timing fails validation (422); "987654" names no timing.
  'POST /api/mute-timings': 422,
  'PUT /api/mute-timings/:name': 422,
  'DELETE /api/mute-timings/:name': 404,
  'GET /api/routing/routes': 200,
  // An empty body names no route: 400 from the body schema.
  'PUT /api/routing/mute-timings': 400,
  // An empty rule fails validation: 422 naming the fields.
  'POST /api/alert-rules': 422,
  'PUT /api/alert-rules/:id': 422,
  'DELETE /api/alert-rules/:id': 404,
  'POST /api/alert-rules/backtest': 400,
  'POST /api/alert-rules/preview': 400,
  'GET /api/alerts': 200,
  'GET /api/alerts/:id': 404,
  'GET /api/alerts/:id/series': 404,
  'POST /api/alerts/:id/ack': 404,
  'GET /api/silences': 200,
  'POST /api/silences': 400,
  'DELETE /api/silences/:id': 404,
  'GET /api/notifications': 200,
  'POST /api/notifications/:id/retry': 404,
};

describe(`authorization matrix on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  const passwords = new Map<Role, { email: string; password: string }>();

  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv);
    await c.ready;
    await insertAdvertisers(c, [1]);
    const admin = await login(c, ADMIN.email, ADMIN.password);
    passwords.set('admin', ADMIN);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const cred = { email: `${role}-${Math.random().toString(36).slice(2, 8)}@test.local`, password: `${role}-password-long` };
      const res = await admin.call('POST', '/api/admin/accounts', { ...cred, role, ...(role === 'advertiser' ? { advertiserId: 1 } : {}) });
      assert.equal(res.status, 201);
      passwords.set(role, cred);
    }
  });
  after(async () => c?.stop());

  test('every mounted route has a matrix entry and every entry a route', () => {
    const mounted = c.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    assert.deepEqual(
      mounted.filter((k) => !(k in MATRIX)),
      [],
      'routes without a matrix entry',
    );
    assert.deepEqual(
      Object.keys(MATRIX).filter((k) => !mounted.includes(k)),
      [],
      'matrix entries without a route',
    );
    for (const r of c.routes) {
      const rule = MATRIX[`${r.method.toUpperCase()} ${r.path}`]!;
      const declared = r.access.kind === 'session' ? r.access.roles : r.access.kind;
      assert.deepEqual(declared, rule, `${r.method} ${r.path}: declared access differs from the matrix`);
    }
  });

  for (const who of ['anonymous', ...ROLES] as const) {
    test(`${who}: every route answers as the matrix says`, async () => {
      const failures: string[] = [];
      const signIn = () => (who === 'anonymous' ? undefined : login(c, passwords.get(who)!.email, passwords.get(who)!.password));
      const shared = await signIn();
      for (const r of c.routes) {
        const key = `${r.method.toUpperCase()} ${r.path}`;
        const rule = MATRIX[key]!;
        // Logout gets a session of its own, so that it does not end the one the other routes use.
        const session: TestSession | undefined = key === 'POST /api/auth/logout' ? await signIn() : shared;
        const url = r.path.replace(/:(\w+)/g, '987654');
        const hasBody = r.method !== 'get' && r.method !== 'delete';
        const res = session
          ? await session.call(r.method.toUpperCase(), url, hasBody ? {} : undefined)
          : await c.get(url, { method: r.method.toUpperCase(), ...(hasBody ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
        await res.arrayBuffer();
        let expected: number | 'allowed';
        if (rule === 'public') expected = EXACT_ALLOWED[key] ?? 'allowed';
        else if (rule === 'apiKey') expected = 401;
        else if (who === 'anonymous') expected = 401;
        else if (!rule.includes(who)) expected = 403;
        else expected = EXACT_ALLOWED[key] ?? 'allowed';
        const ok = expected === 'allowed' ? res.status !== 401 && res.status !== 403 : res.status === expected;
        if (!ok) failures.push(`${key}: expected ${expected}, got ${res.status}`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
