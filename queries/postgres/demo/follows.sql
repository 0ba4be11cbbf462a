-- Demo follows for creators :from_rank..:to_rank (docs/architecture.md#demo-data), one chunk of the load. Exactly
-- :follows rows over all chunks: creator k gets floor(follows * w_k / total_weight) followers with
-- w_k = floor(1e9 / k^0.8) (Zipf-like: low ids, the prolific creators, are the most followed), plus
-- one for k <= remainder (both from follow_allocation.sql). Follower j of creator k is
-- 1 + (offset_k + j * follow_step) % (users - 1), shifted past k: distinct for every j (follow_step
-- is coprime with users - 1), never k itself, so pairs are unique and nobody follows themselves.
-- 30% of follows predate the demo month; the rest fall inside it at a rate growing linearly to
-- twice the starting rate (t = lo + 30 d * (sqrt(1 + 3u) - 1)); a follow never predates either
-- account. Relies on the primary key (follower_id, followee_id) and follows_followee_created_idx.
-- @param from_rank bigint
-- @param to_rank bigint
-- @param follows bigint
-- @param users bigint
-- @param seed bigint
-- @param now_ms bigint
-- @param lo_ms bigint
-- @param users_start_ms bigint
-- @param user_span_ms bigint
-- @param follow_step bigint
-- @param total_weight bigint
-- @param remainder bigint
WITH counts AS (
  SELECT k, (:follows * floor(1e9 / power(k, 0.8))::bigint) / :total_weight + CASE WHEN k <= :remainder THEN 1 ELSE 0 END AS n
  FROM generate_series(:from_rank, :to_rank) AS k
)
INSERT INTO follows (follower_id, followee_id, created_at)
SELECT f.follower_id, c.k, timestamptz 'epoch' + t.ms * interval '1 ms'
FROM counts AS c
CROSS JOIN LATERAL generate_series(0::bigint, c.n - 1) AS j
CROSS JOIN LATERAL (SELECT
  1 + ((((hashint8extended(c.k, :seed + 21) >> 11) & 9007199254740991) % (:users - 1)) + j * :follow_step) % (:users - 1) AS f0) AS p
CROSS JOIN LATERAL (SELECT CASE WHEN p.f0 >= c.k THEN p.f0 + 1 ELSE p.f0 END AS follower_id) AS f
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(c.k * 4194304 + j, :seed + 22) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_when,
  ((hashint8extended(c.k * 4194304 + j, :seed + 23) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_t,
  ((hashint8extended(c.k * 4194304 + j, :seed + 24) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u_late) AS r
CROSS JOIN LATERAL (SELECT greatest(
  :users_start_ms + (f.follower_id - 1) * :user_span_ms / :users,
  :users_start_ms + (c.k - 1) * :user_span_ms / :users) AS since_ms) AS s
CROSS JOIN LATERAL (SELECT CASE
  WHEN r.u_when < 0.3 AND s.since_ms < :lo_ms THEN s.since_ms + floor(r.u_t * (:lo_ms - s.since_ms))::bigint
  WHEN :lo_ms + floor((sqrt(1 + 3 * r.u_t) - 1) * (:now_ms - :lo_ms))::bigint >= s.since_ms
    THEN :lo_ms + floor((sqrt(1 + 3 * r.u_t) - 1) * (:now_ms - :lo_ms))::bigint
  ELSE s.since_ms + floor(r.u_late * (:now_ms - s.since_ms))::bigint END AS ms) AS t
