-- Recounts revenue_1h (UTC hours) from revenue_15m, just recounted from transactions in the same
-- rebuild (what the triggers keep as rows change; docs/revenue-tiers.md).
INSERT INTO revenue_1h (bucket, kind, currency, amount_minor, transactions)
SELECT date_bin('1 hour', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, sum(amount_minor), sum(transactions)
FROM revenue_15m
GROUP BY 1, 2, 3
