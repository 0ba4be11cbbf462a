// Scheduled campaign reports when a console dies or is down (README#campaigns, docs/exports.md "Scheduled
// reports after a failure"): a delivery leased by a worker that died is sent by another once the
// lease ends, exactly once; a console down over two due times sends one report, for the latest
// complete period, and moves on. Ticks are called with explicit instants; mail goes to a real SMTP
// server in this process and is parsed back.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { parse } from 'csv-parse/sync';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { loadCampaignFixture } from '../support/campaign-fixture.js';
import { startSmtp, type SmtpEndpoint } from '../support/alert-endpoints.js';
import { pgQuery } from '../../server/db/index.js';

const MIN = 60_000;
// What a worker sets when it claims a delivery: the end of its lease (10 minutes, schedules.service.ts).
const LEASE_MS = 10 * MIN;

describe(`scheduled reports after a failure on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let smtp: SmtpEndpoint;
  let admin: TestSession;

  before(async () => {
    smtp = await startSmtp();
    c = await startTestConsole({ ...bootstrapAdminEnv, SMTP_URL: smtp.url });
    await c.ready;
    await loadCampaignFixture(c);
    admin = await login(c, ADMIN.email, ADMIN.password);
  });
  after(async () => {
    await c?.stop();
    await smtp?.close();
  });

  /** A daily CSV schedule of campaign 1001 (advertiser A, Asia/Kathmandu) whose next run is `nextRunAt`; deleted after the test. */
  const schedule = async (t: TestContext, recipient: string, nextRunAt: string): Promise<number> => {
    const res = await admin.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'daily', format: 'csv', recipients: [recipient] });
    assert.equal(res.status, 201, await res.clone().text());
    const id = Number(((await res.json()) as { schedule: { id: number } }).schedule.id);
    await c.stores.pg.handle.pool.query('UPDATE report_schedules SET next_run_at = $1 WHERE id = $2', [nextRunAt, id]);
    t.after(async () => {
      await admin.call('DELETE', `/api/report-schedules/${id}`);
    });
    return id;
  };
  const shown = async (id: number) =>
    (
      (await (await admin.call('GET', `/api/report-schedules/${id}`)).json()) as {
        schedule: {
          nextRunAt: string;
          lastStatus: string;
          deliveries: { periodFrom: string; periodTo: string; trigger: string; status: string; attempts: number }[];
        };
      }
    ).schedule;
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  test('a delivery leased by a worker that died is not sent before the lease ends, then sent once by another', async (t) => {
    const to = 'lease@schedules.test';
    const id = await schedule(t, to, '2026-11-11T00:15:00Z');
    // 06:00 Kathmandu on 11-11 is 00:15Z: the tick at 00:15:30 queues the delivery of the local day 11-10.
    const at = Date.parse('2026-11-11T00:15:30Z');
    assert.equal(await c.reportSchedules.queueDue(new Date(at)), 1);
    // A worker claims it (as deliverDue does) and dies before sending.
    const claim = pgQuery('campaigns/claim_due_deliveries').returns<{ id: number }>();
    const claimed = await c.stores.pg.rows(claim, { now: new Date(at), lease_until: new Date(at + LEASE_MS), limit: 10 });
    assert.equal(claimed.length, 1);
    // Another worker, one second before the lease ends: nothing to do.
    assert.equal(await c.reportSchedules.deliverDue(new Date(at + LEASE_MS - 1000)), 0);
    assert.equal(mailsTo(to).length, 0);
    // At the lease's end it sends the report, once.
    assert.equal(await c.reportSchedules.deliverDue(new Date(at + LEASE_MS)), 1);
    assert.equal(await c.reportSchedules.deliverDue(new Date(at + LEASE_MS + MIN)), 0);
    assert.equal(await c.reportSchedules.deliverDue(new Date(at + 3 * LEASE_MS)), 0);
    assert.equal(mailsTo(to).length, 1);
    assert.match((await simpleParser(mailsTo(to)[0]!.raw)).subject!, /\(2026-11-10, Asia\/Kathmandu\)$/);
    const s = await shown(id);
    assert.deepEqual(
      s.deliveries.map((d) => [d.periodFrom, d.periodTo, d.trigger, d.status, d.attempts]),
      [['2026-11-10', '2026-11-11', 'schedule', 'sent', 1]],
    );
  });

  test('a console down over two due times sends one report, of the latest complete day, then runs on schedule', async (t) => {
    const to = 'downtime@schedules.test';
    // Due at 11-11 00:15Z; the console is down from 11-11 00:00Z to 11-12 01:00Z, over the runs of
    // 11-11 (reporting 11-10) and 11-12 (reporting 11-11). Back at 01:00Z on 11-12 (06:45 in Kathmandu).
    const id = await schedule(t, to, '2026-11-11T00:15:00Z');
    assert.deepEqual(await c.reportSchedules.tick(new Date('2026-11-12T01:00:00Z')), { queued: 1, attempted: 1 });
    // The next minute's tick finds nothing more to send: no catch-up of the older run.
    assert.deepEqual(await c.reportSchedules.tick(new Date('2026-11-12T01:01:00Z')), { queued: 0, attempted: 0 });
    const mails = mailsTo(to);
    assert.equal(mails.length, 1);
    const mail = await simpleParser(mails[0]!.raw);
    assert.match(mail.subject!, /\(2026-11-11, Asia\/Kathmandu\)$/);
    const att = mail.attachments[0]!;
    assert.equal(att.filename, 'campaign-1001_report_2026-11-11_to_2026-11-11_Asia-Kathmandu.csv');
    const rows = parse(att.content.toString('utf8'), { bom: true, comment: '#', comment_no_infix: true }) as string[][];
    const h = rows[0]!;
    // Local day 11-11 (18:15Z on 11-10 to 18:15Z on 11-11) by hand from the fixture: impressions of users
    // 1 and 5 (reach 2), clicks of users 5 and 1, spend 2 × 0.25 + 2 × 1 = 2.5 NPR.
    assert.deepEqual(
      rows
        .slice(1)
        .map((r) => [r[h.indexOf('date')], r[h.indexOf('impressions')], r[h.indexOf('reach')], r[h.indexOf('clicks')], r[h.indexOf('spend_micros')]]),
      [
        ['2026-11-11', '2', '2', '2', '2500000'],
        ['total', '2', '2', '2', '2500000'],
      ],
    );
    const s = await shown(id);
    assert.deepEqual(
      s.deliveries.map((d) => [d.periodFrom, d.periodTo, d.trigger, d.status]),
      [['2026-11-11', '2026-11-12', 'schedule', 'sent']],
    );
    // The next run is the next 06:00 Kathmandu after the console came back.
    assert.equal(s.nextRunAt, '2026-11-13T00:15:00.000Z');
    assert.equal(await c.reportSchedules.queueDue(new Date('2026-11-13T00:14:59Z')), 0);
    assert.equal(await c.reportSchedules.queueDue(new Date('2026-11-13T00:15:00Z')), 1);
  });
});
