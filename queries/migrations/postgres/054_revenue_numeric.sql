-- Revenue sums that cannot overflow (docs/hardening.md, issue 17): a transaction's amount_minor is
-- at most 2^53 - 1 (ingest), so 1,025 of them in one 15-minute bucket, kind and currency passed
-- bigint: the trigger that keeps revenue_15m raised 22003 and the whole transactions batch failed,
-- on every retry. numeric has no such bound; the rows keep their values.
ALTER TABLE revenue_15m ALTER COLUMN amount_minor TYPE numeric;
