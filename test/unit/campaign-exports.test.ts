// Export writers: formula neutralisation, CSV quoting, XLSX sheet split (at a small limit here;
// Excel's own is 1,048,575 data rows), metric ratios with empty denominators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { csvRows, currencyDigits, drained, exportFileName, neutralise, writeXlsx, XLSX_MAX_DATA_ROWS } from '../../server/features/campaigns/exports.js';
import { campaignMetrics } from '../../server/metrics/campaign.js';
import { fileExportFits } from '../../server/features/campaigns/event-exports.js';

test('text starting with = + - @ tab or CR gets a leading apostrophe; other text is untouched', () => {
  assert.equal(neutralise('=1+1'), "'=1+1");
  assert.equal(neutralise('+33'), "'+33");
  assert.equal(neutralise('-2'), "'-2");
  assert.equal(neutralise('@x'), "'@x");
  assert.equal(neutralise('\tx'), "'\tx");
  assert.equal(neutralise('\rx'), "'\rx");
  assert.equal(neutralise('a=b'), 'a=b');
  assert.equal(neutralise(''), '');
});

test('CSV rows: RFC 4180 quoting, CRLF, raw numbers, empty nulls', () => {
  const text = csvRows([['a "b", c\nd', 1.5, null, '=x']]);
  assert.equal(text, '"a ""b"", c\nd",1.5,,\'=x\r\n');
  assert.deepEqual(parse(text), [['a "b", c\nd', '1.5', '', "'=x"]]);
});

test('file names carry the timezone; currency digits come from ICU', () => {
  assert.equal(exportFileName(['campaign-7', 'report', '2026-11-01'], 'America/New_York', 'csv'), 'campaign-7_report_2026-11-01_America-New_York.csv');
  assert.equal(currencyDigits('JPY'), 0);
  assert.equal(currencyDigits('USD'), 2);
  assert.equal(currencyDigits('KWD'), 3);
});

test('XLSX starts a new sheet when a sheet is full', async () => {
  assert.equal(XLSX_MAX_DATA_ROWS, 1_048_575);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  const rows = Array.from({ length: 7 }, (_, i) => [`r${i}`, i * 1_000_000]);
  const total = await writeXlsx(
    out,
    {
      sheetName: 'Events',
      columns: [
        { header: 'name', kind: 'text' },
        { header: 'cost_micros', kind: 'money' },
      ],
      currency: 'JPY',
      about: { timezone: 'UTC' },
      maxRowsPerSheet: 3,
    },
    (async function* () {
      yield rows.slice(0, 4);
      yield rows.slice(4);
    })(),
  );
  if (!out.writableEnded) out.end();
  await ended;
  assert.equal(total, 7);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as any);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['Events', 'Events 2', 'Events 3', 'About'],
  );
  assert.deepEqual(
    wb.worksheets.slice(0, 3).map((w) => w.rowCount),
    [4, 4, 2],
  );
  assert.equal(wb.getWorksheet('Events 3')!.getRow(2).getCell(2).value, 6);
  assert.equal(wb.getWorksheet('Events')!.getRow(1).getCell(2).value, 'cost');
  assert.equal(wb.getWorksheet('Events')!.getRow(2).getCell(2).numFmt, '#,##0 "JPY"');
});

test('ratios are empty when their denominator is 0 and computed from sums otherwise', () => {
  const zero = campaignMetrics({
    impressions: 0,
    reach: 0,
    clicks: 0,
    conversions: 0,
    views2s: 0,
    views6s: 0,
    p25: 0,
    p50: 0,
    p75: 0,
    p100: 0,
    spendMicros: 0n,
    conversionValueMicros: 0n,
    playMs: 0,
  });
  for (const k of ['ctr', 'cpc', 'cpm', 'cvr', 'costPerConversion', 'roas', 'p25Rate', 'completionRate', 'avgPlayMs'] as const) assert.equal(zero[k], null, k);
  const sums = {
    impressions: 3,
    reach: 2,
    clicks: 2,
    conversions: 1,
    views2s: 2,
    views6s: 1,
    p25: 1,
    p50: 1,
    p75: 0,
    p100: 0,
    spendMicros: 1_000_000n,
    conversionValueMicros: 3_000_000n,
    playMs: 5000,
  };
  const m = campaignMetrics(sums);
  assert.deepEqual([m.spendMicros, m.conversionValueMicros], ['1000000', '3000000']);
  assert.equal(m.ctr, 2 / 3);
  assert.equal(m.cpc, 500_000);
  assert.equal(m.cpm, 333_333_333); // 1e9 / 3 = 333,333,333.33 → a whole micro
  assert.equal(m.roas, 3);
  assert.equal(m.avgPlayMs, 2500);
  // A money sum past 2^64 keeps every digit; the per-impression price is a whole micro from it.
  // 2^64 + 5 = 18446744073709551621 micros over 3 impressions × 1000 = 6148914691236517207000 (exact).
  const big = campaignMetrics({ ...sums, clicks: 0, conversions: 0, spendMicros: 2n ** 64n + 5n, conversionValueMicros: 0n });
  assert.equal(big.spendMicros, '18446744073709551621');
  assert.equal(big.cpm, Number(6148914691236517207000n));
  assert.equal(big.cpc, null);
});

test('drained() waits on a stream that has no writableNeedDrain (the zip entries of exceljs: readable-stream 2)', async () => {
  // Such a stream says "wait for drain" only in its state.
  const entry = Object.assign(new EventEmitter(), { _writableState: { needDrain: true } }) as unknown as Writable;
  let done = false;
  const waiting = drained(entry).then(() => (done = true));
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(done, false);
  entry.emit('drain');
  await waiting;
  assert.equal(done, true);
  // Nothing to wait for: answers at once.
  await drained(Object.assign(new EventEmitter(), { _writableState: { needDrain: false } }) as unknown as Writable);
});

test('an event export is written to a file only when the file system keeps twice 256 bytes a row', () => {
  // 5M rows: 2 × 5,000,000 × 256 = 2,560,000,000 bytes.
  assert.equal(fileExportFits(5_000_000, 2_560_000_000), true);
  assert.equal(fileExportFits(5_000_000, 2_559_999_999), false);
  assert.equal(fileExportFits(0, 0), true);
  assert.equal(fileExportFits(1, 511), false);
});
