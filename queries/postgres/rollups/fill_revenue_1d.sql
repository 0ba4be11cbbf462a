-- Recounts revenue_1d (UTC days) from revenue_1h, just recounted in the same rebuild
-- (docs/revenue-tiers.md).
INSERT INTO revenue_1d (bucket, kind, currency, amount_minor, transactions)
SELECT date_bin('1 day', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, sum(amount_minor), sum(transactions)
FROM revenue_1h
GROUP BY 1, 2, 3
