-- Demo rows of rejected ingest lines (README#ingest-api, docs/architecture.md#demo-data incident d) for the data-quality panels:
-- :count rows over the last 5 days, each a realistic rejection (stream, reason, field, truncated
-- sample line) drawn from the templates below, with ids and times filled in. Explicit ids 1..count;
-- reset_sequences.sql moves the bigserial past them. Relies on ingest_rejections_at_idx for reads.
-- @param count int
-- @param seed bigint
-- @param now_ms bigint
-- @param videos bigint
WITH templates (n, stream, reason, field, sample) AS (VALUES
  (1, 'video-events', 'invalid_enum', 'type', '{"event_id":"%s","ts":"%s","type":"vew","video_id":%s,"user_id":%s}'),
  (2, 'video-events', 'missing_field', 'video_id', '{"event_id":"%s","ts":"%s","type":"view","user_id":%s,"watch_ms":%s}'),
  (3, 'video-events', 'out_of_range', 'watch_ms', '{"event_id":"%s","ts":"%s","type":"view","video_id":%s,"watch_ms":-%s}'),
  (4, 'video-events', 'malformed_json', NULL, '{"event_id":"%s","ts":"%s","type":"like","video_id":%s,"user_i'),
  (5, 'ad-events', 'invalid_timestamp', 'ts', '{"event_id":"%s","ts":"%s+25:00","type":"impression","campaign_id":%s,"user_id":%s}'),
  (6, 'ad-events', 'unknown_reference', 'campaign_id', '{"event_id":"%s","ts":"%s","type":"click","campaign_id":%s9,"user_id":%s}'),
  (7, 'request-metrics', 'invalid_type', 'duration_ms', '{"ts":"%s","service":"api","route":"GET /v1/feed","status":200,"duration_ms":"%sms"}'),
  (8, 'users', 'invalid_format', 'email', '{"id":%s,"username":"user_%s","email":"user_%s(at)mail","updated_at":"%s"}'),
  (9, 'reports', 'invalid_enum', 'reason', '{"id":%s,"video_id":%s,"reason":"spoiler","created_at":"%s"}'),
  (10, 'transactions', 'out_of_range', 'amount_minor', '{"id":%s,"kind":"gift","amount_minor":-%s,"currency":"USD","occurred_at":"%s"}')
)
INSERT INTO ingest_rejections (id, at, stream, reason, field, sample)
SELECT
  i,
  x.at,
  tp.stream,
  tp.reason,
  tp.field,
  left(CASE
    WHEN tp.n IN (1, 3, 4) THEN format(tp.sample, x.uuid, x.ts, x.num1, x.num2)
    WHEN tp.n = 2 THEN format(tp.sample, x.uuid, x.ts, x.num2, x.num1 % 60000)
    WHEN tp.n IN (5, 6) THEN format(tp.sample, x.uuid, x.ts, x.num1 % 500, x.num2)
    WHEN tp.n = 7 THEN format(tp.sample, x.ts, x.num1 % 900)
    WHEN tp.n = 8 THEN format(tp.sample, x.num2, x.num2, x.num2, x.ts)
    WHEN tp.n = 9 THEN format(tp.sample, x.num2, x.num1, x.ts)
    ELSE format(tp.sample, x.num2, x.num1 % 5000, x.ts) END, 500)
FROM generate_series(1, :count) AS i
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(i, :seed + 91) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_t,
  ((hashint8extended(i, :seed + 92) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_kind,
  ((hashint8extended(i, :seed + 93) >> 11) & 9007199254740991) AS h1,
  ((hashint8extended(i, :seed + 94) >> 11) & 9007199254740991) AS h2) AS r
CROSS JOIN LATERAL (SELECT
  timestamptz 'epoch' + (:now_ms - 432000000 + floor(r.u_t * 432000000)::bigint) * interval '1 ms' AS at,
  1 + r.h1 % :videos AS num1,
  1 + r.h2 % 100000 AS num2) AS y
CROSS JOIN LATERAL (SELECT
  y.at,
  y.num1,
  y.num2,
  to_char((y.at - interval '3 seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts,
  substr(md5(i::text || ':' || :seed::text), 1, 8) || '-' || substr(md5(i::text || ':' || :seed::text), 9, 4) || '-4'
    || substr(md5(i::text || ':' || :seed::text), 14, 3) || '-a' || substr(md5(i::text || ':' || :seed::text), 18, 3) || '-'
    || substr(md5(i::text || ':' || :seed::text), 21, 12) AS uuid) AS x
JOIN templates AS tp ON tp.n = 1 + floor(r.u_kind * 10)::int
