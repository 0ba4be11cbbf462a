-- Demo campaigns 1..:campaigns (docs/architecture.md#demo-data). Shared with ClickHouse (formulas in
-- demo.service.ts), so ad events fall inside each campaign's dates and are priced from its bid:
-- advertiser = 1 + (c-1) % advertisers; with h_k = mix(c, k): status by h_5 % 10 (0-5 active,
-- 6-7 paused, 8-9 ended); start_date = day0 - (10 + h_6 % 51); with e = h_7: end_date is
-- day0 - (1 + e % 8) when ended, day0 + 14 + e % 30 when paused (paused at day0 - (1 + e % 5),
-- the updated_at), and NULL or day0 + 7 + e % 50 when active; objective = objectives[1 + h_8 % 4];
-- bid in USD micros: CPM 1.5-12 USD (awareness, video_views) or CPC 0.15-2 USD (traffic,
-- conversions) from h_9, converted with the zone's integer fx_per_100usd. day0 is the UTC date of
-- now. Relies on advertisers being loaded (name) and the primary key.
-- @param campaigns bigint
-- @param advertisers bigint
-- @param seed bigint
-- @param salt bigint
-- @param day0_ms bigint
-- @param fx_per_100usd int[]
-- @param themes text[]
INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros,
                       start_date, end_date, created_at, updated_at)
SELECT
  c,
  p.advertiser_id,
  ad.name || ' · ' || (:themes)[1 + floor(((hashint8extended(c, :seed + 31) >> 11) & 9007199254740991)::float8 / 9007199254740992 * cardinality(:themes))::int],
  p.objective,
  p.status,
  (5000 + h.h9 % 195000) * 1000000 * p.fx / 100,
  p.bid_usd_micros * p.fx / 100,
  d.start_date,
  d.end_date,
  (d.start_date - 3)::timestamp AT TIME ZONE 'UTC',
  CASE p.status
    WHEN 'paused' THEN (d.day0 - (1 + h.h7 % 5)::int)::timestamp AT TIME ZONE 'UTC'
    WHEN 'ended' THEN d.end_date::timestamp AT TIME ZONE 'UTC'
    ELSE (d.start_date - 3)::timestamp AT TIME ZONE 'UTC' END
FROM generate_series(1::bigint, :campaigns) AS c
-- mix(c, 5..9), shared with ClickHouse.
CROSS JOIN LATERAL (SELECT
  ((c + :salt + 5000015) * 2654435761) % 2147483647 AS a5,
  ((c + :salt + 6000018) * 2654435761) % 2147483647 AS a6,
  ((c + :salt + 7000021) * 2654435761) % 2147483647 AS a7,
  ((c + :salt + 8000024) * 2654435761) % 2147483647 AS a8,
  ((c + :salt + 9000027) * 2654435761) % 2147483647 AS a9) AS m1
CROSS JOIN LATERAL (SELECT
  (((m1.a5 # (m1.a5 >> 15)) * 2246822519) % 2147483647) AS b5,
  (((m1.a6 # (m1.a6 >> 15)) * 2246822519) % 2147483647) AS b6,
  (((m1.a7 # (m1.a7 >> 15)) * 2246822519) % 2147483647) AS b7,
  (((m1.a8 # (m1.a8 >> 15)) * 2246822519) % 2147483647) AS b8,
  (((m1.a9 # (m1.a9 >> 15)) * 2246822519) % 2147483647) AS b9) AS m2
CROSS JOIN LATERAL (SELECT
  m2.b5 # (m2.b5 >> 13) AS h5,
  m2.b6 # (m2.b6 >> 13) AS h6,
  m2.b7 # (m2.b7 >> 13) AS h7,
  m2.b8 # (m2.b8 >> 13) AS h8,
  m2.b9 # (m2.b9 >> 13) AS h9) AS h
CROSS JOIN LATERAL (SELECT
  1 + (c - 1) % :advertisers AS advertiser_id,
  CASE WHEN h.h5 % 10 < 6 THEN 'active' WHEN h.h5 % 10 < 8 THEN 'paused' ELSE 'ended' END AS status,
  (ARRAY['awareness', 'traffic', 'conversions', 'video_views'])[1 + h.h8 % 4] AS objective,
  CASE WHEN h.h8 % 4 IN (0, 3) THEN 1500000 + h.h9 % 10500000 ELSE 150000 + h.h9 % 1850000 END AS bid_usd_micros,
  (:fx_per_100usd)[1 + ((c - 1) % :advertisers) % cardinality(:fx_per_100usd)] AS fx) AS p
CROSS JOIN LATERAL (SELECT
  date '1970-01-01' + (:day0_ms / 86400000)::int AS day0,
  date '1970-01-01' + (:day0_ms / 86400000 - (10 + h.h6 % 51))::int AS start_date,
  CASE p.status
    WHEN 'ended' THEN date '1970-01-01' + (:day0_ms / 86400000 - (1 + h.h7 % 8))::int
    WHEN 'paused' THEN date '1970-01-01' + (:day0_ms / 86400000 + 14 + h.h7 % 30)::int
    ELSE CASE WHEN h.h7 % 3 = 0 THEN NULL ELSE date '1970-01-01' + (:day0_ms / 86400000 + 7 + h.h7 % 50)::int END
  END AS end_date) AS d
JOIN advertisers AS ad ON ad.id = p.advertiser_id
