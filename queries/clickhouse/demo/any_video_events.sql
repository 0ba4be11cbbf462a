-- Whether any video event exists: half of the "stores are empty" test that decides whether the
-- demo data set is loaded on first start (DESIGN §2, §12). Stops at the first row.
SELECT count() > 0 AS any FROM (SELECT 1 FROM video_events LIMIT 1)
