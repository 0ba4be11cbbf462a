// Campaign exports over real HTTP on the real stores (docs/exports.md, README#campaigns): report.csv and
// events.csv (BOM, timezone, RFC 4180, formula-safe cells), report.xlsx and events.xlsx (typed cells), and
// a scheduled report written as an .eml file without SMTP_URL. Every number was worked out by hand from the
// rows of test/support/campaign-fixture.ts; the reports themselves are in campaigns.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { TestConsole } from '../support/console.js';
import type { TestSession } from '../support/auth.js';
import { RANGE, json, parseCsv, startCampaignsConsole } from '../support/campaign-console.js';

let c: TestConsole;
let advA: TestSession;

describe(`campaign exports on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    ({ c, advA } = await startCampaignsConsole());
  });
  after(async () => c?.stop());

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
