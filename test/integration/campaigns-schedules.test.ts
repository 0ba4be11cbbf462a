// Scheduled campaign reports (README#campaigns) against a real SMTP server in this process
// (smtp-server), each message parsed back with mailparser and its attachment with csv-parse or
// exceljs. The scheduler's clock is the feature here, so ticks are called with explicit instants.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { ADV_A, ADV_B, loadCampaignFixture } from '../support/campaign-fixture.js';

const PASSWORD = 'schedules-test-password';
let c: TestConsole;
let smtp: SMTPServer;
let smtpPort = 0;
const inbox: { to: string[]; mail: ParsedMail }[] = [];
let rejecting = false;
let admin: TestSession;
let advA: TestSession;
let advB: TestSession;
let analyst: TestSession;

async function account(role: string, advertiserId?: number): Promise<TestSession> {
  const email = `${role}-${advertiserId ?? 'x'}-${Math.random().toString(36).slice(2, 7)}@schedules.test`;
  const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role, ...(advertiserId ? { advertiserId } : {}) });
  assert.equal(res.status, 201, await res.text());
  return login(c, email, PASSWORD);
}

async function waitForMail(count: number): Promise<void> {
  for (let i = 0; i < 100 && inbox.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(inbox.length, count);
}

describe(`scheduled reports on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (rejecting) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream).then((mail) => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as { port: number }).port;
    c = await startTestConsole({ ...bootstrapAdminEnv, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
    await c.ready;
    await loadCampaignFixture(c);
    admin = await login(c, ADMIN.email, ADMIN.password);
    advA = await account('advertiser', ADV_A.id);
    advB = await account('advertiser', ADV_B.id);
    analyst = await account('analyst');
  });
  after(async () => {
    await c?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  test('create validates its body: frequency, format, 1 to 5 recipients', async () => {
    const bad = await advA.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'hourly', format: 'csv', recipients: ['a@x.test'] });
    assert.equal(bad.status, 400);
    assert.deepEqual(((await bad.json()) as any).error.details[0].path, ['frequency']);
    const six = await advA.call('POST', '/api/report-schedules', {
      campaignId: 1001,
      frequency: 'daily',
      format: 'csv',
      recipients: ['1@x.test', '2@x.test', '3@x.test', '4@x.test', '5@x.test', '6@x.test'],
    });
    assert.equal(six.status, 400);
    assert.deepEqual(((await six.json()) as any).error.details[0].path, ['recipients']);
    const none = await advA.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'daily', format: 'pdf', recipients: [] });
    assert.equal(none.status, 400);
    // Analysts read but do not schedule.
    assert.equal(
      (await analyst.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'daily', format: 'csv', recipients: ['a@x.test'] })).status,
      403,
    );
  });

  test('a daily schedule first runs at the next 06:00 in Asia/Kathmandu (00:15 UTC); advertiser B cannot see or touch it', async () => {
    const before = Date.now();
    const res = await advA.call('POST', '/api/report-schedules', {
      campaignId: 1001,
      frequency: 'daily',
      format: 'csv',
      recipients: ['Ana@Example.test', 'ana@example.test', 'bo@example.test'],
    });
    assert.equal(res.status, 201, await res.clone().text());
    const s = ((await res.json()) as any).schedule;
    assert.deepEqual(s.recipients, ['ana@example.test', 'bo@example.test']);
    const next = new Date(s.nextRunAt);
    // 06:00 at +05:45 is 00:15 UTC, within the next 24 hours.
    assert.equal(next.getUTCHours(), 0);
    assert.equal(next.getUTCMinutes(), 15);
    assert.ok(next.getTime() > before && next.getTime() <= before + 86_400_000);

    for (const [method, path, body] of [
      ['GET', `/api/report-schedules/${s.id}`],
      ['PATCH', `/api/report-schedules/${s.id}`, { paused: true }],
      ['DELETE', `/api/report-schedules/${s.id}`],
      ['POST', `/api/report-schedules/${s.id}/send`],
    ] as [string, string, unknown?][]) {
      const r = await advB.call(method, path, body);
      assert.equal(r.status, 404, `${method} ${path}`);
    }
    assert.deepEqual(((await (await advB.call('GET', '/api/report-schedules')).json()) as any).items, []);
    // B cannot schedule A's campaign either.
    assert.equal(
      (await advB.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'daily', format: 'csv', recipients: ['b@x.test'] })).status,
      404,
    );
    const listA = ((await (await advA.call('GET', '/api/report-schedules')).json()) as any).items;
    assert.deepEqual(
      listA.map((x: any) => x.id),
      [s.id],
    );
    assert.deepEqual(
      ((await (await analyst.call('GET', '/api/report-schedules')).json()) as any).items.map((x: any) => x.id),
      [s.id],
    );
    await advA.call('DELETE', `/api/report-schedules/${s.id}`);
  });

  test('a due run at 06:00 local sends yesterday\u2019s report as CSV; the next run moves a day on', async () => {
    const res = await advA.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'daily', format: 'csv', recipients: ['ana@example.test'] });
    const s = ((await res.json()) as any).schedule;
    // Due at 06:00 Kathmandu on 2026-11-11 = 2026-11-11T00:15:00Z: reports the local day 11-10.
    await c.stores.pg.handle.pool.query('UPDATE report_schedules SET next_run_at = $1 WHERE id = $2', ['2026-11-11T00:15:00Z', s.id]);
    const early = await c.reportSchedules.tick(new Date('2026-11-11T00:14:59Z'));
    assert.deepEqual(early, { queued: 0, attempted: 0 });
    const start = inbox.length;
    const tick = await c.reportSchedules.tick(new Date('2026-11-11T00:15:30Z'));
    assert.deepEqual(tick, { queued: 1, attempted: 1 });
    await waitForMail(start + 1);
    const { to, mail } = inbox[start]!;
    assert.deepEqual(to, ['ana@example.test']);
    assert.match(mail.subject!, /2026-11-10, Asia\/Kathmandu/);
    assert.equal(mail.attachments.length, 1);
    const att = mail.attachments[0]!;
    assert.equal(att.filename, 'campaign-1001_report_2026-11-10_to_2026-11-10_Asia-Kathmandu.csv');
    const rows = parse(att.content.toString('utf8'), { bom: true, comment: '#', comment_no_infix: true }) as string[][];
    const h = rows[0]!;
    // Local day 11-10 by hand: 4 impressions, reach 4, 1 click, 1 conversion, spend 2 NPR.
    assert.deepEqual(
      rows
        .slice(1)
        .map((r) => [r[h.indexOf('date')], r[h.indexOf('impressions')], r[h.indexOf('reach')], r[h.indexOf('clicks')], r[h.indexOf('spend_micros')]]),
      [
        ['2026-11-10', '4', '4', '1', '2000000'],
        ['total', '4', '4', '1', '2000000'],
      ],
    );
    const after = ((await (await advA.call('GET', `/api/report-schedules/${s.id}`)).json()) as any).schedule;
    assert.equal(after.nextRunAt, '2026-11-12T00:15:00.000Z');
    assert.equal(after.lastStatus, 'sent');
    assert.deepEqual(
      after.deliveries.map((d: any) => [d.periodFrom, d.periodTo, d.trigger, d.status, d.attempts]),
      [['2026-11-10', '2026-11-11', 'schedule', 'sent', 1]],
    );
    await advA.call('DELETE', `/api/report-schedules/${s.id}`);
  });

  test('a failed send is retried after 1 minute, shown meanwhile, and delivered when the server accepts', async () => {
    const s = (
      (await (
        await advA.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'daily', format: 'csv', recipients: ['ana@example.test'] })
      ).json()) as any
    ).schedule;
    await c.stores.pg.handle.pool.query('UPDATE report_schedules SET next_run_at = $1 WHERE id = $2', ['2026-11-12T00:15:00Z', s.id]);
    rejecting = true;
    const start = inbox.length;
    await c.reportSchedules.tick(new Date('2026-11-12T00:15:00Z'));
    let shown = ((await (await advA.call('GET', `/api/report-schedules/${s.id}`)).json()) as any).schedule;
    assert.equal(shown.lastStatus, 'retrying');
    assert.match(shown.lastError, /mailbox unavailable/);
    assert.equal(shown.deliveries[0].status, 'pending');
    assert.equal(shown.deliveries[0].nextAttemptAt, '2026-11-12T00:16:00.000Z');
    // Not yet due 59 s later.
    assert.deepEqual(await c.reportSchedules.tick(new Date('2026-11-12T00:15:59Z')), { queued: 0, attempted: 0 });
    rejecting = false;
    assert.deepEqual(await c.reportSchedules.tick(new Date('2026-11-12T00:16:00Z')), { queued: 0, attempted: 1 });
    await waitForMail(start + 1);
    shown = ((await (await advA.call('GET', `/api/report-schedules/${s.id}`)).json()) as any).schedule;
    assert.equal(shown.lastStatus, 'sent');
    assert.deepEqual(
      shown.deliveries.map((d: any) => [d.periodFrom, d.status, d.attempts]),
      [['2026-11-11', 'sent', 2]],
    );
    await advA.call('DELETE', `/api/report-schedules/${s.id}`);
  });

  test('four failed attempts end as failed and are shown', async () => {
    const s = (
      (await (
        await advA.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'monthly', format: 'csv', recipients: ['ana@example.test'] })
      ).json()) as any
    ).schedule;
    await c.stores.pg.handle.pool.query('UPDATE report_schedules SET next_run_at = $1 WHERE id = $2', ['2026-12-01T00:15:00Z', s.id]);
    rejecting = true;
    // Attempts at 00:15, +1 min, +5 min, +15 min.
    for (const t of ['2026-12-01T00:15:00Z', '2026-12-01T00:16:00Z', '2026-12-01T00:21:00Z', '2026-12-01T00:36:00Z']) await c.reportSchedules.tick(new Date(t));
    rejecting = false;
    const shown = ((await (await advA.call('GET', `/api/report-schedules/${s.id}`)).json()) as any).schedule;
    assert.equal(shown.lastStatus, 'failed');
    assert.deepEqual(
      shown.deliveries.map((d: any) => [d.periodFrom, d.periodTo, d.status, d.attempts]),
      [['2026-11-01', '2026-12-01', 'failed', 4]],
    );
    // A failed delivery is not attempted again.
    assert.deepEqual(await c.reportSchedules.tick(new Date('2026-12-01T03:00:00Z')), { queued: 0, attempted: 0 });
    await advA.call('DELETE', `/api/report-schedules/${s.id}`);
  });

  test('pause, resume, edit; send now delivers an XLSX attachment that parses; delete', async () => {
    const s = (
      (await (
        await advA.call('POST', '/api/report-schedules', {
          campaignId: 1001,
          frequency: 'weekly',
          format: 'xlsx',
          recipients: ['ana@example.test', 'bo@example.test'],
        })
      ).json()) as any
    ).schedule;
    const next = new Date(s.nextRunAt);
    // Weekly: Mondays 06:00 Kathmandu = Monday 00:15 UTC (the same date: 00:15 UTC is 06:00 local).
    assert.equal(next.getUTCDay(), 1);
    assert.equal(next.toISOString().slice(11, 16), '00:15');
    const paused = await advA.call('PATCH', `/api/report-schedules/${s.id}`, { paused: true });
    assert.equal(((await paused.json()) as any).schedule.paused, true);
    // Paused: not queued even when due.
    await c.stores.pg.handle.pool.query('UPDATE report_schedules SET next_run_at = $1 WHERE id = $2', ['2026-11-16T00:15:00Z', s.id]);
    assert.equal((await c.reportSchedules.tick(new Date('2026-11-16T01:00:00Z'))).queued, 0);
    const resumed = ((await (await advA.call('PATCH', `/api/report-schedules/${s.id}`, { paused: false, recipients: ['cy@example.test'] })).json()) as any)
      .schedule;
    assert.equal(resumed.paused, false);
    assert.deepEqual(resumed.recipients, ['cy@example.test']);
    assert.ok(new Date(resumed.nextRunAt).getTime() > Date.now(), 'a resumed schedule does not catch up on past runs');
    assert.equal((await advA.call('PATCH', `/api/report-schedules/${s.id}`, { recipients: [] })).status, 400);

    const start = inbox.length;
    const sent = await advA.call('POST', `/api/report-schedules/${s.id}/send`);
    assert.equal(sent.status, 200);
    const out = (await sent.json()) as any;
    assert.equal(out.delivery.status, 'sent');
    assert.equal(out.delivery.trigger, 'manual');
    await waitForMail(start + 1);
    // "Send now" again within the minute: 429 with Retry-After, nothing sent (issue 17: 20 sends in 1.3 s).
    const again = await advA.call('POST', `/api/report-schedules/${s.id}/send`);
    assert.equal(again.status, 429);
    assert.ok(Number(again.headers.get('retry-after')) >= 1);
    assert.equal(inbox.length, start + 1);
    const { to, mail } = inbox[start]!;
    assert.deepEqual(to, ['cy@example.test']);
    const att = mail.attachments[0]!;
    assert.match(att.filename!, /^campaign-1001_report_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}_Asia-Kathmandu\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(att.content as any);
    const ws = wb.getWorksheet('Report')!;
    // The last complete week: Monday to Sunday, then the total row.
    assert.equal(ws.rowCount, 1 + 7 + 1);
    const first = ws.getRow(2).getCell(1).value as Date;
    const last = ws.getRow(8).getCell(1).value as Date;
    assert.equal(first.getUTCDay(), 1);
    assert.equal(last.getTime() - first.getTime(), 6 * 86_400_000);
    assert.equal(out.delivery.periodFrom, first.toISOString().slice(0, 10));
    assert.equal(ws.getRow(9).getCell(1).value, 'total');
    assert.equal(typeof ws.getRow(9).getCell(5).value, 'number');

    assert.equal((await advA.call('DELETE', `/api/report-schedules/${s.id}`)).status, 204);
    assert.equal((await advA.call('GET', `/api/report-schedules/${s.id}`)).status, 404);
  });
});
