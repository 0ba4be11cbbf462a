-- Revenue per local day and kind (docs/metrics.md), payouts included here and split apart by the
-- service (they are not revenue). Reads the revenue tiers kept by triggers on transactions
-- through revenue_pieces (migration 055, docs/revenue-tiers.md): whole UTC hours and days inside
-- each local day, quarter-hours at the window's edges and where a local day starts mid-hour, so
-- the days are exact in any IANA zone, DST included. The numeric sum is answered as text, every
-- digit kept.
-- @param from timestamptz
-- @param to timestamptz
-- @param tz text
SELECT to_char(day, 'YYYY-MM-DD') AS day,
       kind,
       currency,
       sum(amount_minor)::text AS "amountMinor"
FROM revenue_pieces(:from, :to, :tz, :from)
GROUP BY day, kind, currency
HAVING sum(transactions) > 0
ORDER BY day, kind, currency
