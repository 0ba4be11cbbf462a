-- Alert rule revenue_drop: revenue (non-payout transactions, docs/metrics.md) of the last complete UTC
-- day before the evaluation time against the day before it; value = ratio (null when the day
-- before had none). Uses transactions_occurred_idx (occurred_at, kind).
-- @param at timestamptz
WITH days AS (
  SELECT date_trunc('day', :at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS today
), sums AS (
  SELECT
    currency,
    sum(amount_minor) FILTER (WHERE occurred_at >= today - interval '1 day') AS yesterday,
    sum(amount_minor) FILTER (WHERE occurred_at < today - interval '1 day') AS day_before
  FROM transactions, days
  WHERE kind <> 'payout'
    AND occurred_at >= today - interval '2 days'
    AND occurred_at < today
  GROUP BY currency
)
SELECT currency, yesterday::float8 / nullif(day_before, 0)::float8 AS value
FROM sums
