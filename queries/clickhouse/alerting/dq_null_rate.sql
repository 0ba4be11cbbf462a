-- Alert rule dq_null_rate_* (data quality, docs/metrics.md: null rate per required column): the
-- share of a stream's rows in the day before the evaluation time whose required column {column}
-- ('<table>.<column>', e.g. 'ad_events.region') is empty, from the stream's quality rollup
-- (video_quality_15m, ad_quality_15m, request_quality_15m: counted as rows arrive, so it holds
-- on any data); the denominator is every row of the stream, as on the data-quality panel. The
-- 96 quarter-hours before the one holding {at}; no row when the stream had none. A column that
-- is not a required column is an error on the rule's page.
SELECT
    name AS column_name,
    empty / total AS value
FROM
(
    SELECT sum(rows) AS total,
           ['video_events.user_id', 'video_events.creator_id', 'video_events.region', 'video_events.device', 'video_events.watch_ms'] AS names,
           [sum(empty_user_id), sum(empty_creator_id), sum(empty_region), sum(empty_device), sum(empty_watch_ms)] AS counts
    FROM video_quality_15m
    WHERE startsWith({column:String}, 'video_events.')
      AND bucket >= toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 1 DAY
      AND bucket < toStartOfFifteenMinutes({at:DateTime64(3)})
    UNION ALL
    SELECT sum(rows),
           ['ad_events.user_id', 'ad_events.campaign_id', 'ad_events.region', 'ad_events.device'],
           [sum(empty_user_id), sum(empty_campaign_id), sum(empty_region), sum(empty_device)]
    FROM ad_quality_15m
    WHERE startsWith({column:String}, 'ad_events.')
      AND bucket >= toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 1 DAY
      AND bucket < toStartOfFifteenMinutes({at:DateTime64(3)})
    UNION ALL
    SELECT sum(rows),
           ['request_metrics.service', 'request_metrics.route', 'request_metrics.method', 'request_metrics.instance'],
           [sum(empty_service), sum(empty_route), sum(empty_method), sum(empty_instance)]
    FROM request_quality_15m
    WHERE startsWith({column:String}, 'request_metrics.')
      AND bucket >= toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 1 DAY
      AND bucket < toStartOfFifteenMinutes({at:DateTime64(3)})
)
ARRAY JOIN names AS name, counts AS empty
WHERE throwIf(NOT has(['video_events.user_id', 'video_events.creator_id', 'video_events.region', 'video_events.device', 'video_events.watch_ms',
                       'ad_events.user_id', 'ad_events.campaign_id', 'ad_events.region', 'ad_events.device',
                       'request_metrics.service', 'request_metrics.route', 'request_metrics.method', 'request_metrics.instance'], {column:String}),
              'dq_null_rate: column is not a required column of video_events, ad_events or request_metrics') = 0
  AND name = {column:String}
  AND total > 0
