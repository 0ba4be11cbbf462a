// Campaign reports and exports over real HTTP on the real stores (docs/metrics.md, docs/architecture.md#roles, README#campaigns). The fixture
// (test/support/campaign-fixture.ts) is small enough that every number below was worked out by
// hand from its rows; nothing here is computed by the product's code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { ADV_A, ADV_B, CAMPAIGNS, loadCampaignFixture } from '../support/campaign-fixture.js';

const PASSWORD = 'campaigns-test-password';
let c: TestConsole;
let admin: TestSession;
let advA: TestSession;
let advB: TestSession;
let analyst: TestSession;
let moderator: TestSession;
let oncall: TestSession;

async function account(role: string, advertiserId?: number): Promise<TestSession> {
  const email = `${role}-${advertiserId ?? 'x'}-${Math.random().toString(36).slice(2, 7)}@campaigns.test`;
  const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role, ...(advertiserId ? { advertiserId } : {}) });
  assert.equal(res.status, 201, await res.text());
  return login(c, email, PASSWORD);
}

async function json(s: TestSession, path: string, status = 200): Promise<any> {
  const res = await s.call('GET', path);
  const text = await res.text();
  assert.equal(res.status, status, `${path}: ${text}`);
  return JSON.parse(text);
}

function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, comment: '#', comment_no_infix: true, relax_column_count: false }) as string[][];
}

// Hand-worked days of campaign 1001 in Asia/Kathmandu (+05:45).
// 11-09: one impression (user 1). 11-10: impressions by users 1,2,3,4; a click and a conversion
// (value 5 NPR) by user 2; view_2s + view_6s (user 1, 3000 + 7000 ms); p25 + p100 (user 3, 4000 +
// 16000 ms). 11-11: impressions by users 1 and 5; clicks by users 5 and 1; view_2s (user 5, 2500 ms).
const DAY_0909 = {
  date: '2026-11-09',
  impressions: 1,
  reach: 1,
  clicks: 0,
  ctr: 0,
  spendMicros: '250000',
  cpc: null,
  cpm: 250_000_000,
  conversions: 0,
  cvr: null,
  costPerConversion: null,
  conversionValueMicros: '0',
  roas: 0,
  views2s: 0,
  views6s: 0,
  p25Rate: 0,
  p50Rate: 0,
  p75Rate: 0,
  completionRate: 0,
  avgPlayMs: null,
};
const DAY_1110 = {
  date: '2026-11-10',
  impressions: 4,
  reach: 4,
  clicks: 1,
  ctr: 0.25,
  spendMicros: '2000000',
  cpc: 2_000_000,
  cpm: 500_000_000,
  conversions: 1,
  cvr: 1,
  costPerConversion: 2_000_000,
  conversionValueMicros: '5000000',
  roas: 2.5,
  views2s: 1,
  views6s: 1,
  p25Rate: 0.25,
  p50Rate: 0,
  p75Rate: 0,
  completionRate: 0.25,
  avgPlayMs: 30_000,
};
const DAY_1111 = {
  date: '2026-11-11',
  impressions: 2,
  reach: 2,
  clicks: 2,
  ctr: 1,
  spendMicros: '2500000',
  cpc: 1_250_000,
  cpm: 1_250_000_000,
  conversions: 0,
  cvr: 0,
  costPerConversion: null,
  conversionValueMicros: '0',
  roas: 0,
  views2s: 1,
  views6s: 0,
  p25Rate: 0,
  p50Rate: 0,
  p75Rate: 0,
  completionRate: 0,
  avgPlayMs: 2500,
};
// Totals from raw sums: reach is 5 distinct users (1..5), not 1 + 4 + 2 = 7.
const TOTALS = {
  impressions: 7,
  reach: 5,
  clicks: 3,
  ctr: 3 / 7,
  spendMicros: '4750000',
  cpc: 1_583_333,
  cpm: 678_571_429,
  conversions: 1,
  cvr: 1 / 3,
  costPerConversion: 4_750_000,
  conversionValueMicros: '5000000',
  roas: 5 / 4.75,
  views2s: 2,
  views6s: 1,
  p25Rate: 1 / 7,
  p50Rate: 0,
  p75Rate: 0,
  completionRate: 1 / 7,
  avgPlayMs: 16_250,
};
const RANGE = 'from=2026-11-09&to=2026-11-12';

describe(`campaigns on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv });
    await c.ready;
    await loadCampaignFixture(c);
    admin = await login(c, ADMIN.email, ADMIN.password);
    advA = await account('advertiser', ADV_A.id);
    advB = await account('advertiser', ADV_B.id);
    analyst = await account('analyst');
    moderator = await account('moderator');
    oncall = await account('oncall');
  });
  after(async () => c?.stop());

  test('an advertiser lists only its own campaigns; admins and analysts list all, filtered by advertiser', async () => {
    const a = await json(advA, '/api/campaigns');
    assert.deepEqual(a.items.map((x: any) => x.id).sort(), [1001, 1002, 1003, 1004, 1005, 1006]);
    assert.deepEqual(
      a.advertisers.map((x: any) => x.id),
      [ADV_A.id],
    );
    // Spend to date: 1001 = 8 impressions × 0.25 + 3 clicks × 1 = 5 NPR (the 11-12 impression included).
    const c1001 = a.items.find((x: any) => x.id === 1001);
    assert.equal(c1001.spendMicros, '5000000');
    assert.equal(c1001.name, CAMPAIGNS[0].name);
    assert.equal(c1001.timezone, 'Asia/Kathmandu');
    assert.equal(c1001.currency, 'NPR');
    // An advertiser cannot widen its scope with the filter.
    assert.deepEqual((await json(advA, `/api/campaigns?advertiserId=${ADV_B.id}`)).items.map((x: any) => x.id).sort(), [1001, 1002, 1003, 1004, 1005, 1006]);
    assert.deepEqual(
      (await json(advB, '/api/campaigns')).items.map((x: any) => x.id),
      [2001],
    );
    assert.equal((await json(advB, '/api/campaigns')).items[0].spendMicros, '1000000');
    const all = await json(analyst, '/api/campaigns');
    assert.deepEqual(all.items.map((x: any) => x.id).sort(), [1001, 1002, 1003, 1004, 1005, 1006, 2001]);
    assert.deepEqual(all.advertisers.map((x: any) => x.id).sort(), [ADV_A.id, ADV_B.id]);
    assert.deepEqual(
      (await json(admin, `/api/campaigns?advertiserId=${ADV_B.id}`)).items.map((x: any) => x.id),
      [2001],
    );
  });

  test('moderators and on-call get 403; anonymous 401', async () => {
    for (const s of [moderator, oncall]) {
      assert.equal((await s.call('GET', '/api/campaigns')).status, 403);
      assert.equal((await s.call('GET', '/api/campaigns/1001/report.csv')).status, 403);
    }
    assert.equal((await c.get('/api/campaigns/1001/report')).status, 401);
  });

  test('daily report in Asia/Kathmandu: day boundaries at 18:15 UTC, ratios from sums, empty when the denominator is 0, totals from raw sums', async () => {
    const r = await json(advA, `/api/campaigns/1001/report?${RANGE}`);
    assert.equal(r.timezone, 'Asia/Kathmandu');
    assert.equal(r.currency, 'NPR');
    assert.equal(r.from, '2026-11-08T18:15:00.000Z');
    assert.equal(r.to, '2026-11-11T18:15:00.000Z');
    assert.deepEqual(r.rows, [DAY_0909, DAY_1110, DAY_1111]);
    assert.deepEqual(r.totals, TOTALS);
  });

  test('a day with no events is a row of zeros with empty ratios', async () => {
    const r = await json(advA, '/api/campaigns/1001/report?from=2026-11-12&to=2026-11-13');
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0].date, '2026-11-12');
    // The 11-12 impression (user 6) is at local 00:00 of 11-12.
    assert.equal(r.rows[0].impressions, 1);
    const empty = await json(advA, '/api/campaigns/1001/report?from=2026-11-20&to=2026-11-21');
    assert.deepEqual(empty.rows, [
      {
        date: '2026-11-20',
        impressions: 0,
        reach: 0,
        clicks: 0,
        ctr: null,
        spendMicros: '0',
        cpc: null,
        cpm: null,
        conversions: 0,
        cvr: null,
        costPerConversion: null,
        conversionValueMicros: '0',
        roas: null,
        views2s: 0,
        views6s: 0,
        p25Rate: null,
        p50Rate: null,
        p75Rate: null,
        completionRate: null,
        avgPlayMs: null,
      },
    ]);
  });

  test('breakdowns by region and device merge reach per key', async () => {
    const region = await json(advA, `/api/campaigns/1001/report?${RANGE}&breakdown=region`);
    assert.equal(region.breakdown.by, 'region');
    assert.deepEqual(
      region.breakdown.rows.map((r: any) => [r.key, r.impressions, r.reach, r.clicks, r.conversions, r.spendMicros]),
      [
        ['NP', 5, 3, 3, 1, '4250000'],
        ['IN', 2, 2, 0, 0, '500000'],
      ],
    );
    assert.equal(region.breakdown.rows[1].cpc, null);
    const device = await json(advA, `/api/campaigns/1001/report?${RANGE}&breakdown=device`);
    assert.deepEqual(
      device.breakdown.rows.map((r: any) => [r.key, r.impressions, r.reach, r.clicks]),
      [
        ['ios', 3, 1, 1],
        ['android', 2, 2, 1],
        ['web', 2, 2, 1],
      ],
    );
  });

  test('a DST day in America/New_York has 25 hours', async () => {
    const r = await json(advB, '/api/campaigns/2001/report?from=2026-10-31&to=2026-11-03');
    assert.equal(r.from, '2026-10-31T04:00:00.000Z');
    assert.equal(r.to, '2026-11-03T05:00:00.000Z');
    assert.deepEqual(
      r.rows.map((x: any) => [x.date, x.impressions, x.reach]),
      [
        ['2026-10-31', 1, 1],
        ['2026-11-01', 2, 1],
        ['2026-11-02', 1, 1],
      ],
    );
    assert.equal(r.totals.reach, 3);
    assert.equal(r.totals.impressions, 4);
  });

  test('bad ranges answer 400 with the field', async () => {
    const off = await advA.call('GET', '/api/campaigns/1001/report?from=2026-11-01T04:07:00Z&to=2026-11-02');
    assert.equal(off.status, 400);
    assert.equal(((await off.json()) as any).error.details.field, 'from');
    const backwards = await advA.call('GET', '/api/campaigns/1001/report?from=2026-11-05&to=2026-11-01');
    assert.equal(backwards.status, 400);
    const garbage = await advA.call('GET', '/api/campaigns/1001/report?from=yesterday');
    assert.equal(garbage.status, 400);
    assert.equal(((await garbage.json()) as any).error.code, 'validation_failed');
    assert.equal((await advA.call('GET', '/api/campaigns/1001/report?breakdown=os')).status, 400);
  });

  test('advertiser B gets 404 for advertiser A\u2019s campaign, report and every export', async () => {
    for (const path of [
      '/api/campaigns/1001',
      `/api/campaigns/1001/report?${RANGE}`,
      `/api/campaigns/1001/report.csv?${RANGE}`,
      `/api/campaigns/1001/report.xlsx?${RANGE}`,
      `/api/campaigns/1001/events.csv?${RANGE}`,
      `/api/campaigns/1001/events.xlsx?${RANGE}`,
    ]) {
      const res = await advB.call('GET', path);
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as any).error.code, 'not_found');
    }
    // ... and an id that exists nowhere answers the same.
    assert.equal((await advB.call('GET', '/api/campaigns/999999')).status, 404);
  });

  test('report.csv: BOM, timezone comment and file name, RFC 4180 round trip, numbers equal to the report API', async () => {
    const res = await advA.call('GET', `/api/campaigns/1001/report.csv?${RANGE}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="campaign-1001_report_2026-11-09_to_2026-11-11_Asia-Kathmandu.csv"');
    const buf = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    assert.match(text.split('\r\n')[0]!, /^# .*timezone=Asia\/Kathmandu; currency=NPR/);
    const rows = parseCsv(text);
    const header = rows[0]!;
    assert.deepEqual(header.slice(0, 8), ['date', 'campaign_id', 'campaign', 'currency', 'impressions', 'reach', 'clicks', 'ctr']);
    assert.equal(rows.length, 1 + 3 + 1);
    const col = (name: string) => header.indexOf(name);
    for (const row of rows.slice(1)) {
      assert.equal(row[col('campaign')], 'Spring "Sale", 2026\nsecond line 🎉');
      assert.equal(row[col('currency')], 'NPR');
    }
    assert.deepEqual(
      rows.slice(1).map((r) => r[col('date')]),
      ['2026-11-09', '2026-11-10', '2026-11-11', 'total'],
    );
    // Numbers equal the report API's, field by field (empty cells where the API has null).
    const api = await json(advA, `/api/campaigns/1001/report?${RANGE}`);
    const apiRows = [...api.rows, { date: 'total', ...api.totals }];
    const keys: Record<string, string> = {
      impressions: 'impressions',
      reach: 'reach',
      clicks: 'clicks',
      ctr: 'ctr',
      spend_micros: 'spendMicros',
      cpc_micros: 'cpc',
      cpm_micros: 'cpm',
      conversions: 'conversions',
      cvr: 'cvr',
      cost_per_conversion_micros: 'costPerConversion',
      roas: 'roas',
      views_2s: 'views2s',
      p25_rate: 'p25Rate',
      completion_rate: 'completionRate',
    };
    rows.slice(1).forEach((row, i) => {
      for (const [csvName, apiName] of Object.entries(keys)) {
        const v = apiRows[i][apiName];
        assert.equal(row[col(csvName)], v === null ? '' : String(v), `${row[0]} ${csvName}`);
      }
    });
    // And the hand-worked totals.
    const total = rows[rows.length - 1]!;
    assert.equal(Number(total[col('reach')]), 5);
    assert.equal(Number(total[col('spend_micros')]), 4_750_000);
    assert.equal(total[col('cost_per_conversion_micros')], '4750000');
  });

  test('report.csv neutralises campaign names that start with = + - @ or tab', async () => {
    const expected: Record<number, string> = {
      1002: '\'=HYPERLINK("http://evil.test","click")',
      1003: "'+1 deal",
      1004: "'-minus",
      1005: "'@mention",
      1006: "'\tTabbed",
    };
    for (const [id, name] of Object.entries(expected)) {
      const res = await advA.call('GET', `/api/campaigns/${id}/report.csv?from=2026-11-10&to=2026-11-11`);
      assert.equal(res.status, 200);
      const rows = parseCsv(await res.text());
      assert.equal(rows[1]![2], name, `campaign ${id}`);
    }
  });

  test('events.csv streams every event, ordered by time, with formula-safe text cells', async () => {
    const res = await advA.call('GET', `/api/campaigns/1001/events.csv?${RANGE}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-total-rows'), '16');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="campaign-1001_events_2026-11-09_to_2026-11-11_Asia-Kathmandu.csv"');
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.match(text, /^\uFEFF# .*timezone=Asia\/Kathmandu/);
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], [
      'event_id',
      'ts_utc',
      'date',
      'local_time',
      'type',
      'campaign_id',
      'user_id',
      'region',
      'device',
      'cost_micros',
      'conversion_value_micros',
      'play_ms',
      'currency',
    ]);
    const data = rows.slice(1);
    assert.equal(data.length, 16);
    assert.deepEqual(data[0], [
      '00000000-0000-4000-8000-000000000001',
      '2026-11-09 18:14:59.999',
      '2026-11-09',
      '2026-11-09 23:59:59',
      'impression',
      '1001',
      '1',
      'NP',
      'ios',
      '250000',
      '0',
      '0',
      'NPR',
    ]);
    assert.deepEqual(data[1]!.slice(1, 4), ['2026-11-09 18:15:00.000', '2026-11-10', '2026-11-10 00:00:00']);
    assert.deepEqual(data[15]!.slice(1, 5), ['2026-11-11 01:03:00.000', '2026-11-11', '2026-11-11 06:48:00', 'view_2s']);
    assert.equal(new Set(data.map((r) => r[0])).size, 16);
    assert.equal(
      data.reduce((s, r) => s + Number(r[9]), 0),
      4_750_000,
    );

    const inj = parseCsv(await (await advA.call('GET', '/api/campaigns/1002/events.csv?from=2026-11-10&to=2026-11-11')).text());
    assert.deepEqual(
      inj.slice(1).map((r) => [r[7], r[8]]),
      [
        ["'=1+2", "'-cmd"],
        ["'@SUM(A1)", "'+x"],
      ],
    );
  });

  test('report.xlsx and events.xlsx: typed numeric cells with formats', async () => {
    const res = await advA.call('GET', `/api/campaigns/1001/report.xlsx?${RANGE}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition')!, /campaign-1001_report_2026-11-09_to_2026-11-11_Asia-Kathmandu\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.getWorksheet('Report')!;
    const header = (ws.getRow(1).values as any[]).slice(1);
    assert.deepEqual(header.slice(0, 8), ['date', 'campaign_id', 'campaign', 'currency', 'impressions', 'reach', 'clicks', 'ctr']);
    const at = (row: number, name: string) => ws.getRow(row).getCell(header.indexOf(name) + 1);
    assert.equal(ws.rowCount, 1 + 3 + 1);
    // Row 3 is 2026-11-10.
    assert.deepEqual(at(3, 'date').value, new Date('2026-11-10T00:00:00Z'));
    assert.equal(at(3, 'impressions').value, 4);
    assert.equal(at(3, 'impressions').type, ExcelJS.ValueType.Number);
    assert.equal(at(3, 'ctr').value, 0.25);
    assert.equal(at(3, 'ctr').numFmt, '0.00%');
    // Money in major units (2,000,000 micros = 2 NPR) with the currency's two minor digits.
    assert.equal(at(3, 'spend').value, 2);
    assert.equal(at(3, 'spend').numFmt, '#,##0.00 "NPR"');
    assert.equal(at(2, 'cpc').value, null);
    assert.equal(at(5, 'date').value, 'total');
    assert.equal(at(5, 'reach').value, 5);
    assert.equal(at(3, 'campaign').value, 'Spring "Sale", 2026\nsecond line 🎉');
    const about = wb.getWorksheet('About')!;
    const facts = new Map<string, unknown>();
    about.eachRow((r) => facts.set(String(r.getCell(1).value), r.getCell(2).value));
    assert.equal(facts.get('timezone'), 'Asia/Kathmandu');

    const ev = await advA.call('GET', '/api/campaigns/1002/events.xlsx?from=2026-11-10&to=2026-11-11');
    assert.equal(ev.status, 200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await ev.arrayBuffer()) as any);
    const es = wb2.getWorksheet('Events')!;
    assert.equal(es.rowCount, 3);
    const eh = (es.getRow(1).values as any[]).slice(1);
    assert.equal(es.getRow(2).getCell(eh.indexOf('region') + 1).value, "'=1+2");
    assert.equal(es.getRow(2).getCell(eh.indexOf('cost') + 1).value, 0.25);
    assert.equal(es.getRow(2).getCell(eh.indexOf('user_id') + 1).value, 7);
  });

  test('without SMTP_URL a sent report is written as an .eml file under DATA_DIR/outbox', async () => {
    const created = await advA.call('POST', '/api/report-schedules', { campaignId: 1001, frequency: 'daily', format: 'csv', recipients: ['ops@example.test'] });
    assert.equal(created.status, 201);
    const s = ((await created.json()) as any).schedule;
    const sent = await advA.call('POST', `/api/report-schedules/${s.id}/send`);
    assert.equal(((await sent.json()) as any).delivery.status, 'sent');
    const dir = path.join(c.dataDir, 'outbox');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
    assert.equal(files.length, 1);
    const mail = await simpleParser(fs.readFileSync(path.join(dir, files[0]!)));
    assert.equal((mail.to as any).text, 'ops@example.test');
    assert.match(mail.attachments[0]!.filename!, /_Asia-Kathmandu\.csv$/);
    const rows = parseCsv(mail.attachments[0]!.content.toString('utf8'));
    assert.equal(rows[0]![0], 'date');
    assert.equal(rows[rows.length - 1]![0], 'total');
  });
});
