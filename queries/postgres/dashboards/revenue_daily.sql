-- Revenue per local day and kind (docs/metrics.md), payouts included here and split apart by the
-- service (they are not revenue). Days are the viewer's: occurred_at AT TIME ZONE the IANA name,
-- exact across DST. Uses transactions_occurred_idx (occurred_at, kind).
-- @param from timestamptz
-- @param to timestamptz
-- @param tz text
SELECT to_char((occurred_at AT TIME ZONE :tz)::date, 'YYYY-MM-DD') AS day,
       kind,
       currency,
       sum(amount_minor)::bigint AS "amountMinor"
FROM transactions
WHERE occurred_at >= :from AND occurred_at < :to
GROUP BY 1, kind, currency
ORDER BY 1, kind, currency
