-- Recounts revenue_15m from transactions (what the triggers keep as rows change).
INSERT INTO revenue_15m (bucket, kind, currency, amount_minor, transactions)
SELECT date_bin('15 minutes', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, sum(amount_minor), count(*)
FROM transactions
GROUP BY 1, 2, 3
