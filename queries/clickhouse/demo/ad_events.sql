-- Demo ad events, rows {from}..{from}+{count}-1 (docs/architecture.md#demo-data; the loader chunks by 1M rows).
-- Campaign c = 1 + least(h1 % campaigns, h2 % campaigns) (low ids spend more); advertiser =
-- 1 + (c-1) % advertisers. Shared with PostgreSQL campaigns.sql (mix(c, k) below): with
-- h_k = mix(c, k), status by h_5 % 10 (0-5 active, 6-7 paused, 8-9 ended), start_date = day0 -
-- (10 + h_6 % 51), end/pause day from h_7, objective from h_8 % 4, bid from h_9 in USD micros times
-- the zone's fx_per_100usd / 100. Events fall in [start_date + 1 day, end) in UTC, so they lie
-- inside the campaign's dates in every advertiser timezone, clipped to [lo, now), with the evening
-- peak of the other streams. Types: impression 61.4%, view_2s 17%, view_6s 9%, p25 4.5%, p50 3.2%,
-- p75 2.2%, p100 1.4%, click 1.24% (2% of impressions), conversion 0.06% (~5% of clicks). Cost:
-- CPM campaigns (awareness, video_views) pay bid/1000 x 0.6-1.0 per impression, CPC ones bid x
-- 0.5-1.0 per click; conversions carry a value of 5-150 USD in the advertiser's currency; view
-- events carry play_ms against a 15-30 s ad. Users are accounts that exist at ts (reach is real),
-- with their home region (users.sql formula) and their usual device.
-- Nested SELECTs compute each stage once (ClickHouse expands WITH aliases in place).
-- Settings as in video_events.sql (two streams, views side by side, no merge-on-insert pass).
-- short_circuit_function_evaluation = 'disable': if/multiIf computed eagerly, as in video_order.sql.
-- os_threads_nice_value_query / _materialized_view = 10: as in video_events.sql (PGlite's thread first).
INSERT INTO ad_events (event_id, ts, type, advertiser_id, campaign_id, user_id, cost_micros,
                       conversion_value_micros, play_ms, region, device, ingested_at)
SETTINGS max_insert_threads = 2, parallel_view_processing = 1, optimize_on_insert = 0, min_insert_block_size_rows = 500000, short_circuit_function_evaluation = 'disable', os_threads_nice_value_query = 10, os_threads_nice_value_materialized_view = 10
SELECT
    reinterpretAsUUID(reinterpretAsFixedString(bitShiftLeft(toUInt128(cityHash64(n, {seed:UInt64}, 201)), 64) + cityHash64(n, {seed:UInt64}, 202))),
    fromUnixTimestamp64Milli(ts_ms, 'UTC'),
    type_name,
    advertiser,
    c,
    uid,
    multiIf(type_name = 'impression' AND is_cpm, intDiv(bid_micros * (600 + h_amount % 401), 1000000),
            type_name = 'click' AND NOT is_cpm, intDiv(bid_micros * (500 + h_amount % 501), 1000),
            0),
    if(type_name = 'conversion', intDiv((5000000 + h_amount % 145000000) * fx, 100), 0),
    toUInt32(multiIf(type_name = 'view_2s', 2000 + h_amount % 4000,
                     type_name = 'view_6s', 6000 + h_amount % (ad_ms - 6000),
                     type_name = 'p25', intDiv(ad_ms, 4),
                     type_name = 'p50', intDiv(ad_ms, 2),
                     type_name = 'p75', intDiv(ad_ms * 3, 4),
                     type_name = 'p100', ad_ms,
                     0)),
    {regions:Array(String)}[arrayCount(s -> s <= bitXor(r1b, bitShiftRight(r1b, 13)) % 1000, {region_starts:Array(UInt32)})],
    if(u_dev < 0.1, ['ios', 'android', 'web'][1 + toUInt32(floor(u_dev / 0.1 * 3))],
       multiIf(device_key < 42, 'ios', device_key < 87, 'android', 'web')),
    fromUnixTimestamp64Milli(least(ts_ms + 200 + toInt64(floor(pow(u_lag, 3) * 20000)), {now_ms:Int64}), 'UTC')
FROM
(
    -- stage 4: the user's home region (mix(uid, 1)) and usual device
    SELECT *,
        toUInt64(bitXor(r1a, bitShiftRight(r1a, 15))) * 2246822519 % 2147483647 AS r1b,
        cityHash64(uid, {seed:UInt64}, 99) % 100 AS device_key
    FROM
    (
        -- stage 3: who, an account that exists at ts (heavy users, the older accounts, see more ads)
        SELECT *,
            toUInt64(least(toInt64({users:UInt64}), intDiv((ts_ms - {users_start_ms:Int64}) * toInt64({users:UInt64}), {user_span_ms:Int64}) + 1)) AS users_then,
            1 + toUInt64(floor(users_then * pow(u_user, 2))) AS uid,
            (uid + {salt:UInt64} + 1000003) * 2654435761 % 2147483647 AS r1a
        FROM
        (
            -- stage 2: when, inside the campaign's delivery window, warped into a daily cycle
            SELECT *,
                win_from + (win_to - win_from) * u_t AS t0,
                t0 + 6875493.5 * sin(2 * pi() * (t0 % 86400000) / 86400000 - 2 * pi() / 3) AS t_warped,
                least(toInt64(floor(if(t_warped >= win_from AND t_warped < win_to, t_warped, t0))), win_to - 1) AS ts_ms
            FROM
            (
                SELECT *,
                    h8 % 4 IN (0, 3) AS is_cpm,
                    {fx_per_100usd:Array(UInt32)}[1 + ((c - 1) % {advertisers:UInt64}) % length({fx_per_100usd:Array(UInt32)})] AS fx,
                    intDiv(toUInt64(if(is_cpm, 1500000 + h9 % 10500000, 150000 + h9 % 1850000)) * fx, 100) AS bid_micros,
                    greatest({lo_ms:Int64}, {day0_ms:Int64} - toInt64(10 + h6 % 51 - 1) * 86400000) AS win_from,
                    multiIf(h5 % 10 < 6, {now_ms:Int64},
                            h5 % 10 < 8, {day0_ms:Int64} - toInt64(1 + h7 % 5) * 86400000,
                            {day0_ms:Int64} - toInt64(1 + h7 % 8) * 86400000) AS win_to
                FROM
                (
                    SELECT *,
                        bitXor(b5, bitShiftRight(b5, 13)) AS h5,
                        bitXor(b6, bitShiftRight(b6, 13)) AS h6,
                        bitXor(b7, bitShiftRight(b7, 13)) AS h7,
                        bitXor(b8, bitShiftRight(b8, 13)) AS h8,
                        bitXor(b9, bitShiftRight(b9, 13)) AS h9
                    FROM
                    (
                        -- stage 1: which campaign, and its shared formulas mix(c, 5..9)
                        SELECT *,
                            toUInt64(bitXor(a5, bitShiftRight(a5, 15))) * 2246822519 % 2147483647 AS b5,
                            toUInt64(bitXor(a6, bitShiftRight(a6, 15))) * 2246822519 % 2147483647 AS b6,
                            toUInt64(bitXor(a7, bitShiftRight(a7, 15))) * 2246822519 % 2147483647 AS b7,
                            toUInt64(bitXor(a8, bitShiftRight(a8, 15))) * 2246822519 % 2147483647 AS b8,
                            toUInt64(bitXor(a9, bitShiftRight(a9, 15))) * 2246822519 % 2147483647 AS b9
                        FROM
                        (
                            SELECT
                                number AS n,
                                bitShiftRight(cityHash64(n, {seed:UInt64}, 3), 11) / 9007199254740992 AS u_type,
                                bitShiftRight(cityHash64(n, {seed:UInt64}, 4), 11) / 9007199254740992 AS u_t,
                                bitShiftRight(cityHash64(n, {seed:UInt64}, 5), 11) / 9007199254740992 AS u_user,
                                bitShiftRight(cityHash64(n, {seed:UInt64}, 6), 11) / 9007199254740992 AS u_dev,
                                bitShiftRight(cityHash64(n, {seed:UInt64}, 7), 11) / 9007199254740992 AS u_lag,
                                cityHash64(n, {seed:UInt64}, 8) AS h_amount,
                                1 + least(cityHash64(n, {seed:UInt64}, 1) % {campaigns:UInt64}, cityHash64(n, {seed:UInt64}, 2) % {campaigns:UInt64}) AS c,
                                1 + (c - 1) % {advertisers:UInt64} AS advertiser,
                                multiIf(u_type < 0.614, 'impression', u_type < 0.784, 'view_2s', u_type < 0.874, 'view_6s',
                                        u_type < 0.919, 'p25', u_type < 0.951, 'p50', u_type < 0.973, 'p75', u_type < 0.987, 'p100',
                                        u_type < 0.9994, 'click', 'conversion') AS type_name,
                                15000 + (cityHash64(c, {seed:UInt64}, 7) % 4) * 5000 AS ad_ms,
                                (c + {salt:UInt64} + 5000015) * 2654435761 % 2147483647 AS a5,
                                (c + {salt:UInt64} + 6000018) * 2654435761 % 2147483647 AS a6,
                                (c + {salt:UInt64} + 7000021) * 2654435761 % 2147483647 AS a7,
                                (c + {salt:UInt64} + 8000024) * 2654435761 % 2147483647 AS a8,
                                (c + {salt:UInt64} + 9000027) * 2654435761 % 2147483647 AS a9
                            FROM numbers_mt({from:UInt64}, {count:UInt64})
                        )
                    )
                )
            )
        )
    )
)
