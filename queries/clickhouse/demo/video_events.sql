-- Demo video events, pass 2 of 2 (docs/architecture.md#demo-data; docs/demo-load.md, "Time-ordered video events"):
-- the events whose time video_order.sql put in [from_ms, to_ms), in time order, each drawn from its row number n
-- (randomness: cityHash64(n, seed, k)): pass 1 chose when and which video (v) and the row's
-- section (0 base stream, 1-2 the collapsing video's boost and trickle, 3 orphans); here the
-- rest. Types: view 84%, like 10%, comment 3%, share 1.8%, follow 1.2%; watch_ms only on views
-- (mostly below the duration, full completions more likely on short videos, 5% replays). On the
-- UTC day bad_day_ms ~1% of events have an empty region (incident d).
--
-- Shared with PostgreSQL (users.sql, videos.sql; mix(x, k) below): video v's creator is
-- 1 + least(mix(v,2) % creators, mix(v,3) % creators); its duration 5000 + x*x/175000 with
-- x = mix(v,4) % 175001. A user exists from users_start + (u-1)*user_span/users and lives in
-- regions[arrayCount(s -> s <= mix(u,1) % 1000, region_starts)]: the event's region (7% travel
-- elsewhere). ingested_at = ts + a short lag. video_duration_ms and orphan are what ingest puts
-- on the row (0 and 1 for the orphans).
-- Nested SELECTs compute each stage once: ClickHouse expands WITH aliases in place, and the
-- formulas reuse their inputs enough to exceed the query-tree limit in one flat SELECT.
-- The statement reads a span of the month (~3 days at the large size) in time order (ORDER BY ts_ms
-- below) with one insert stream, so each block (~500k events, ~7 hours at the large size) holds its
-- hours at full density and its views group the fewest keys (docs/demo-load.md, "Time-ordered video
-- events" and "Session 16"); the views of a block run side by side (parallel_view_processing).
-- optimize_on_insert = 0: each view's SELECT already groups by its target's whole sort key, so
-- the merge of equal keys inside a written block found nothing to merge and cost ~20% of the CPU.
-- min_insert_block_size_rows = 500000: blocks of ~7 hours (blocks of 200k or 2.5M of the whole
-- month cost more CPU per event: docs/demo-load.md).
-- short_circuit_function_evaluation = 'disable': every branch of if/multiIf computed for every row.
-- Lazy branches cost more than they save here (each branch is cheap and taken often): ~5x the CPU
-- of pass 1's SELECT (docs/demo-load.md, "Session 16"); the rows are the same.
-- os_threads_nice_value_query / _materialized_view = 10: the statement's and its views' threads at
-- nice 10, so PGlite's thread (the event loop's) runs first and the load's critical path, PostgreSQL's
-- part, is not slowed by the engine taking both cores (docs/demo-load.md, "Session 17"; a no-op
-- without CAP_SYS_NICE).
INSERT INTO video_events (event_id, ts, type, video_id, creator_id, user_id, watch_ms, region, device, ingested_at,
                          video_duration_ms, orphan)
SETTINGS max_insert_threads = 1, parallel_view_processing = 1, optimize_on_insert = 0, min_insert_block_size_rows = 500000, short_circuit_function_evaluation = 'disable', os_threads_nice_value_query = 10, os_threads_nice_value_materialized_view = 10
SELECT
    reinterpretAsUUID(reinterpretAsFixedString(bitShiftLeft(toUInt128(cityHash64(n, {seed:UInt64}, 101)), 64) + cityHash64(n, {seed:UInt64}, 102))),
    fromUnixTimestamp64Milli(ts_ms, 'UTC'),
    type_code,
    v,
    creator,
    uid,
    if(type_code = 1,
       toUInt32(multiIf(u_w1 < p_complete, duration_ms,
                        u_w1 < p_complete + 0.05, duration_ms + floor(u_w2 * duration_ms),
                        greatest(300, floor(u_w2 * duration_ms)))),
       0),
    multiIf(ts_ms >= {bad_day_ms:Int64} AND ts_ms < {bad_day_ms:Int64} + 86400000 AND u_bad < 0.01, '',
            u_reg < 0.07, {regions:Array(String)}[1 + toUInt32(floor(u_reg / 0.07 * length({regions:Array(String)})))],
            {regions:Array(String)}[arrayCount(s -> s <= bitXor(r1b, bitShiftRight(r1b, 13)) % 1000, {region_starts:Array(UInt32)})]),
    if(u_dev < 0.12, ['ios', 'android', 'web'][1 + toUInt32(floor(u_dev / 0.12 * 3))],
       multiIf(device_key < 42, 'ios', device_key < 87, 'android', 'web')),
    fromUnixTimestamp64Milli(least(ts_ms + 300 + toInt64(floor(pow(u_lag, 3) * 30000)), {now_ms:Int64}), 'UTC'),
    if(section = 3, 0, duration_ms),
    toUInt8(section = 3)
FROM
(
    -- stage 4: who (an account that exists at ts; active accounts more often; never following
    -- oneself), its home region (mix(uid, 1)) and usual device
    SELECT *,
        toUInt64(bitXor(r1a, bitShiftRight(r1a, 15))) * 2246822519 % 2147483647 AS r1b,
        cityHash64(uid, {seed:UInt64}, 99) % 100 AS device_key
    FROM
    (
        SELECT *,
            if(type_code = 5 AND uid0 = creator, uid0 % users_then + 1, uid0) AS uid,
            (uid + {salt:UInt64} + 1000003) * 2654435761 % 2147483647 AS r1a
        FROM
        (
            -- stage 3: creator and duration of v (shared formulas), the event type
            SELECT *,
                1 + least(bitXor(c2b, bitShiftRight(c2b, 13)) % {creators:UInt64}, bitXor(c3b, bitShiftRight(c3b, 13)) % {creators:UInt64}) AS creator,
                5000 + intDiv(dx * dx, 175000) AS duration_ms,
                0.45 - 0.3 * (duration_ms - 5000) / 175000 AS p_complete,
                -- the type as its Enum8 code (view 1, like 2, comment 3, share 4, follow 5): integers
                -- compare cheaper than strings
                if(section = 0,
                   multiIf(u_type < 0.84, 1, u_type < 0.94, 2, u_type < 0.97, 3, u_type < 0.988, 4, 5),
                   if(section = 3 AND u_type >= 0.9, 2, 1)) AS type_code,
                toUInt64(least(toInt64({users:UInt64}), intDiv((ts_ms - {users_start_ms:Int64}) * toInt64({users:UInt64}), {user_span_ms:Int64}) + 1)) AS users_then,
                1 + toUInt64(floor(users_then * pow(u_user, 1.5))) AS uid0
            FROM
            (
                SELECT *,
                    toUInt64(bitXor(c2a, bitShiftRight(c2a, 15))) * 2246822519 % 2147483647 AS c2b,
                    toUInt64(bitXor(c3a, bitShiftRight(c3a, 15))) * 2246822519 % 2147483647 AS c3b,
                    bitXor(d4b, bitShiftRight(d4b, 13)) % 175001 AS dx
                FROM
                (
                    SELECT *,
                        (v + {salt:UInt64} + 2000006) * 2654435761 % 2147483647 AS c2a,
                        (v + {salt:UInt64} + 3000009) * 2654435761 % 2147483647 AS c3a,
                        (v + {salt:UInt64} + 4000012) * 2654435761 % 2147483647 AS d4a,
                        toUInt64(bitXor(d4a, bitShiftRight(d4a, 15))) * 2246822519 % 2147483647 AS d4b
                    FROM
                    (
                        -- stage 1 (video_order.sql wrote when and which video, in time order): the rest of the
                        -- event's draws, from its row number n
                        SELECT
                            n, ts_ms, v, section,
                            bitShiftRight(cityHash64(n, {seed:UInt64}, 1), 11) / 9007199254740992 AS u_type,
                            bitShiftRight(cityHash64(n, {seed:UInt64}, 7), 11) / 9007199254740992 AS u_user,
                            bitShiftRight(cityHash64(n, {seed:UInt64}, 8), 11) / 9007199254740992 AS u_reg,
                            bitShiftRight(cityHash64(n, {seed:UInt64}, 9), 11) / 9007199254740992 AS u_dev,
                            bitShiftRight(cityHash64(n, {seed:UInt64}, 10), 11) / 9007199254740992 AS u_bad,
                            bitShiftRight(cityHash64(n, {seed:UInt64}, 11), 11) / 9007199254740992 AS u_w1,
                            bitShiftRight(cityHash64(n, {seed:UInt64}, 12), 11) / 9007199254740992 AS u_w2,
                            bitShiftRight(cityHash64(n, {seed:UInt64}, 13), 11) / 9007199254740992 AS u_lag
                        FROM demo_video_order
                        WHERE ts_ms >= {from_ms:Int64} AND ts_ms < {to_ms:Int64}
                        ORDER BY ts_ms
                    )
                )
            )
        )
    )
)
