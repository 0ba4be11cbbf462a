// The edge-bucket decomposition of the tiered rollups (server/features/dashboards/tiers.ts):
// pieces worked out by hand for a +05:45 local day, the 23-hour DST day, a window shorter
// than an hour and a window starting at :15 local; and, for many ranges, that the pieces are
// disjoint and cover the range exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decompose, decomposeSpans, startOfLocalDay, tierMasks, QUARTER_MS, HOUR_MS, DAY_MS } from '../../server/features/dashboards/tiers.js';

const t = (iso: string) => Date.parse(iso);
const isoAll = (xs: number[]) => xs.map((x) => new Date(x).toISOString().slice(0, 16));

test('a Kathmandu local day (18:15Z to 18:15Z): 3 quarters, 5 hours, 18 hours, 1 quarter', () => {
  const p = decompose(t('2026-03-04T18:15:00Z'), t('2026-03-05T18:15:00Z'));
  assert.deepEqual(isoAll(p.quarters), ['2026-03-04T18:15', '2026-03-04T18:30', '2026-03-04T18:45', '2026-03-05T18:00']);
  assert.deepEqual(isoAll(p.hours), [
    '2026-03-04T19:00',
    '2026-03-04T20:00',
    '2026-03-04T21:00',
    '2026-03-04T22:00',
    '2026-03-04T23:00',
    ...Array.from({ length: 18 }, (_, h) => `2026-03-05T${String(h).padStart(2, '0')}:00`),
  ]);
  assert.deepEqual(p.days, []);
});

test('the 23-hour 2026-03-08 in Los Angeles (08:00Z to 07:00Z next day): hours only', () => {
  const p = decompose(t('2026-03-08T08:00:00Z'), t('2026-03-09T07:00:00Z'));
  assert.equal(p.hours.length, 23);
  assert.deepEqual([p.quarters, p.days], [[], []]);
});

test('a 30-minute window and a window of 2 days from :45 local in Kathmandu (19:00Z)', () => {
  assert.deepEqual(decompose(t('2026-03-06T10:15:00Z'), t('2026-03-06T10:45:00Z')), {
    quarters: [t('2026-03-06T10:15:00Z'), t('2026-03-06T10:30:00Z')],
    hours: [],
    days: [],
  });
  const p = decompose(t('2026-03-04T19:00:00Z'), t('2026-03-06T19:00:00Z'));
  assert.deepEqual(isoAll(p.days), ['2026-03-05T00:00']);
  assert.equal(p.hours.length, 5 + 19);
  assert.deepEqual(p.quarters, []);
});

test('pieces are disjoint and cover every range exactly (every quarter-hour start over 3 days, many lengths)', () => {
  const base = t('2026-03-01T00:00:00Z');
  for (let a = 0; a < 3 * 96; a += 7) {
    for (const len of [1, 2, 3, 4, 5, 37, 96, 97, 95 * 3, 96 * 30 + 3]) {
      const from = base + a * QUARTER_MS;
      const to = from + len * QUARTER_MS;
      const p = decompose(from, to);
      const covered = [...p.quarters.map((s) => [s, s + QUARTER_MS]), ...p.hours.map((s) => [s, s + HOUR_MS]), ...p.days.map((s) => [s, s + DAY_MS])].sort(
        (x, y) => x[0]! - y[0]!,
      );
      assert.equal(covered[0]![0], from);
      assert.equal(covered.at(-1)![1], to);
      for (let i = 1; i < covered.length; i++) assert.equal(covered[i]![0], covered[i - 1]![1]);
      assert.ok(p.hours.every((h) => h % HOUR_MS === 0) && p.days.every((d) => d % DAY_MS === 0));
      assert.ok(p.quarters.length <= 6 && p.hours.length <= 46);
    }
  }
});

test('start of a local day: Kathmandu, Kolkata, and both sides of the Los Angeles DST change', () => {
  assert.equal(startOfLocalDay(new Date('2026-03-05T12:00:00Z'), 'Asia/Kathmandu').toISOString(), '2026-03-04T18:15:00.000Z');
  assert.equal(startOfLocalDay(new Date('2026-03-05T12:00:00Z'), 'Asia/Kolkata', -1).toISOString(), '2026-03-03T18:30:00.000Z');
  assert.equal(startOfLocalDay(new Date('2026-03-09T12:00:00Z'), 'America/Los_Angeles').toISOString(), '2026-03-09T07:00:00.000Z');
  assert.equal(startOfLocalDay(new Date('2026-03-09T12:00:00Z'), 'America/Los_Angeles', -1).toISOString(), '2026-03-08T08:00:00.000Z');
});

test('masks: a bucket shared by two ranges carries both bits', () => {
  const m = tierMasks([
    { from: new Date('2026-03-05T00:00:00Z'), to: new Date('2026-03-05T01:00:00Z') },
    { from: new Date('2026-03-05T00:30:00Z'), to: new Date('2026-03-05T00:45:00Z') },
  ]);
  assert.deepEqual(
    m.h_buckets.map((d) => d.toISOString()),
    ['2026-03-05T00:00:00.000Z'],
  );
  assert.deepEqual(m.h_masks, [1]);
  assert.deepEqual(
    m.q_buckets.map((d) => d.toISOString()),
    ['2026-03-05T00:30:00.000Z'],
  );
  assert.deepEqual(m.q_masks, [2]);
});

test('spans for range stores: two Kathmandu local days, and a window inside one hour', () => {
  const s = decomposeSpans(t('2026-03-04T18:15:00Z'), t('2026-03-06T18:15:00Z'));
  const iso = (x: [number, number]) => x.map((v) => new Date(v).toISOString().slice(0, 16));
  // By hand: 18:15-19:00 and 18:00-18:15 on the 6th in quarters; 19:00-24:00 on the 4th and
  // 00:00-18:00 on the 6th in hours; the 5th as the one whole UTC day.
  assert.deepEqual(iso(s.quarters[0]), ['2026-03-04T18:15', '2026-03-04T19:00']);
  assert.deepEqual(iso(s.quarters[1]), ['2026-03-06T18:00', '2026-03-06T18:15']);
  assert.deepEqual(iso(s.hours[0]), ['2026-03-04T19:00', '2026-03-05T00:00']);
  assert.deepEqual(iso(s.hours[1]), ['2026-03-06T00:00', '2026-03-06T18:00']);
  assert.deepEqual(iso(s.days), ['2026-03-05T00:00', '2026-03-06T00:00']);
  const short = decomposeSpans(t('2026-03-04T10:15:00Z'), t('2026-03-04T10:45:00Z'));
  assert.deepEqual(iso(short.quarters[0]), ['2026-03-04T10:15', '2026-03-04T10:45']);
  assert.deepEqual(
    [short.quarters[1], short.hours[0], short.hours[1], short.days],
    [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ],
  );
});
