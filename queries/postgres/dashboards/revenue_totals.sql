-- Overview revenue tile: revenue (payouts excluded) per currency over [from, to) and the
-- previous window [prev_from, from). Uses transactions_occurred_idx.
-- @param prev_from timestamptz
-- @param from timestamptz
-- @param to timestamptz
SELECT currency,
       coalesce(sum(amount_minor) FILTER (WHERE occurred_at >= :from), 0)::bigint AS "amountMinor",
       coalesce(sum(amount_minor) FILTER (WHERE occurred_at < :from), 0)::bigint AS "prevAmountMinor"
FROM transactions
WHERE occurred_at >= :prev_from AND occurred_at < :to AND kind <> 'payout'
GROUP BY currency
ORDER BY 2 DESC, currency
