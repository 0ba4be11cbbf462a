-- The follower allocation of the demo follows (docs/architecture.md#demo-data), computed once so that each chunk of
-- follows.sql can size its creators without re-reading all of them: creator k weighs
-- w_k = floor(1e9 / k^0.8); total_weight = sum of w_k; remainder = follows - sum of
-- floor(follows * w_k / total_weight), the followers left over for creators 1..remainder.
-- Touches no table.
-- @param follows bigint
-- @param creators bigint
WITH weights AS (
  SELECT floor(1e9 / power(k, 0.8))::bigint AS w FROM generate_series(1::bigint, :creators) AS k
), total AS (
  SELECT sum(w)::bigint AS total_weight FROM weights
)
SELECT t.total_weight, :follows - sum((:follows * w.w) / t.total_weight)::bigint AS remainder
FROM weights AS w CROSS JOIN total AS t
GROUP BY t.total_weight
