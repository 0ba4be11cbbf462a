-- Demo content reports :from_id..:to_id, the ordinary stream (README#moderation, docs/architecture.md#demo-data). Over [lo, now)
-- with the evening peak of the other streams; reports concentrate on few videos (index
-- floor(pool * u^1.6) of a pool of report-prone videos, spread over ids like the popularity
-- ranks) and never predate the video's upload. A video has a dominant reason (70% of its reports)
-- so cases read coherently; the overall mix is spam 28%, harassment 12%, hate 8%, nudity 10%,
-- violence 7%, misinformation 11%, copyright 8%, self_harm 3%, other 13%. 22% come from the
-- automated classifier (reporter_id NULL, source automated). Cases are built afterwards
-- (moderation_cases.sql). Relies on the primary key and on users and videos being loaded.
-- @param from_id bigint
-- @param to_id bigint
-- @param seed bigint
-- @param now_ms bigint
-- @param lo_ms bigint
-- @param videos bigint
-- @param videos_start_ms bigint
-- @param video_span_ms bigint
-- @param users bigint
-- @param users_start_ms bigint
-- @param user_span_ms bigint
-- @param pool bigint
-- @param video_perm bigint
-- @param report_offset bigint
INSERT INTO content_reports (id, video_id, reporter_id, source, reason, details, created_at, updated_at)
SELECT
  i,
  v.video_id,
  CASE WHEN r.u_src < 0.22 THEN NULL
       ELSE 1 + floor(r.u_rep * least(:users, (t.ms - :users_start_ms) * :users / :user_span_ms + 1))::bigint END,
  CASE WHEN r.u_src < 0.22 THEN 'automated' ELSE 'user' END,
  rs.reason,
  CASE WHEN r.u_src < 0.22
    THEN 'Flagged by ' || (ARRAY['vision-nsfw-v4', 'text-toxicity-v7', 'spam-graph-v2', 'audio-fingerprint-v3'])[1 + floor(r.u_det * 4)::int]
         || ' (score ' || to_char(0.80 + r.u_det * 0.19, 'FM0.00') || ')'
    ELSE (CASE rs.reason
      WHEN 'spam' THEN ARRAY['Same link posted under every video', 'Fake giveaway, asks for card details']
      WHEN 'harassment' THEN ARRAY['Mocking a kid in the comments', 'Keeps targeting the same creator']
      WHEN 'hate' THEN ARRAY['Slurs in the caption', 'Attacks people for their religion']
      WHEN 'nudity' THEN ARRAY['Explicit content in the first seconds', 'Thumbnail is sexual']
      WHEN 'violence' THEN ARRAY['Real fight footage', 'Shows an animal being hurt']
      WHEN 'misinformation' THEN ARRAY['Fake health cure', 'Edited clip of a politician']
      WHEN 'copyright' THEN ARRAY['This is my video, reuploaded', 'Full movie scene with no license']
      WHEN 'self_harm' THEN ARRAY['Encourages self harm', 'Dangerous challenge, kids are copying it']
      ELSE ARRAY['Misleading title', 'Just feels wrong'] END)[1 + floor(r.u_det * 2)::int]
  END,
  timestamptz 'epoch' + t.ms * interval '1 ms',
  timestamptz 'epoch' + t.ms * interval '1 ms'
FROM generate_series(:from_id, :to_id) AS i
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(i, :seed + 61) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_t,
  ((hashint8extended(i, :seed + 62) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_vid,
  ((hashint8extended(i, :seed + 63) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_src,
  ((hashint8extended(i, :seed + 64) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_reason,
  ((hashint8extended(i, :seed + 65) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_own,
  ((hashint8extended(i, :seed + 66) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_rep,
  ((hashint8extended(i, :seed + 67) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_det) AS r
CROSS JOIN LATERAL (SELECT :lo_ms + floor(r.u_t * (:now_ms - :lo_ms))::bigint AS ms) AS t0
CROSS JOIN LATERAL (SELECT
  t0.ms + floor(6875493.5 * sin(2 * pi() * (t0.ms % 86400000) / 86400000.0 - 2 * pi() / 3))::bigint AS ms) AS tw
CROSS JOIN LATERAL (SELECT CASE WHEN tw.ms >= :lo_ms AND tw.ms < :now_ms THEN tw.ms ELSE t0.ms END AS ms) AS t
CROSS JOIN LATERAL (SELECT
  1 + (floor(:pool * r.u_vid ^ 1.6)::bigint * :video_perm + :report_offset) % :videos AS candidate,
  least(:videos, (t.ms - :videos_start_ms) * :videos / :video_span_ms + 1) AS uploaded) AS c
CROSS JOIN LATERAL (SELECT
  CASE WHEN c.candidate <= c.uploaded THEN c.candidate ELSE 1 + (c.candidate - 1) % c.uploaded END AS video_id) AS v
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(v.video_id, :seed + 68) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_dominant) AS vd
CROSS JOIN LATERAL (SELECT
  (ARRAY['spam', 'harassment', 'hate', 'nudity', 'violence', 'misinformation', 'copyright', 'self_harm', 'other'])[
    width_bucket(CASE WHEN r.u_own < 0.7 THEN vd.u_dominant ELSE r.u_reason END,
                 ARRAY[0, 0.28, 0.40, 0.48, 0.58, 0.65, 0.76, 0.84, 0.87]::float8[])] AS reason) AS rs
