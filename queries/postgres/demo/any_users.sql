-- Whether any platform user exists: half of the "stores are empty" test that decides whether the
-- demo data set is loaded on first start (docs/architecture.md#stores, #demo-data). Reads one row of the primary key.
SELECT EXISTS (SELECT 1 FROM users) AS any
