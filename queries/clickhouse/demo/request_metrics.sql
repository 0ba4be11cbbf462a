-- Demo request metrics of service `api`, rows {from}..{from}+{count}-1 (docs/architecture.md#demo-data; chunked by
-- 1M rows). Rows [0, base) are ordinary traffic over [lo, now) with the evening peak (same time
-- warp as the other streams); the rest are client retries of GET /v1/feed during the latency
-- incident [incident_from, incident_to) (incident a). Routes, share and lognormal latency
-- (median ms, sigma): feed 30% (85, 0.45), video 20% (35, 0.5), like 14% (22, 0.4), user 8%
-- (40, 0.5), search 7% (120, 0.6), comment 5% (45, 0.45), notifications 13% (30, 0.4), upload 3%
-- (900, 0.7); duration = median * exp(sigma * z), z standard normal by Box-Muller. Status: 0.35%
-- 5xx (three times slower), ~2.5% 4xx (404 on :id routes, 400, 401, 429), else 200 (201 on
-- creation). During the incident every GET /v1/feed is 8-12x slower (p95 ~10x) and 8% answer 5xx
-- (exactly 2 in 25 of the retries). Three instances api-1..3.
-- Settings as in video_events.sql (two streams, views side by side, no merge-on-insert pass).
-- short_circuit_function_evaluation = 'disable': if/multiIf computed eagerly, as in video_order.sql.
-- os_threads_nice_value_query / _materialized_view = 10: as in video_events.sql (PGlite's thread first).
INSERT INTO request_metrics (ts, service, route, method, status, duration_ms, instance)
SETTINGS max_insert_threads = 2, parallel_view_processing = 1, optimize_on_insert = 0, min_insert_block_size_rows = 500000, short_circuit_function_evaluation = 'disable', os_threads_nice_value_query = 10, os_threads_nice_value_materialized_view = 10
SELECT
    fromUnixTimestamp64Milli(ts_ms, 'UTC'),
    'api',
    ['/v1/feed', '/v1/videos/:id', '/v1/videos/:id/like', '/v1/users/:id', '/v1/search',
     '/v1/videos/:id/comments', '/v1/notifications', '/v1/upload'][r],
    ['GET', 'GET', 'POST', 'GET', 'GET', 'POST', 'GET', 'POST'][r],
    toUInt16(status),
    round([85., 35., 22., 40., 120., 45., 30., 900.][r] * exp([0.45, 0.5, 0.4, 0.5, 0.6, 0.45, 0.4, 0.7][r] * z)
          * if(status >= 500 AND NOT in_incident, 3, 1) * if(in_incident, 8 + 4 * u_slow, 1), 3),
    concat('api-', toString(1 + cityHash64(n, {seed:UInt64}, 308) % 3))
FROM
(
    -- stage 2: status, normal or during the incident
    SELECT *,
        multiIf(u_status < 0.0035, [500, 502, 503, 504][1 + toUInt32(floor(u_status / 0.0035 * 4))],
                u_status < 0.0285, if(r IN (2, 3, 4, 6) AND u_status < 0.02, 404,
                                      [400, 401, 429][1 + toUInt32(floor((u_status - 0.0035) / 0.025 * 3))]),
                r IN (6, 8), 201,
                200) AS normal_status,
        multiIf(NOT in_incident, normal_status,
                is_retry, if(n % 25 < 2, 503, 200),
                u_incident < 0.08, [500, 503][1 + toUInt32(floor(u_incident / 0.08 * 2))],
                200) AS status
    FROM
    (
        -- stage 1: route, time (daily cycle, or inside the incident for the retries), latency draw
        SELECT *,
            {lo_ms:Int64} + ({now_ms:Int64} - {lo_ms:Int64}) * u_t AS t0,
            t0 + 6875493.5 * sin(2 * pi() * (t0 % 86400000) / 86400000 - 2 * pi() / 3) AS t_warped,
            if(is_retry,
               {incident_from_ms:Int64} + toInt64(floor(({incident_to_ms:Int64} - {incident_from_ms:Int64}) * u_t)),
               least(toInt64(floor(if(t_warped >= {lo_ms:Int64} AND t_warped < {now_ms:Int64}, t_warped, t0))), {now_ms:Int64} - 1)) AS ts_ms,
            r = 1 AND ts_ms >= {incident_from_ms:Int64} AND ts_ms < {incident_to_ms:Int64} AS in_incident,
            sqrt(-2 * log(1 - u_z1)) * cos(2 * pi() * u_z2) AS z
        FROM
        (
            SELECT
                number AS n,
                n >= {base:UInt64} AS is_retry,
                bitShiftRight(cityHash64(n, {seed:UInt64}, 301), 11) / 9007199254740992 AS u_route,
                bitShiftRight(cityHash64(n, {seed:UInt64}, 302), 11) / 9007199254740992 AS u_t,
                bitShiftRight(cityHash64(n, {seed:UInt64}, 303), 11) / 9007199254740992 AS u_status,
                bitShiftRight(cityHash64(n, {seed:UInt64}, 304), 11) / 9007199254740992 AS u_z1,
                bitShiftRight(cityHash64(n, {seed:UInt64}, 305), 11) / 9007199254740992 AS u_z2,
                bitShiftRight(cityHash64(n, {seed:UInt64}, 306), 11) / 9007199254740992 AS u_slow,
                bitShiftRight(cityHash64(n, {seed:UInt64}, 307), 11) / 9007199254740992 AS u_incident,
                if(is_retry, 1, arrayCount(s -> s <= u_route, [0, 0.30, 0.50, 0.64, 0.72, 0.79, 0.84, 0.97])) AS r
            FROM numbers_mt({from:UInt64}, {count:UInt64})
        )
    )
)
