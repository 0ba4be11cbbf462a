-- Data quality of the video-events stream over [from, to), counted as rows arrived: rows, empty
-- required columns (completeness), orphans (events about a video PostgreSQL did not know at
-- ingest) from video_quality_15m, and the same window's engagement_15m total (rollup vs raw
-- consistency), read from engagement_totals_15m (fed by engagement_15m's inserts, one row a
-- bucket); the newest event time of the stream. Both read by their bucket-first sort keys.
SELECT
    (SELECT sum(rows) FROM video_quality_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rawRows,
    (SELECT sum(views + likes + comments + shares + follows) FROM engagement_totals_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rollupRows,
    (SELECT tuple(map('user_id', sum(empty_user_id), 'creator_id', sum(empty_creator_id), 'region', sum(empty_region), 'device', sum(empty_device), 'watch_ms', sum(empty_watch_ms)), sum(orphans))
     FROM video_quality_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS counts,
    counts.1 AS nulls,
    counts.2 AS orphans,
    (SELECT toUnixTimestamp64Milli(max(newest)) FROM video_quality_15m) AS newestMs
