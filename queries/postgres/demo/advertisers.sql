-- Demo advertisers 1..:advertisers (docs/architecture.md#demo-data). Advertiser a sits in timezones[1 + (a-1) % n]
-- with that zone's currency, so ids 1..10 cover every zone and Asia/Kolkata (+05:30) and
-- Asia/Kathmandu (+05:45) are among the first six: both exist even in the small set. ClickHouse ad
-- events compute the same zone index to price in the right currency. Names pair two word lists so
-- that they stay distinct while advertisers <= 20 * 15. Relies on the primary key.
-- @param advertisers bigint
-- @param salt bigint
-- @param lo_ms bigint
-- @param timezones text[]
-- @param currencies text[]
-- @param names_a text[]
-- @param names_b text[]
INSERT INTO advertisers (id, name, timezone, currency, created_at, updated_at)
SELECT
  a,
  (:names_a)[1 + (a - 1 + :salt) % cardinality(:names_a)] || ' '
    || (:names_b)[1 + (2 * (a - 1) + (a - 1) / cardinality(:names_a) + :salt) % cardinality(:names_b)],
  (:timezones)[1 + (a - 1) % cardinality(:timezones)],
  (:currencies)[1 + (a - 1) % cardinality(:timezones)],
  t.created_at,
  t.created_at
FROM generate_series(1::bigint, :advertisers) AS a
CROSS JOIN LATERAL (SELECT
  timestamptz 'epoch' + (:lo_ms - (60 + (a * 37) % 300) * 86400000) * interval '1 ms' AS created_at) AS t
