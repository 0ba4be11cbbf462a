-- Row counts of the event tables the demo loader fills, for its summary (docs/architecture.md#demo-data). count()
-- of a MergeTree table is answered from part metadata.
SELECT
    (SELECT count() FROM video_events) AS video_events,
    (SELECT count() FROM ad_events) AS ad_events,
    (SELECT count() FROM request_metrics) AS request_metrics
