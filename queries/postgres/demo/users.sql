-- Demo platform users :from_id..:to_id of 1..:users (docs/architecture.md#demo-data), one chunk of the load so the
-- loader can report progress. Shared with ClickHouse (formulas in demo.service.ts): users
-- 1..:creators are creators; user u signed up at users_start_ms + (u-1)*user_span_ms/users; its
-- region is regions[width_bucket(mix(u, 1) % 1000, region_starts)], where mix is the integer
-- mix below (two multiply-mod-(2^31-1) rounds with xor-shifts), so every video and ad event of the
-- user carries this region. Names and bans only live here: hashint8extended(u, seed + k).
-- Relies on the primary key and the unique username/email (the id suffix keeps both unique).
-- @param from_id bigint
-- @param to_id bigint
-- @param users bigint
-- @param creators bigint
-- @param seed bigint
-- @param salt bigint
-- @param users_start_ms bigint
-- @param user_span_ms bigint
-- @param regions text[]
-- @param region_starts int[]
-- @param first_names text[]
-- @param last_names text[]
-- @param handle_words text[]
INSERT INTO users (id, username, email, display_name, role, region, status, created_at, updated_at)
SELECT
  u,
  n.handle,
  n.handle || '@example.com',
  n.display_name,
  CASE WHEN u <= :creators THEN 'creator' ELSE 'viewer' END,
  (:regions)[width_bucket((m3.h % 1000)::int, :region_starts)],
  CASE WHEN u > :creators AND r.u_ban < 0.006 THEN 'banned' ELSE 'active' END,
  t.created_at,
  -- A banned account was last touched when it was banned, some time after signing up.
  CASE WHEN u > :creators AND r.u_ban < 0.006
       THEN t.created_at + (r.u_ban / 0.006) * (timestamptz 'epoch' + (:users_start_ms + :user_span_ms) * interval '1 ms' - t.created_at)
       ELSE t.created_at END
FROM generate_series(:from_id, :to_id) AS u
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(u, :seed + 1) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_first,
  ((hashint8extended(u, :seed + 2) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_last,
  ((hashint8extended(u, :seed + 3) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_word,
  ((hashint8extended(u, :seed + 4) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_ban) AS r
CROSS JOIN LATERAL (SELECT
  (:first_names)[1 + floor(r.u_first * cardinality(:first_names))::int] AS first_name,
  (:last_names)[1 + floor(r.u_last * cardinality(:last_names))::int] AS last_name) AS nm
CROSS JOIN LATERAL (SELECT
  lower(nm.first_name) || '_' || (:handle_words)[1 + floor(r.u_word * cardinality(:handle_words))::int] || '_' || u AS handle,
  nm.first_name || ' ' || nm.last_name AS display_name) AS n
CROSS JOIN LATERAL (SELECT
  timestamptz 'epoch' + (:users_start_ms + (u - 1) * :user_span_ms / :users) * interval '1 ms' AS created_at) AS t
-- mix(u, 1): the region draw shared with ClickHouse.
CROSS JOIN LATERAL (SELECT ((u + :salt + 1000003) * 2654435761) % 2147483647 AS a) AS m1
CROSS JOIN LATERAL (SELECT (((m1.a # (m1.a >> 15)) * 2246822519) % 2147483647) AS b) AS m2
CROSS JOIN LATERAL (SELECT (m2.b # (m2.b >> 13)) AS h) AS m3
