-- Demo transactions :from_id..:to_id of 1..:transactions (docs/architecture.md#demo-data), one chunk of the load.
-- Over [lo, now), stratified (transaction i falls in the i-th of :transactions equal slices, so
-- ids follow time and daily counts are steady and the day-over-day drop stands out) with a
-- daily cycle peaking at 20:00 UTC (a monotone time warp t + A*sin(2*pi*t/day + phase), whose
-- density is 1/(1 + 0.5*cos(...))). Kinds: subscription 42% and gift 36% (a platform user, USD),
-- ad_payment 14% (an advertiser, in its currency: minor units = USD cents * minor_per_100usd /
-- 10000), payout 8% (a creator, USD, paid out between 02:00 and 04:00 UTC: the payout stream).
-- Incident (e): 45% of the revenue (non-payout) rows of the last complete UTC day (:drop_day_ms)
-- are moved 2..27 days earlier, so that day drops against the day before. Users are drawn among
-- accounts that exist at the time (linear sign-up formula). Relies on the primary key and on
-- users and advertisers being loaded (foreign keys).
-- @param from_id bigint
-- @param to_id bigint
-- @param seed bigint
-- @param now_ms bigint
-- @param lo_ms bigint
-- @param transactions bigint
-- @param users bigint
-- @param creators bigint
-- @param advertisers bigint
-- @param users_start_ms bigint
-- @param user_span_ms bigint
-- @param drop_day_ms bigint
-- @param currencies text[]
-- @param minor_per_100usd int[]
INSERT INTO transactions (id, kind, amount_minor, currency, user_id, advertiser_id, occurred_at, created_at, updated_at)
SELECT
  i,
  k.kind,
  CASE k.kind
    WHEN 'subscription' THEN CASE WHEN r.u_amt < 0.55 THEN 499 WHEN r.u_amt < 0.9 THEN 999 ELSE 1999 END
    WHEN 'gift' THEN 99 * (1 + floor(r.u_amt ^ 3 * 50)::bigint)
    WHEN 'ad_payment' THEN (5000 + floor(r.u_amt ^ 2 * 495000)::bigint) * (:minor_per_100usd)[w.zone] / 10000
    ELSE 2000 + floor(r.u_amt ^ 2 * 198000)::bigint END,
  CASE WHEN k.kind = 'ad_payment' THEN (:currencies)[w.zone] ELSE 'USD' END,
  CASE k.kind
    WHEN 'ad_payment' THEN NULL
    WHEN 'payout' THEN 1 + floor(r.u_who ^ 2 * :creators)::bigint
    ELSE 1 + floor(r.u_who * least(:users, (f.ms - :users_start_ms) * :users / :user_span_ms + 1))::bigint END,
  CASE WHEN k.kind = 'ad_payment' THEN w.advertiser_id END,
  timestamptz 'epoch' + f.ms * interval '1 ms',
  timestamptz 'epoch' + f.ms * interval '1 ms',
  timestamptz 'epoch' + f.ms * interval '1 ms'
FROM generate_series(:from_id, :to_id) AS i
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(i, :seed + 41) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_t,
  ((hashint8extended(i, :seed + 42) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_kind,
  ((hashint8extended(i, :seed + 43) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_amt,
  ((hashint8extended(i, :seed + 44) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_who,
  ((hashint8extended(i, :seed + 45) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_drop,
  ((hashint8extended(i, :seed + 46) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_shift,
  ((hashint8extended(i, :seed + 47) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_pay) AS r
CROSS JOIN LATERAL (SELECT CASE
  WHEN r.u_kind < 0.42 THEN 'subscription' WHEN r.u_kind < 0.78 THEN 'gift'
  WHEN r.u_kind < 0.92 THEN 'ad_payment' ELSE 'payout' END AS kind) AS k
CROSS JOIN LATERAL (SELECT
  1 + floor(r.u_who * :advertisers)::bigint AS advertiser_id,
  1 + (floor(r.u_who * :advertisers)::int % cardinality(:currencies)) AS zone) AS w
CROSS JOIN LATERAL (SELECT :lo_ms + floor((i - 1 + r.u_t) / :transactions * (:now_ms - :lo_ms))::bigint AS ms) AS t0
CROSS JOIN LATERAL (SELECT
  t0.ms + floor(6875493.5 * sin(2 * pi() * (t0.ms % 86400000) / 86400000.0 - 2 * pi() / 3))::bigint AS ms) AS tw
CROSS JOIN LATERAL (SELECT CASE WHEN tw.ms >= :lo_ms AND tw.ms < :now_ms THEN tw.ms ELSE t0.ms END AS ms) AS t1
CROSS JOIN LATERAL (SELECT CASE
  WHEN k.kind <> 'payout' AND t1.ms >= :drop_day_ms AND t1.ms < :drop_day_ms + 86400000 AND r.u_drop < 0.45
    THEN t1.ms - (2 + floor(r.u_shift * 26)::bigint) * 86400000
  ELSE t1.ms END AS ms) AS t2
CROSS JOIN LATERAL (SELECT (t2.ms / 86400000) * 86400000 + 7200000 + floor(r.u_pay * 7200000)::bigint AS ms) AS tp
CROSS JOIN LATERAL (SELECT CASE
  WHEN k.kind <> 'payout' THEN t2.ms
  WHEN tp.ms >= :now_ms THEN tp.ms - 86400000
  WHEN tp.ms < :lo_ms THEN tp.ms + 86400000
  ELSE tp.ms END AS ms) AS f
