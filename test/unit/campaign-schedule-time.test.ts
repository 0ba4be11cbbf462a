// Due times of scheduled reports: 06:00 in the advertiser's timezone, checked against instants
// worked out by hand (offsets from the IANA rules: Kathmandu +05:45 all year; New York EDT -4 until
// 2026-11-01 02:00 local, then EST -5; Berlin CET +1, CEST +2 from 2026-03-29).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastCompletePeriod, lastRunAt, localDate, nextRunAt, reportPeriod, zonedTimeToUtc } from '../../server/features/campaigns/schedule-time.js';

const at = (iso: string) => new Date(iso);

test('daily: 06:00 Asia/Kathmandu is 00:15 UTC; strictly after the given instant', () => {
  assert.equal(nextRunAt('daily', 'Asia/Kathmandu', at('2026-11-10T00:14:59Z')).toISOString(), '2026-11-10T00:15:00.000Z');
  assert.equal(nextRunAt('daily', 'Asia/Kathmandu', at('2026-11-10T00:15:00Z')).toISOString(), '2026-11-11T00:15:00.000Z');
  // 20:00 UTC is already 01:45 of the next local day: its 06:00 comes 4 h 15 min later.
  assert.equal(nextRunAt('daily', 'Asia/Kathmandu', at('2026-11-10T20:00:00Z')).toISOString(), '2026-11-11T00:15:00.000Z');
});

test('daily across the end of DST in America/New_York: 10:00 UTC (EDT) then 11:00 UTC (EST)', () => {
  assert.equal(nextRunAt('daily', 'America/New_York', at('2026-10-31T12:00:00Z')).toISOString(), '2026-11-01T11:00:00.000Z');
  assert.equal(nextRunAt('daily', 'America/New_York', at('2026-10-30T12:00:00Z')).toISOString(), '2026-10-31T10:00:00.000Z');
  assert.equal(nextRunAt('daily', 'America/New_York', at('2026-11-01T11:00:00Z')).toISOString(), '2026-11-02T11:00:00.000Z');
});

test('daily across the start of DST in Europe/Berlin: 05:00 UTC (CET) then 04:00 UTC (CEST)', () => {
  assert.equal(nextRunAt('daily', 'Europe/Berlin', at('2026-03-28T06:00:00Z')).toISOString(), '2026-03-29T04:00:00.000Z');
  assert.equal(nextRunAt('daily', 'Europe/Berlin', at('2026-03-27T06:00:00Z')).toISOString(), '2026-03-28T05:00:00.000Z');
});

test('weekly runs on Mondays, monthly on the 1st', () => {
  // 2026-11-22 is a Sunday; the next Monday is 11-23.
  assert.equal(nextRunAt('weekly', 'Asia/Kathmandu', at('2026-11-22T03:00:00Z')).toISOString(), '2026-11-23T00:15:00.000Z');
  assert.equal(nextRunAt('weekly', 'UTC', at('2026-11-23T06:00:00Z')).toISOString(), '2026-11-30T06:00:00.000Z');
  assert.equal(nextRunAt('monthly', 'America/New_York', at('2026-11-22T00:00:00Z')).toISOString(), '2026-12-01T11:00:00.000Z');
  assert.equal(nextRunAt('monthly', 'Asia/Kathmandu', at('2026-12-31T18:00:00Z')).toISOString(), '2027-01-01T00:15:00.000Z');
});

test('local midnights and dates', () => {
  assert.equal(zonedTimeToUtc('2026-11-10', 'Asia/Kathmandu').toISOString(), '2026-11-09T18:15:00.000Z');
  assert.equal(zonedTimeToUtc('2026-11-01', 'America/New_York').toISOString(), '2026-11-01T04:00:00.000Z');
  assert.equal(zonedTimeToUtc('2026-11-02', 'America/New_York').toISOString(), '2026-11-02T05:00:00.000Z');
  assert.equal(localDate(at('2026-11-09T18:14:59.999Z'), 'Asia/Kathmandu'), '2026-11-09');
  assert.equal(localDate(at('2026-11-09T18:15:00Z'), 'Asia/Kathmandu'), '2026-11-10');
});

test('report periods: the day before, the week before, the month before', () => {
  assert.deepEqual(reportPeriod('daily', '2026-03-01'), { from: '2026-02-28', to: '2026-03-01' });
  assert.deepEqual(reportPeriod('weekly', '2026-11-23'), { from: '2026-11-16', to: '2026-11-23' });
  assert.deepEqual(reportPeriod('monthly', '2026-01-01'), { from: '2025-12-01', to: '2026-01-01' });
  // Send now on Sunday 2026-11-22 (local): the last complete week is Mon 11-09 to Sun 11-15.
  assert.deepEqual(lastCompletePeriod('weekly', 'Asia/Kathmandu', at('2026-11-22T10:00:00Z')), { from: '2026-11-09', to: '2026-11-16' });
  assert.deepEqual(lastCompletePeriod('daily', 'Asia/Kathmandu', at('2026-11-21T18:20:00Z')), { from: '2026-11-21', to: '2026-11-22' });
  assert.deepEqual(lastCompletePeriod('monthly', 'UTC', at('2026-11-22T10:00:00Z')), { from: '2026-10-01', to: '2026-11-01' });
});

test('the latest run at or before an instant (the run a schedule catches up with after downtime)', () => {
  // Back at 01:00Z on 11-12 (06:45 Kathmandu): that morning's 06:00 (00:15Z) is the latest run.
  assert.equal(lastRunAt('daily', 'Asia/Kathmandu', at('2026-11-12T01:00:00Z')).toISOString(), '2026-11-12T00:15:00.000Z');
  assert.equal(lastRunAt('daily', 'Asia/Kathmandu', at('2026-11-12T00:15:00Z')).toISOString(), '2026-11-12T00:15:00.000Z');
  assert.equal(lastRunAt('daily', 'Asia/Kathmandu', at('2026-11-12T00:14:59Z')).toISOString(), '2026-11-11T00:15:00.000Z');
  // Sunday 2026-11-29: the latest Monday run is 11-23; the 1st of the month for monthly.
  assert.equal(lastRunAt('weekly', 'UTC', at('2026-11-29T12:00:00Z')).toISOString(), '2026-11-23T06:00:00.000Z');
  assert.equal(lastRunAt('monthly', 'America/New_York', at('2026-11-29T12:00:00Z')).toISOString(), '2026-11-01T11:00:00.000Z');
});
