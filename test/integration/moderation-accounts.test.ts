// Account actions, reporter accuracy, outcome notices and search over real HTTP on the real
// stores (docs/moderation.md). Steps run in order on the hand-made queue fixture
// (test/support/moderation-fixture.ts); every expected value is worked out by hand below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, insertAdvertisers, login, type TestSession } from '../support/auth.js';
import { insertQueueFixture } from '../support/moderation-fixture.js';
import { startSmtp, type SmtpEndpoint } from '../support/alert-endpoints.js';

const PASSWORD = 'moderator-password-long';
const HOUR = 3600_000;

describe(`moderation accounts, accuracy, notices and search on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let smtp: SmtpEndpoint;
  let admin: TestSession;
  let mod: TestSession;
  let analyst: TestSession;
  let adv1: TestSession;
  const sql = async (text: string, values: unknown[] = []) => (await c.stores.pg.handle.pool.query(text, values)).rows;
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
  const caseRow = async (id: number) =>
    (await sql('SELECT priority, priority_parts AS parts FROM moderation_cases WHERE id = $1', [id]))[0] as { priority: number; parts: Record<string, number> };
  const decide = async (caseId: number, outcome: string, reason: string) => {
    const [{ version }] = await sql('SELECT version FROM moderation_cases WHERE id = $1', [caseId]);
    const res = await json(await mod.call('POST', `/api/moderation/cases/${caseId}/decision`, { outcome, reason, version }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  before(async () => {
    smtp = await startSmtp();
    c = await startTestConsole({ ...bootstrapAdminEnv, SMTP_URL: smtp.url, ALERT_RETRY_DELAYS: '1m' });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    await insertAdvertisers(c, [1, 2]);
    for (const [email, role, advertiserId] of [
      ['mod@test.local', 'moderator'],
      ['analyst@test.local', 'analyst'],
      ['adv1@test.local', 'advertiser', 1],
    ] as const) {
      const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role, ...(advertiserId ? { advertiserId } : {}) });
      assert.equal(res.status, 201, await res.text());
    }
    mod = await login(c, 'mod@test.local', PASSWORD);
    analyst = await login(c, 'analyst@test.local', PASSWORD);
    adv1 = await login(c, 'adv1@test.local', PASSWORD);
    await insertQueueFixture(c);
    await sql("UPDATE videos SET title = 'Sunset cooking pasta' WHERE id = 103");
    await sql(`INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date) VALUES
      (501, 1, 'Summer launch', 'awareness', 'active', 1000000, 1000, '2026-06-01'),
      (502, 2, 'Summer sale', 'traffic', 'active', 1000000, 1000, '2026-06-01')`);
  });
  after(async () => {
    await c?.stop();
    await smtp?.close();
  });

  test('reporter accuracy: upheld reports weigh more, dismissed less, and the priority parts show it', async () => {
    // Case 4: reporters 11-15 (no record yet: every weight 1, no accuracy part), priority 66.67.
    assert.equal((await caseRow(4)).priority, 66.67);
    assert.equal((await caseRow(4)).parts.accuracy, undefined);
    // Removing case 1 upholds reporters 11, 12, 13: w = 2(1+1)/(1+0+2) = 4/3 each; 14 and 15 stay 1.
    // Case 4: sum w = 3 × 4/3 + 2 = 6; accuracy = 15 ln(7) − 15 ln(6) = 15 ln(7/6) = 2.3123 → 2.31;
    // priority 66.67 + 2.31 = 68.98.
    await decide(1, 'remove', 'violence');
    let k = await caseRow(4);
    assert.equal(k.parts.accuracy, 2.31);
    assert.equal(k.priority, 68.98);
    // Dismissing case 3 (reporter 15, twice: one case) gives 15 w = 2(0+1)/(0+1+2) = 2/3.
    // Case 4: sum w = 4 + 1 + 2/3 = 17/3; accuracy = 15 ln(20/3) − 15 ln 6 = 15 ln(10/9) = 1.5804 → 1.58;
    // priority 68.98 − 2.31 + 1.58 = 68.25.
    await decide(3, 'dismiss', 'no_violation');
    k = await caseRow(4);
    assert.deepEqual(k.parts, { reporters: 26.88, severity: 30, recency: 9.79, accuracy: 1.58 });
    assert.equal(k.priority, 68.25);
    // Case 2 (reporter 14, no record) has no accuracy part; the user page shows 15's record.
    assert.equal((await caseRow(2)).parts.accuracy, undefined);
    const page = await json(await mod.call('GET', '/api/moderation/users/15'));
    assert.deepEqual(page.body.reporterRecord, { upheld: 0, dismissed: 1, weight: 2 / 3 });
  });

  test('outcome notices: reporters and the creator get an email through the outbox, neither names the other', async () => {
    // Case 1 (remove, above) was reported by 11, 12, 13 of creator 1's video 101; case 3 (dismiss) by 15 of video 103.
    const queued = await sql("SELECT group_key, payload->'to' AS to FROM notification_outbox WHERE receiver = 'moderation-notice' ORDER BY id");
    assert.equal(queued.length, 6);
    await c.alerting.delivery.deliverDue();
    assert.equal(smtp.mails.length, 6);
    const mails = await Promise.all(smtp.mails.map(async (m) => ({ to: m.to, parsed: await simpleParser(m.raw) })));
    const byTo = (addr: string) => mails.filter((m) => m.to.includes(addr));
    for (const id of [11, 12, 13]) {
      const [m] = byTo(`reporter_${id}@users.example`);
      assert.ok(m, `reporter ${id} got a notice`);
      assert.equal(m.parsed.subject, 'We reviewed a video you reported');
      assert.match(m.parsed.text!, /You reported the video “Video 101”\. We removed the video: it breaks our rules on violent content\./);
      assert.doesNotMatch(m.parsed.text! + m.parsed.subject, /creator_one/i);
      assert.equal(m.parsed.from!.value[0]!.address, 'trust@pulse.local');
    }
    const creator = byTo('creator_one@users.example');
    assert.equal(creator.length, 2);
    const removed = creator.find((m) => /Video 101/.test(m.parsed.text!))!;
    assert.equal(removed.parsed.subject, 'A decision on your video');
    assert.match(
      removed.parsed.text!,
      /^Hello creator_one,\n\nYour video “Video 101” was reviewed after it was reported\. We removed your video because it breaks our rules on violent content\./,
    );
    const kept = creator.find((m) => /Sunset cooking pasta/.test(m.parsed.text!))!;
    assert.match(kept.parsed.text!, /it stays up as it was/);
    for (const m of creator) assert.doesNotMatch(m.parsed.text! + m.parsed.subject, /reporter_1\d/);
    const [r15] = byTo('reporter_15@users.example');
    assert.match(r15!.parsed.text!, /does not break our Community Guidelines, so it stays up/);
    // Delivered through the outbox; kept out of the alert notification log (analysts read it).
    assert.deepEqual(
      (await sql("SELECT DISTINCT status FROM notification_outbox WHERE receiver = 'moderation-notice'")).map((r) => r.status),
      ['delivered'],
    );
    const log = await json(await analyst.call('GET', '/api/notifications'));
    assert.equal(log.status, 200);
    assert.doesNotMatch(JSON.stringify(log.body), /users\.example/);
  });

  test('warn, suspend, ban and lift: appended rows, audited, standing and queue marks follow, a ban hides the videos and its lift gives them back', async () => {
    const act = async (userId: number, body: Record<string, unknown>) => json(await mod.call('POST', `/api/moderation/users/${userId}/actions`, body));
    const warn = await act(1, { action: 'warn', reason: 'repeat_violations', note: 'second removal this month', caseId: 2 });
    assert.equal(warn.status, 200, JSON.stringify(warn.body));
    assert.equal(warn.body.subject, 'creator');
    assert.deepEqual(warn.body.standing, { status: 'active', suspendedUntil: null });

    const t0 = Date.now();
    const suspend = await act(1, { action: 'suspend', reason: 'violence', durationHours: 48, caseId: 2 });
    assert.equal(suspend.status, 200);
    assert.equal(suspend.body.standing.status, 'suspended');
    const until = Date.parse(suspend.body.standing.suspendedUntil);
    assert.ok(until >= t0 + 48 * HOUR - 1000 && until <= Date.now() + 48 * HOUR + 1000);
    // The queue marks creator 1's cases (2, 4 and escalated 5 are left; all creator 1's).
    const queue = await json(await mod.call('GET', '/api/moderation/queue'));
    assert.deepEqual(
      queue.body.items.map((i: any) => [i.caseId, i.creatorStanding]),
      [
        [4, 'suspended'],
        [2, 'suspended'],
        [5, 'suspended'],
      ],
    );

    // Ban: videos 102-106 are public (101 was removed by case 1): 5 hidden.
    const ban = await act(1, { action: 'ban', reason: 'repeat_violations', note: 'third strike' });
    assert.equal(ban.status, 200);
    assert.equal(ban.body.actions[0].hiddenVideos, 5);
    assert.equal(ban.body.standing.status, 'banned');
    assert.deepEqual(
      (await sql('SELECT DISTINCT visibility FROM videos WHERE creator_id = 1')).map((r) => r.visibility),
      ['removed'],
    );
    assert.equal((await act(1, { action: 'ban', reason: 'repeat_violations' })).status, 409);

    const rowsBefore = await sql('SELECT * FROM account_actions ORDER BY id');
    // Lifting the ban: a new row; the five videos are public again; the suspension is still in force.
    const banId = ban.body.actions[0].id;
    const lift = await act(1, { action: 'lift', reason: 'appeal_granted', liftsActionId: banId });
    assert.equal(lift.status, 200);
    assert.deepEqual(
      lift.body.actions.map((a: any) => [a.kind, a.liftsActionId, a.restoredVideos]),
      [['lift', banId, 5]],
    );
    assert.equal(lift.body.standing.status, 'suspended');
    assert.deepEqual(
      (await sql('SELECT id, visibility FROM videos WHERE creator_id = 1 ORDER BY id')).map((r) => [Number(r.id), r.visibility]),
      [
        [101, 'removed'],
        [102, 'public'],
        [103, 'public'],
        [104, 'public'],
        [105, 'public'],
        [106, 'public'],
      ],
    );
    assert.equal((await act(1, { action: 'lift', reason: 'appeal_granted', liftsActionId: banId })).status, 409);
    // Lift without an id: every restriction in force (the suspension).
    const liftAll = await act(1, { action: 'lift', reason: 'mistake' });
    assert.deepEqual(
      liftAll.body.actions.map((a: any) => a.liftsActionId),
      [suspend.body.actions[0].id],
    );
    assert.deepEqual(liftAll.body.standing, { status: 'active', suspendedUntil: null });
    assert.equal((await act(1, { action: 'lift', reason: 'mistake' })).status, 409);
    // Append-only: the earlier rows are unchanged, two lift rows were added.
    const rowsAfter = await sql('SELECT * FROM account_actions ORDER BY id');
    assert.deepEqual(rowsAfter.slice(0, rowsBefore.length), rowsBefore);
    assert.deepEqual(
      rowsAfter.map((r) => r.kind),
      ['warn', 'suspend', 'ban', 'lift', 'lift'],
    );

    // A reporter who abuses reporting: reporter 15 reported case 3; 15 is not case 3's creator.
    const rep = await act(15, { action: 'warn', reason: 'report_abuse', caseId: 3 });
    assert.equal(rep.status, 200);
    assert.equal(rep.body.subject, 'reporter');
    assert.equal((await act(15, { action: 'warn', reason: 'report_abuse', caseId: 3, subject: 'creator' })).status, 422);
    assert.equal((await act(14, { action: 'warn', reason: 'report_abuse', caseId: 3 })).status, 422);
    assert.equal((await act(1, { action: 'suspend', reason: 'spam' })).status, 422);
    assert.equal((await act(999, { action: 'warn', reason: 'spam' })).status, 404);
    assert.equal((await json(await analyst.call('POST', '/api/moderation/users/1/actions', { action: 'warn', reason: 'spam' }))).status, 403);

    // Audited: one row per action, with the standing before and after.
    const audit = await sql(
      "SELECT action, target_type, target_id, before->>'status' AS before, after->>'status' AS after, after->>'kind' AS kind, actor_email FROM audit_log WHERE action LIKE 'moderation.account_action%' ORDER BY id",
    );
    assert.deepEqual(
      audit.map((a) => [a.action, a.target_id, a.kind, a.before, a.after]),
      [
        ['moderation.account_action', '1', 'warn', 'active', 'active'],
        ['moderation.account_action', '1', 'suspend', 'active', 'suspended'],
        ['moderation.account_action', '1', 'ban', 'suspended', 'banned'],
        ['moderation.account_action_lifted', '1', 'lift', 'banned', 'suspended'],
        ['moderation.account_action_lifted', '1', 'lift', 'suspended', 'active'],
        ['moderation.account_action', '15', 'warn', 'active', 'active'],
      ],
    );
    assert.ok(audit.every((a) => a.target_type === 'platform_user' && a.actor_email === 'mod@test.local'));

    // The case page and the user page show them.
    const casePage = await json(await mod.call('GET', '/api/moderation/cases/2'));
    assert.deepEqual(
      casePage.body.caseActions.map((a: any) => [a.kind, a.userId]),
      [
        ['warn', 1],
        ['suspend', 1],
      ],
    );
    assert.deepEqual(
      casePage.body.creatorActions.map((a: any) => [a.kind, a.live]),
      [
        ['lift', false],
        ['lift', false],
        ['ban', false],
        ['suspend', false],
        ['warn', false],
      ],
    );
    const user = await json(await mod.call('GET', '/api/moderation/users/1'));
    assert.equal(user.body.user.email, 'creator_one@users.example');
    assert.deepEqual(user.body.standing, { status: 'active', suspendedUntil: null });
    assert.equal(user.body.actions.length, 5);
    assert.deepEqual(
      user.body.videos.map((v: any) => v.id),
      [106, 105, 104, 103, 102, 101].filter((id) => user.body.videos.some((v: any) => v.id === id)),
    );
    assert.equal(user.body.videos.length, 6);
    assert.equal(user.body.reportsReceived.length, 13);
    assert.deepEqual(user.body.decisions.map((d: any) => [d.caseId, d.outcome]).sort(), [
      [1, 'remove'],
      [3, 'dismiss'],
    ]);
    assert.equal((await analyst.call('GET', '/api/moderation/users/1')).status, 403);
  });

  test('bulk account actions answer per user and share a batch id', async () => {
    const res = await json(
      await mod.call('POST', '/api/moderation/account-actions/bulk', {
        items: [
          { userId: 11, action: 'suspend', reason: 'report_abuse', durationHours: 24, subject: 'reporter' },
          { userId: 12, action: 'warn', reason: 'report_abuse', subject: 'reporter' },
          { userId: 999, action: 'warn', reason: 'spam' },
        ],
      }),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.results.map((r: any) => [r.userId, r.status]),
      [
        [11, 200],
        [12, 200],
        [999, 404],
      ],
    );
    assert.deepEqual([res.body.done, res.body.failed], [2, 1]);
    const rows = await sql('SELECT user_id, kind, bulk_batch_id FROM account_actions WHERE bulk_batch_id IS NOT NULL ORDER BY id');
    assert.deepEqual(
      rows.map((r) => [Number(r.user_id), r.kind, r.bulk_batch_id]),
      [
        [11, 'suspend', res.body.batchId],
        [12, 'warn', res.body.batchId],
      ],
    );
  });

  test('search: videos by title words and id, users by username, id and (personal-data roles) email, campaigns scoped, cases by id', async () => {
    const search = async (s: TestSession, q: string) => json(await s.call('GET', `/api/search?q=${encodeURIComponent(q)}`));
    const group = (body: any, kind: string) => body.groups.find((g: any) => g.kind === kind)?.items;

    const title = await search(mod, 'cook past');
    assert.deepEqual(
      group(title.body, 'videos').map((v: any) => [v.id, v.title, v.caseId]),
      [[103, 'Sunset cooking pasta', 3]],
    );
    assert.deepEqual(
      title.body.groups.map((g: any) => g.kind),
      ['videos', 'users', 'cases'],
    );
    const byId = await search(mod, '104');
    assert.deepEqual(
      group(byId.body, 'videos').map((v: any) => v.id),
      [104],
    );

    const users = await search(mod, 'reporter_1');
    assert.deepEqual(
      group(users.body, 'users').map((u: any) => u.id),
      [11, 12, 13, 14, 15],
    );
    assert.equal(group(users.body, 'users')[0].email, 'reporter_11@users.example');
    assert.deepEqual(
      group((await search(mod, '12')).body, 'users').map((u: any) => u.id),
      [12],
    );
    assert.deepEqual(
      group((await search(mod, 'creator_one@users')).body, 'users').map((u: any) => u.id),
      [1],
    );
    // LIKE wildcards are literal: "%" matches nobody.
    assert.deepEqual(group((await search(mod, '%')).body, 'users'), []);
    assert.deepEqual(
      group((await search(mod, '4')).body, 'cases').map((k: any) => [k.id, k.videoId]),
      [[4, 104]],
    );

    // An analyst gets no user results and no email, even searching by one.
    const a = await search(analyst, 'creator_one@users.example');
    assert.equal(a.status, 200);
    assert.deepEqual(
      a.body.groups.map((g: any) => g.kind),
      ['videos', 'campaigns'],
    );
    assert.doesNotMatch(JSON.stringify((await search(analyst, 'reporter')).body), /@users\.example/);

    // Campaigns: an advertiser sees only its own, by name or by id; an admin sees both.
    const own = await search(adv1, 'summer');
    assert.deepEqual(
      own.body.groups.map((g: any) => g.kind),
      ['campaigns'],
    );
    assert.deepEqual(
      group(own.body, 'campaigns').map((x: any) => x.id),
      [501],
    );
    assert.deepEqual(group((await search(adv1, '502')).body, 'campaigns'), []);
    assert.deepEqual(
      group((await search(admin, 'summer')).body, 'campaigns')
        .map((x: any) => x.id)
        .sort(),
      [501, 502],
    );
    assert.equal((await search(mod, '')).status, 400);
  });
});
