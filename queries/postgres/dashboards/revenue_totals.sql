-- Overview revenue tile: revenue (payouts excluded) per currency over [from, to) and the
-- previous window [prev_from, from), from the revenue tiers through revenue_pieces (migration 055,
-- docs/revenue-tiers.md; labelled by UTC day, so the hours and days read are whole UTC ones, each on
-- one side of :from). The numeric sums are answered as text, every digit kept (the API sends them
-- as digit strings).
-- @param prev_from timestamptz
-- @param from timestamptz
-- @param to timestamptz
SELECT currency,
       coalesce(sum(amount_minor) FILTER (WHERE cur), 0)::text AS "amountMinor",
       coalesce(sum(amount_minor) FILTER (WHERE NOT cur), 0)::text AS "prevAmountMinor"
FROM revenue_pieces(:prev_from, :to, 'UTC', :from)
WHERE kind <> 'payout'
GROUP BY currency
HAVING sum(transactions) > 0
ORDER BY coalesce(sum(amount_minor) FILTER (WHERE cur), 0) DESC, currency
