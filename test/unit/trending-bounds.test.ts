// Trending's bounds (server/features/dashboards/trending-bounds.ts) and the hour spans it reads
// (trending.ts), on examples worked out by hand. Three listed UTC days: day 0 partly in the
// window (from 12:00), days 1 and 2 wholly; lists of three videos, θ the last entry's views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide } from '../../server/features/dashboards/trending-bounds.js';
import { rangeSpans } from '../../server/features/dashboards/trending.js';

const DAY = 86_400_000;
const D0 = Date.parse('2026-06-01T00:00:00Z');
const window = { from: D0 + DAY / 2, to: D0 + 3 * DAY };
const days = [
  { day: D0, threshold: 40 },
  { day: D0 + DAY, threshold: 50 },
  { day: D0 + 2 * DAY, threshold: 60 },
];
const [A, B, C, X, Y, Z] = [1, 2, 3, 4, 5, 6];
const listed = [
  { day: D0, videoId: A, views: 100 },
  { day: D0, videoId: X, views: 60 },
  { day: D0, videoId: B, views: 40 },
  { day: D0 + DAY, videoId: A, views: 90 },
  { day: D0 + DAY, videoId: B, views: 80 },
  { day: D0 + DAY, videoId: C, views: 50 },
  { day: D0 + 2 * DAY, videoId: B, views: 120 },
  { day: D0 + 2 * DAY, videoId: A, views: 70 },
  { day: D0 + 2 * DAY, videoId: C, views: 60 },
];

test('lists only: the videos whose upper bound reaches the limit-th lower bound are read', () => {
  // lo (whole days 1, 2): A 160, B 200, C 110, X 0.
  // hi: A 160 + 100 (day 0, partial) = 260; B 200 + 40 = 240; C 110 + θ0 40 = 150;
  //     X 60 (day 0) + θ1 50 + θ2 60 = 170. Unseen videos: 40 + 50 + 60 = 150.
  // limit 2: L = 160 (A) > 150; read hi >= 160: A, B, X; outside: max(150, C 150) = 150.
  const d = decide(window, days, listed, [], 3, 2);
  assert.ok(d);
  assert.deepEqual(
    [...d.ids].sort((a, b) => a - b),
    [A, B, X],
  );
  assert.equal(d.bound, 150);
  assert.equal(d.candidates, 4);
});

test('lists only: the third video cannot be told from an unseen one', () => {
  // limit 3: L = 110 (C), not more than the 150 an unseen video may have.
  assert.equal(decide(window, days, listed, [], 4, 3), null);
});

test('with an unlisted part (today) grouped in full', () => {
  // Top rows of the unlisted part, 3 asked and 3 answered: E(Y) 500, E(A) 30, E(Z) 20; others <= 20.
  // lo: Y 500, A 190, B 200, C 110, Z 20, X 0.
  // hi: Y 500 + 150 = 650; A 190 + 100 = 290; B 200 + 40 + 20 = 260; C 110 + 40 + 20 = 170;
  //     Z 20 + 150 = 170; X 60 + 50 + 60 + 20 = 190. Unseen: 150 + 20 = 170.
  // limit 2: L = 200 (B) > 170; read Y, A, B; outside: max(170, 170, 170, 190) = 190.
  const top = [
    { videoId: Y, views: 500 },
    { videoId: A, views: 30 },
    { videoId: Z, views: 20 },
  ];
  const d = decide(window, days, listed, top, 3, 2);
  assert.ok(d);
  assert.deepEqual(
    [...d.ids].sort((a, b) => a - b),
    [A, B, Y],
  );
  assert.equal(d.bound, 190);
  assert.equal(d.candidates, 6);
});

test('range spans: a window from 09:15 Kathmandu (03:30Z), one shorter than an hour, two not asked', () => {
  const r = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
  const p = rangeSpans([r('2026-06-05T03:30:00Z', '2026-06-08T18:15:00Z'), r('2026-06-06T10:15:00Z', '2026-06-06T10:45:00Z')]);
  const iso = (xs: Date[]) => xs.map((x) => x.toISOString().slice(0, 16));
  // Each range as given; the two not asked are empty ([0, 0)).
  assert.deepEqual(iso(p.rf), ['2026-06-05T03:30', '2026-06-06T10:15', '1970-01-01T00:00', '1970-01-01T00:00']);
  assert.deepEqual(iso(p.rt), ['2026-06-08T18:15', '2026-06-06T10:45', '1970-01-01T00:00', '1970-01-01T00:00']);
  // The span read: from the earliest start to the latest end of the ranges asked, not from 1970.
  assert.deepEqual(iso([p.from, p.to]), ['2026-06-05T03:30', '2026-06-08T18:15']);
  // A range off the 15-minute grid is refused (the tier's rows would straddle its edges).
  assert.throws(() => rangeSpans([r('2026-06-05T03:31:00Z', '2026-06-05T04:00:00Z')]), /15-minute/);
  assert.throws(
    () => rangeSpans([r('2026-06-05T03:30:00Z', '2026-06-05T04:00:00Z'), ...Array(4).fill(r('2026-06-05T03:30:00Z', '2026-06-05T04:00:00Z'))]),
    /at most four/,
  );
});
