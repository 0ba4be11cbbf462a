// The review queue over real HTTP on the real stores (README#moderation, docs/architecture.md#api): order and filters of a
// hand-made fixture, the case page, leases, decisions in one transaction, 409s, escalation,
// reversal, bulk decisions answered per case, stats. Steps run in order on one fixture; each
// expectation is worked out by hand from test/support/moderation-fixture.ts.
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { insertQueueFixture } from '../support/moderation-fixture.js';

const PASSWORD = 'moderator-password-long';

describe(`moderation queue on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  let modA: TestSession;
  let modB: TestSession;
  let analyst: TestSession;
  const sql = async (text: string, values: unknown[] = []) => (await c.stores.pg.handle.pool.query(text, values)).rows;
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv);
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    for (const [email, role] of [
      ['mod-a@test.local', 'moderator'],
      ['mod-b@test.local', 'moderator'],
      ['analyst@test.local', 'analyst'],
    ]) {
      const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role });
      assert.equal(res.status, 201, await res.text());
    }
    modA = await login(c, 'mod-a@test.local', PASSWORD);
    modB = await login(c, 'mod-b@test.local', PASSWORD);
    analyst = await login(c, 'analyst@test.local', PASSWORD);
    await insertQueueFixture(c);
    const now = Date.now();
    // Reach of video 104: 3 views, 1 like, 1 share in the last 24 h; 1 view 30 h ago is outside.
    const ev = (type: string, minutesAgo: number) => ({
      event_id: randomUUID(),
      ts: new Date(now - minutesAgo * 60_000).toISOString().replace('T', ' ').replace('Z', ''),
      type,
      video_id: 104,
      creator_id: 1,
      user_id: 50,
      watch_ms: type === 'view' ? 4000 : 0,
      region: 'FR',
      device: 'ios',
    });
    await c.stores.ch.insert('video_events', [ev('view', 20), ev('view', 70), ev('view', 600), ev('like', 21), ev('share', 22), ev('view', 30 * 60)]);
  });
  after(async () => c?.stop());

  const ids = (items: { caseId: number }[]) => items.map((i) => i.caseId);

  test('the queue sorts by priority, then first report, then id, in cursor pages', async () => {
    // By hand: 4 (66.67), 1 (54.99), 3 (39.99, first 5 h ago), 2 (39.99, 1 h ago), 5 (8.68); 6 is resolved.
    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await json(await modA.call('GET', `/api/moderation/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      assert.equal(status, 200);
      pages.push(ids(body.items));
      cursor = body.nextCursor;
    } while (cursor);
    assert.deepEqual(pages, [[4, 1], [3, 2], [5]]);
    const { body } = await json(await modA.call('GET', '/api/moderation/queue'));
    const top = body.items[0];
    assert.equal(top.videoId, 104);
    assert.equal(top.priority, 66.67);
    assert.equal(top.reportCount, 5);
    assert.equal(top.distinctReporters, 5);
    assert.deepEqual(top.reasons, ['self_harm']);
    assert.equal(top.status, 'open');
    assert.equal(top.assigneeId, null);
    assert.equal(top.version, 1);
    assert.deepEqual(top.priorityParts, { reporters: 26.88, severity: 30, recency: 9.79 });
  });

  test('filters by reason, SLA state and status', async () => {
    const q = async (qs: string) => ids((await json(await modA.call('GET', `/api/moderation/queue?${qs}`))).body.items);
    assert.deepEqual(await q('reason=hate'), [3]);
    assert.deepEqual(await q('reason=spam'), [1, 5]);
    assert.deepEqual(await q('sla=breached'), [1, 5]);
    assert.deepEqual(await q('sla=due_soon'), [4]);
    assert.deepEqual(await q('sla=ok'), [3, 2]);
    assert.deepEqual(await q('status=escalated'), [5]);
    assert.deepEqual(await q('status=resolved'), [6]);
    const bad = await json(await modA.call('GET', '/api/moderation/queue?sla=late'));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details[0].path[0], 'sla');
    const badCursor = await json(await modA.call('GET', '/api/moderation/queue?cursor=bm90LWEtY3Vyc29y'));
    assert.equal(badCursor.status, 422);
  });

  test('a lease: one holder, renewable, 409 for another, frees itself on expiry, released by its holder', async () => {
    const first = await json(await modA.call('POST', '/api/moderation/cases/4/claim'));
    assert.equal(first.status, 200);
    assert.equal(first.body.lease.assigneeId, modA.account.id);
    assert.equal(first.body.lease.status, 'in_review');
    const leaseMs = Date.parse(first.body.lease.claimExpiresAt) - Date.parse(first.body.lease.claimedAt);
    assert.equal(leaseMs, 600_000);

    const other = await json(await modB.call('POST', '/api/moderation/cases/4/claim'));
    assert.equal(other.status, 409);
    assert.equal(other.body.error.details.assigneeEmail, 'mod-a@test.local');

    // The lease is down to its last minute; renewing gives a full 600 s from the renewal.
    await sql("UPDATE moderation_cases SET claim_expires_at = now() + interval '1 minute' WHERE id = 4");
    const t0 = Date.now();
    const renewed = await json(await modA.call('POST', '/api/moderation/cases/4/claim'));
    const t1 = Date.now();
    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.lease.claimedAt, first.body.lease.claimedAt);
    const expires = Date.parse(renewed.body.lease.claimExpiresAt);
    assert.ok(
      expires >= t0 + 600_000 - 1000 && expires <= t1 + 600_000 + 1000,
      `${renewed.body.lease.claimExpiresAt} not 600 s after the renewal (${new Date(t0).toISOString()})`,
    );

    const queued = (await json(await modB.call('GET', '/api/moderation/queue?limit=1'))).body.items[0];
    assert.equal(queued.status, 'in_review');
    assert.equal(queued.assigneeEmail, 'mod-a@test.local');

    // The lease runs out (moved into the past here): the case reads open and B may take it.
    await sql("UPDATE moderation_cases SET claim_expires_at = now() - interval '1 second' WHERE id = 4");
    const expired = (await json(await modB.call('GET', '/api/moderation/queue?limit=1'))).body.items[0];
    assert.equal(expired.status, 'open');
    assert.equal(expired.assigneeId, null);
    assert.equal((await modA.call('POST', '/api/moderation/cases/4/release')).status, 409);
    const taken = await json(await modB.call('POST', '/api/moderation/cases/4/claim'));
    assert.equal(taken.status, 200);
    assert.equal(taken.body.lease.assigneeId, modB.account.id);

    assert.equal((await modA.call('POST', '/api/moderation/cases/4/release')).status, 409);
    const released = await json(await modB.call('POST', '/api/moderation/cases/4/release'));
    assert.equal(released.status, 200);
    assert.equal(released.body.status, 'open');
    const row = (await sql('SELECT assignee_id, status FROM moderation_cases WHERE id = 4'))[0];
    assert.deepEqual(row, { assignee_id: null, status: 'open' });

    assert.equal((await modA.call('POST', '/api/moderation/cases/999999/claim')).status, 404);
    assert.equal((await modA.call('POST', '/api/moderation/cases/6/claim')).status, 409); // resolved
    assert.equal((await modA.call('POST', '/api/moderation/cases/5/claim')).status, 403); // escalated: admins
  });

  test('the case page: reports with reporters, reason breakdown, reach in the last 24 h', async () => {
    const { status, body } = await json(await modA.call('GET', '/api/moderation/cases/1'));
    assert.equal(status, 200);
    assert.equal(body.case.videoId, 101);
    assert.equal(body.case.creatorUsername, 'creator_one');
    assert.equal(body.case.version, 1);
    assert.deepEqual(
      body.reports.map((r: any) => r.id),
      [1003, 1002, 1001],
    );
    assert.deepEqual(
      body.reports.map((r: any) => r.reporter.username),
      ['reporter_13', 'reporter_12', 'reporter_11'],
    );
    assert.equal(body.reports[0].reporter.email, 'reporter_13@users.example');
    assert.deepEqual(body.reasonBreakdown, [
      { reason: 'violence', count: 2 },
      { reason: 'spam', count: 1 },
    ]);
    assert.deepEqual(body.history, []);

    const page4 = (await json(await modA.call('GET', '/api/moderation/cases/4'))).body;
    assert.deepEqual(
      {
        views: page4.reach24h.views,
        likes: page4.reach24h.likes,
        shares: page4.reach24h.shares,
        comments: page4.reach24h.comments,
        watchMs: page4.reach24h.watchMs,
      },
      { views: 3, likes: 1, shares: 1, comments: 0, watchMs: 12000 },
    );
    const auto = (await json(await modA.call('GET', '/api/moderation/cases/5'))).body;
    assert.equal(auto.reports[0].source, 'automated');
    assert.equal(auto.reports[0].reporter, null);
    assert.equal((await modA.call('GET', '/api/moderation/cases/424242')).status, 404);
    // An analyst may not see the queue at all (docs/architecture.md#roles).
    assert.equal((await analyst.call('GET', '/api/moderation/cases/1')).status, 403);
  });

  let removeDecisionId = 0;

  test('a decision resolves every report, the case and the video in one transaction, with decision and audit rows', async () => {
    assert.equal((await modA.call('POST', '/api/moderation/cases/1/claim')).status, 200);
    const { status, body } = await json(
      await modA.call('POST', '/api/moderation/cases/1/decision', { outcome: 'remove', reason: 'violence', note: 'graphic', version: 1 }),
    );
    assert.equal(status, 200, JSON.stringify(body));
    removeDecisionId = body.decision.id;
    assert.deepEqual(body.case.status, 'resolved');
    assert.equal(body.case.version, 2);
    assert.deepEqual(await sql('SELECT visibility FROM videos WHERE id = 101'), [{ visibility: 'removed' }]);
    assert.deepEqual(await sql('SELECT count(*)::int AS n FROM content_reports WHERE case_id = 1 AND resolved_at IS NULL'), [{ n: 0 }]);
    assert.deepEqual(
      await sql('SELECT status, version, assignee_id, claim_expires_at, resolved_at IS NOT NULL AS resolved FROM moderation_cases WHERE id = 1'),
      [{ status: 'resolved', version: 2, assignee_id: null, claim_expires_at: null, resolved: true }],
    );
    const d = await sql(
      'SELECT reviewer_id, outcome, policy_reason, note, claimed_at IS NOT NULL AS claimed, state_before, state_after, reverses_decision_id FROM moderation_decisions WHERE case_id = 1',
    );
    assert.deepEqual(d, [
      {
        reviewer_id: modA.account.id,
        outcome: 'remove',
        policy_reason: 'violence',
        note: 'graphic',
        claimed: true,
        state_before: { caseStatus: 'in_review', visibility: 'public', version: 1 },
        state_after: { caseStatus: 'resolved', visibility: 'removed', version: 2 },
        reverses_decision_id: null,
      },
    ]);
    const audit = await sql("SELECT actor_email, target_type, target_id, after->>'outcome' AS outcome FROM audit_log WHERE action = 'moderation.decision'");
    assert.deepEqual(audit, [{ actor_email: 'mod-a@test.local', target_type: 'moderation_case', target_id: '1', outcome: 'remove' }]);
    const queue = ids((await json(await modA.call('GET', '/api/moderation/queue'))).body.items);
    assert.deepEqual(queue, [4, 3, 2, 5]);
    // The same creator's earlier decisions appear on another of their cases.
    const page4 = (await json(await modA.call('GET', '/api/moderation/cases/4'))).body;
    assert.deepEqual(
      page4.creatorHistory.map((h: any) => [h.caseId, h.outcome, h.videoId]),
      [[1, 'remove', 101]],
    );
  });

  test('a stale version or another moderator’s claim answers 409 and changes nothing', async () => {
    const stale = await json(await modA.call('POST', '/api/moderation/cases/3/decision', { outcome: 'remove', reason: 'hate', version: 2 }));
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.details.reason, 'stale_version');
    assert.equal(stale.body.error.details.version, 1);
    assert.equal((await modB.call('POST', '/api/moderation/cases/3/claim')).status, 200);
    const foreign = await json(await modA.call('POST', '/api/moderation/cases/3/decision', { outcome: 'remove', reason: 'hate', version: 1 }));
    assert.equal(foreign.status, 409);
    assert.equal(foreign.body.error.details.reason, 'claimed');
    assert.deepEqual(await sql('SELECT visibility FROM videos WHERE id = 103'), [{ visibility: 'public' }]);
    assert.deepEqual(await sql('SELECT count(*)::int AS n FROM moderation_decisions WHERE case_id = 3'), [{ n: 0 }]);
    const bad = await json(await modA.call('POST', '/api/moderation/cases/3/decision', { outcome: 'delete', reason: 'hate', version: 1 }));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details[0].path[0], 'outcome');
    // A resolved case takes no plain decision.
    assert.equal((await modA.call('POST', '/api/moderation/cases/1/decision', { outcome: 'dismiss', reason: 'no_violation', version: 2 })).status, 409);
  });

  test('escalation leaves reports open and the video as is; only an admin decides it then', async () => {
    const esc = await json(
      await modB.call('POST', '/api/moderation/cases/3/decision', { outcome: 'escalate', reason: 'hate', note: 'borderline', version: 1 }),
    );
    assert.equal(esc.status, 200);
    assert.equal(esc.body.case.status, 'escalated');
    assert.deepEqual(await sql('SELECT count(*)::int AS n FROM content_reports WHERE case_id = 3 AND resolved_at IS NULL'), [{ n: 2 }]);
    assert.deepEqual(await sql('SELECT visibility FROM videos WHERE id = 103'), [{ visibility: 'public' }]);
    assert.equal((await modA.call('POST', '/api/moderation/cases/3/decision', { outcome: 'remove', reason: 'hate', version: 2 })).status, 403);
    const byAdmin = await json(await admin.call('POST', '/api/moderation/cases/3/decision', { outcome: 'age_restrict', reason: 'hate', version: 2 }));
    assert.equal(byAdmin.status, 200);
    assert.deepEqual(await sql('SELECT visibility FROM videos WHERE id = 103'), [{ visibility: 'age_restricted' }]);
    assert.deepEqual(await sql('SELECT count(*)::int AS n FROM content_reports WHERE case_id = 3 AND resolved_at IS NULL'), [{ n: 0 }]);
  });

  test('a decision is reversed by a later one, never edited', async () => {
    const noRef = await json(
      await admin.call('POST', '/api/moderation/cases/1/decision', {
        outcome: 'dismiss',
        reason: 'no_violation',
        version: 2,
        reversesDecisionId: removeDecisionId + 1000,
      }),
    );
    assert.equal(noRef.status, 409);
    assert.equal(noRef.body.error.details.reason, 'not_latest');
    const rev = await json(
      await admin.call('POST', '/api/moderation/cases/1/decision', {
        outcome: 'dismiss',
        reason: 'no_violation',
        note: 'satire',
        version: 2,
        reversesDecisionId: removeDecisionId,
      }),
    );
    assert.equal(rev.status, 200, JSON.stringify(rev.body));
    assert.equal(rev.body.decision.reversesDecisionId, removeDecisionId);
    assert.equal(rev.body.case.version, 3);
    assert.deepEqual(await sql('SELECT visibility FROM videos WHERE id = 101'), [{ visibility: 'public' }]);
    assert.deepEqual(await sql('SELECT id, outcome, reverses_decision_id FROM moderation_decisions WHERE case_id = 1 ORDER BY id'), [
      { id: removeDecisionId, outcome: 'remove', reverses_decision_id: null },
      { id: rev.body.decision.id, outcome: 'dismiss', reverses_decision_id: removeDecisionId },
    ]);
    assert.deepEqual(await sql("SELECT count(*)::int AS n FROM audit_log WHERE action = 'moderation.decision_reversed' AND target_id = '1'"), [{ n: 1 }]);
    const history = (await json(await modA.call('GET', '/api/moderation/cases/1'))).body.history;
    assert.deepEqual(
      history.map((h: any) => [h.outcome, h.reviewerEmail]),
      [
        ['remove', 'mod-a@test.local'],
        ['dismiss', ADMIN.email],
      ],
    );
  });

  test('bulk decisions with mixed outcomes are answered per case', async () => {
    // Case 2 open v1 → age_restrict 200; case 4 open v1 → dismiss 200; case 5 escalated → 403 for a
    // moderator; case 6 resolved → 409; case 3 stale version → 409; case 777 → 404.
    const { status, body } = await json(
      await modA.call('POST', '/api/moderation/decisions/bulk', {
        items: [
          { caseId: 2, outcome: 'age_restrict', reason: 'nudity', version: 1 },
          { caseId: 4, outcome: 'dismiss', reason: 'no_violation', version: 1 },
          { caseId: 5, outcome: 'remove', reason: 'spam', version: 2 },
          { caseId: 6, outcome: 'dismiss', reason: 'no_violation', version: 2 },
          { caseId: 3, outcome: 'remove', reason: 'hate', version: 1 },
          { caseId: 777, outcome: 'remove', reason: 'spam', version: 1 },
        ],
      }),
    );
    assert.equal(status, 200);
    assert.deepEqual(
      body.results.map((r: any) => [r.caseId, r.status]),
      [
        [2, 200],
        [4, 200],
        [5, 403],
        [6, 409],
        [3, 409],
        [777, 404],
      ],
    );
    assert.equal(body.decided, 2);
    assert.equal(body.failed, 4);
    assert.deepEqual(await sql('SELECT id, visibility FROM videos WHERE id IN (102, 104, 105) ORDER BY id'), [
      { id: 102, visibility: 'age_restricted' },
      { id: 104, visibility: 'public' },
      { id: 105, visibility: 'public' },
    ]);
    assert.deepEqual(await sql('SELECT case_id, outcome FROM moderation_decisions WHERE bulk_batch_id = $1 ORDER BY case_id', [body.batchId]), [
      { case_id: 2, outcome: 'age_restrict' },
      { case_id: 4, outcome: 'dismiss' },
    ]);
    const dup = await json(
      await modA.call('POST', '/api/moderation/decisions/bulk', {
        items: [
          { caseId: 5, outcome: 'remove', reason: 'spam', version: 2 },
          { caseId: 5, outcome: 'remove', reason: 'spam', version: 2 },
        ],
      }),
    );
    assert.equal(dup.status, 422);
    assert.equal((await modA.call('POST', '/api/moderation/decisions/bulk', { items: [] })).status, 400);
  });

  test('stats: open cases, SLA breaches, decisions per moderator', async () => {
    const { status, body } = await json(await modA.call('GET', '/api/moderation/stats'));
    assert.equal(status, 200);
    // Only case 5 (escalated, due 6 h ago) is unresolved now.
    assert.equal(body.openCases, 1);
    assert.equal(body.escalatedCases, 1);
    assert.equal(body.openBreached, 1);
    // Resolved within the last 7 days: 1 (now, late), 2, 3, 4 (now) and 6 (an hour ago, due 44 h ago: late).
    // Late: 1 (due 6 h ago), 6; not late: 2 (due in 3 h), 3 (19 h), 4 (0.5 h).
    assert.equal(body.resolvedInWindow, 5);
    assert.equal(body.resolvedLate, 2);
    const per = Object.fromEntries(body.moderators.map((m: any) => [m.reviewerEmail, [m.decisions, m.removed, m.dismissed, m.ageRestricted, m.escalated]]));
    assert.deepEqual(per, {
      'mod-a@test.local': [3, 1, 1, 1, 0],
      'mod-b@test.local': [1, 0, 0, 0, 1],
      [ADMIN.email]: [2, 0, 1, 1, 0],
    });
    const modAStats = body.moderators.find((m: any) => m.reviewerEmail === 'mod-a@test.local');
    // Only the first decision of A had a claim; its handle time is a few seconds at most.
    assert.ok(modAStats.medianHandleSeconds >= 0 && modAStats.medianHandleSeconds < 60, String(modAStats.medianHandleSeconds));
    assert.equal((await modA.call('GET', '/api/moderation/stats?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z')).status, 400);
  });
});
