-- Revenue per local day and kind (docs/metrics.md), payouts included here and split apart by the
-- service (they are not revenue). Reads revenue_15m (kept by triggers on transactions,
-- docs/scale.md): the window is whole 15-minute buckets and every local day in any IANA zone is
-- a whole number of them, so bucket AT TIME ZONE the zone gives exact days, DST included.
-- Primary key (bucket, kind, currency) range. The numeric sum is answered as text, every digit kept.
-- @param from timestamptz
-- @param to timestamptz
-- @param tz text
SELECT to_char((bucket AT TIME ZONE :tz)::date, 'YYYY-MM-DD') AS day,
       kind,
       currency,
       sum(amount_minor)::text AS "amountMinor"
FROM revenue_15m
WHERE bucket >= :from AND bucket < :to
GROUP BY 1, kind, currency
HAVING sum(transactions) > 0
ORDER BY 1, kind, currency
