-- API p95 of the overview: every route's requests merged over [from, to) and the previous
-- window [prev_from, from) from route_totals_15m (one row per quarter-hour: every route's
-- DDSketch state of the bucket merged at ingest, ClickHouse 018), -MergeIf, no FINAL. Sorted by bucket.
SELECT
    quantilesDDMergeIf(0.01, 0.95)(t.duration_q, t.bucket >= {from:DateTime64(3, 'UTC')}) AS q,
    quantilesDDMergeIf(0.01, 0.95)(t.duration_q, t.bucket < {from:DateTime64(3, 'UTC')}) AS prevQ,
    sumIf(t.requests, t.bucket >= {from:DateTime64(3, 'UTC')}) AS requests,
    sumIf(t.requests, t.bucket < {from:DateTime64(3, 'UTC')}) AS prevRequests
FROM route_totals_15m AS t
WHERE t.bucket >= {prev_from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
