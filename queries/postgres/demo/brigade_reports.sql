-- The three brigades (docs/architecture.md#demo-data, incident c, windows in demo.service.ts): brigade b reports
-- video_ids[b] sizes[b] times within [starts_ms[b], starts_ms[b] + 2 h), every report from a
-- different account (reporter_bases[b] + j: a ring of consecutive sign-ups), reasons hate (60%)
-- or harassment. Report ids continue after the ordinary stream (first_ids[b] + j). With 130+
-- distinct reporters these cases top the moderation queue. Relies on the primary key.
-- @param seed bigint
-- @param video_ids bigint[]
-- @param starts_ms bigint[]
-- @param sizes int[]
-- @param reporter_bases bigint[]
-- @param first_ids bigint[]
INSERT INTO content_reports (id, video_id, reporter_id, source, reason, details, created_at, updated_at)
SELECT
  (:first_ids)[b] + j,
  (:video_ids)[b],
  (:reporter_bases)[b] + j,
  'user',
  CASE WHEN r.u_reason < 0.6 THEN 'hate' ELSE 'harassment' END,
  (ARRAY['This creator spreads hate', 'Report this account', 'Disgusting, ban him', 'Harassing our community',
         'Everyone report this', ''])[1 + floor(r.u_det * 6)::int],
  timestamptz 'epoch' + ((:starts_ms)[b] + floor(r.u_t * 7200000)::bigint) * interval '1 ms',
  timestamptz 'epoch' + ((:starts_ms)[b] + floor(r.u_t * 7200000)::bigint) * interval '1 ms'
FROM generate_series(1, cardinality(:video_ids)) AS b
CROSS JOIN LATERAL generate_series(0, (:sizes)[b] - 1) AS j
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(b * 1000000 + j, :seed + 71) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_t,
  ((hashint8extended(b * 1000000 + j, :seed + 72) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_reason,
  ((hashint8extended(b * 1000000 + j, :seed + 73) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_det) AS r
