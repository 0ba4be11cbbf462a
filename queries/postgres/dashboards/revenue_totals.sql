-- Overview revenue tile: revenue (payouts excluded) per currency over [from, to) and the
-- previous window [prev_from, from), from revenue_15m (primary key range on bucket). The numeric
-- sums are answered as text, every digit kept (the API sends them as digit strings).
-- @param prev_from timestamptz
-- @param from timestamptz
-- @param to timestamptz
SELECT currency,
       coalesce(sum(amount_minor) FILTER (WHERE bucket >= :from), 0)::text AS "amountMinor",
       coalesce(sum(amount_minor) FILTER (WHERE bucket < :from), 0)::text AS "prevAmountMinor"
FROM revenue_15m
WHERE bucket >= :prev_from AND bucket < :to AND kind <> 'payout'
GROUP BY currency
HAVING sum(transactions) > 0
ORDER BY coalesce(sum(amount_minor) FILTER (WHERE bucket >= :from), 0) DESC, currency
