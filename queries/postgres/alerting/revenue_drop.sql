-- Alert rule revenue_drop: revenue (non-payout transactions, docs/metrics.md) of the last complete UTC
-- day before the evaluation time against the day before it; value = ratio (null when the day
-- before had none). Reads the daily revenue kept by the transactions triggers (revenue_1d,
-- docs/revenue-tiers.md): two rows per kind and currency, the sums the transactions' own.
-- @param at timestamptz
WITH days AS (
  SELECT date_trunc('day', :at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS today
), sums AS (
  SELECT
    currency,
    sum(amount_minor) FILTER (WHERE bucket >= today - interval '1 day') AS yesterday,
    sum(amount_minor) FILTER (WHERE bucket < today - interval '1 day') AS day_before
  FROM revenue_1d, days
  WHERE kind <> 'payout'
    AND transactions <> 0
    AND bucket >= today - interval '2 days'
    AND bucket < today
  GROUP BY currency
)
SELECT currency, yesterday::float8 / nullif(day_before, 0)::float8 AS value
FROM sums
