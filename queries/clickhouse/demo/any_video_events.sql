-- Whether any video event exists: half of the "stores are empty" test that decides whether the
-- demo data set is loaded on first start (docs/architecture.md#stores, #demo-data). Stops at the first row.
SELECT count() > 0 AS any FROM (SELECT 1 FROM video_events LIMIT 1)
