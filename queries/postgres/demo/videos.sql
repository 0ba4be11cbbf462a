-- Demo videos :from_id..:to_id of 1..:videos (docs/architecture.md#demo-data), one chunk of the load. Shared with
-- ClickHouse (formulas in demo.service.ts), so every event names the right creator and watch
-- times fit the duration: video v was uploaded at videos_start_ms + (v-1)*video_span_ms/videos;
-- its creator is 1 + least(mix(v, 2) % creators, mix(v, 3) % creators) (prolific creators have
-- low ids); its duration is 5000 + x*x/175000 ms with x = mix(v, 4) % 175001 (5 s to 3 min, mostly
-- short); its region is its creator's. The videos of the injected incidents (:special_ids) are
-- public. Titles, tags and visibility only live here. Relies on the primary key; the creator
-- exists (users are loaded first, creators are the oldest accounts).
-- @param from_id bigint
-- @param to_id bigint
-- @param videos bigint
-- @param creators bigint
-- @param seed bigint
-- @param salt bigint
-- @param videos_start_ms bigint
-- @param video_span_ms bigint
-- @param now_ms bigint
-- @param regions text[]
-- @param region_starts int[]
-- @param special_ids bigint[]
-- @param openers text[]
-- @param topics text[]
-- @param topic_tags text[]
-- @param endings text[]
-- @param extra_tags text[]
INSERT INTO videos (id, creator_id, title, description, tags, duration_ms, region, visibility,
                    video_url, thumbnail_url, created_at, updated_at)
SELECT
  v,
  c.creator_id,
  (:openers)[w.opener] || ' ' || (:topics)[w.topic] || ' ' || (:endings)[w.ending],
  'Part of my ' || (:topics)[w.topic] || ' series. Follow for part ' || (1 + w.opener % 5) || '!',
  -- topic tags and extra tags are disjoint lists: only the two extra tags can repeat
  CASE WHEN w.extra1 = w.extra2 THEN ARRAY[(:topic_tags)[w.topic], (:extra_tags)[w.extra1]]
       ELSE ARRAY[(:topic_tags)[w.topic], (:extra_tags)[w.extra1], (:extra_tags)[w.extra2]] END,
  5000 + (d.x * d.x) / 175000,
  (:regions)[width_bucket((g3.h % 1000)::int, :region_starts)],
  vis.visibility,
  '/media/video/' || v || '.webm',
  '/media/thumb/' || v || '.svg',
  t.created_at,
  CASE WHEN vis.visibility IN ('removed', 'age_restricted')
       THEN t.created_at + r.u_edit * (timestamptz 'epoch' + :now_ms * interval '1 ms' - t.created_at)
       ELSE t.created_at END
FROM generate_series(:from_id, :to_id) AS v
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(v, :seed + 11) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_open,
  ((hashint8extended(v, :seed + 12) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_topic,
  ((hashint8extended(v, :seed + 13) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_end,
  ((hashint8extended(v, :seed + 14) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_tag1,
  ((hashint8extended(v, :seed + 15) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_tag2,
  ((hashint8extended(v, :seed + 16) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_vis,
  ((hashint8extended(v, :seed + 17) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_edit) AS r
CROSS JOIN LATERAL (SELECT
  1 + floor(r.u_open * cardinality(:openers))::int AS opener,
  1 + floor(r.u_topic * cardinality(:topics))::int AS topic,
  1 + floor(r.u_end * cardinality(:endings))::int AS ending,
  1 + floor(r.u_tag1 * cardinality(:extra_tags))::int AS extra1,
  1 + floor(r.u_tag2 * cardinality(:extra_tags))::int AS extra2) AS w
CROSS JOIN LATERAL (SELECT CASE
  WHEN v = ANY (:special_ids) OR r.u_vis < 0.92 THEN 'public'
  WHEN r.u_vis < 0.96 THEN 'private'
  WHEN r.u_vis < 0.99 THEN 'age_restricted'
  ELSE 'removed' END AS visibility) AS vis
CROSS JOIN LATERAL (SELECT
  timestamptz 'epoch' + (:videos_start_ms + (v - 1) * :video_span_ms / :videos) * interval '1 ms' AS created_at) AS t
-- mix(v, 2) and mix(v, 3): the creator; mix(v, 4): the duration (shared with ClickHouse).
CROSS JOIN LATERAL (SELECT
  ((v + :salt + 2000006) * 2654435761) % 2147483647 AS a2,
  ((v + :salt + 3000009) * 2654435761) % 2147483647 AS a3,
  ((v + :salt + 4000012) * 2654435761) % 2147483647 AS a4) AS m1
CROSS JOIN LATERAL (SELECT
  (((m1.a2 # (m1.a2 >> 15)) * 2246822519) % 2147483647) AS b2,
  (((m1.a3 # (m1.a3 >> 15)) * 2246822519) % 2147483647) AS b3,
  (((m1.a4 # (m1.a4 >> 15)) * 2246822519) % 2147483647) AS b4) AS m2
CROSS JOIN LATERAL (SELECT
  1 + least((m2.b2 # (m2.b2 >> 13)) % :creators, (m2.b3 # (m2.b3 >> 13)) % :creators) AS creator_id) AS c
CROSS JOIN LATERAL (SELECT (m2.b4 # (m2.b4 >> 13)) % 175001 AS x) AS d
-- mix(creator, 1): the creator's region, as in users.sql.
CROSS JOIN LATERAL (SELECT ((c.creator_id + :salt + 1000003) * 2654435761) % 2147483647 AS a) AS g1
CROSS JOIN LATERAL (SELECT (((g1.a # (g1.a >> 15)) * 2246822519) % 2147483647) AS b) AS g2
CROSS JOIN LATERAL (SELECT (g2.b # (g2.b >> 13)) AS h) AS g3
