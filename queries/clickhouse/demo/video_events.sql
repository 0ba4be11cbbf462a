-- Demo video events, rows {from}..{from}+{count}-1 of the whole stream (docs/architecture.md#demo-data; the loader
-- chunks by 1M rows). Row n is, by its range: [0, base) the base stream, then {boost} views of the
-- collapsing video in [drop_from - 60 min, drop_from), then {trickle} views of it in
-- [drop_from, now) (incident b), then the orphans: events of videos that do not exist
-- (orphan_videos ids from orphan_first, last 3 days; incident d). Randomness: cityHash64(n, seed, k).
--
-- Base stream: two popularity pools, each ranked by r = floor((size+1)^u) (log-uniform: Zipf
-- with exponent 1, the top 20 take about a quarter), a rank mapping to a video id by a
-- permutation. Evergreen: videos uploaded before lo, viewed uniformly over [lo, now) (65%). Fresh:
-- videos uploaded since lo - 10 days, viewed at upload + Gamma(2, 1.5 d), a rise and decay, so
-- something is always trending (35%; a fresh view that would fall outside [lo, now) goes to the
-- evergreen pool, which keeps the daily volume flat). Daily cycle: the time warp
-- t + A*sin(2*pi*t/day - 2*pi/3) peaks at 20:00 UTC (3x the 08:00 trough). Types: view 84%,
-- like 10%, comment 3%, share 1.8%, follow 1.2%; watch_ms only on views (mostly below the
-- duration, full completions more likely on short videos, 5% replays). On the UTC day bad_day_ms
-- ~1% of events have an empty region (incident d). Base events of the collapsing video from
-- drop_from on go to remap_video instead.
--
-- Shared with PostgreSQL (users.sql, videos.sql; mix(x, k) below): video v was uploaded at
-- videos_start + (v-1)*video_span/videos; its creator is 1 + least(mix(v,2) % creators,
-- mix(v,3) % creators); its duration 5000 + x*x/175000 with x = mix(v,4) % 175001. A user exists
-- from users_start + (u-1)*user_span/users and lives in regions[arrayCount(s -> s <= mix(u,1) % 1000,
-- region_starts)]: the event's region (7% travel elsewhere). ingested_at = ts + a short lag.
-- video_duration_ms and orphan are what ingest puts on the row (0 and 1 for the orphans).
-- Nested SELECTs compute each stage once: ClickHouse expands WITH aliases in place, and the
-- formulas reuse their inputs enough to exceed the query-tree limit in one flat SELECT.
-- Settings (docs/demo-load.md, "Where the large load's time goes"): numbers_mt and two insert threads
-- give two streams, each with its own chain of views, and the views of a block run side by side,
-- so both cores work once PostgreSQL is done; a row depends only on n, so the rows are the same.
-- optimize_on_insert = 0: each view's SELECT already groups by its target's whole sort key, so
-- the merge of equal keys inside a written block found nothing to merge and cost ~20% of the CPU.
-- min_insert_block_size_rows = 500000: each stream writes (and its views aggregate) blocks of
-- ~500k rows, as when a statement was 1M rows; the loader now sends 2M a statement. Blocks of 200k
-- or 2.5M cost more CPU per event (docs/demo-load.md).
INSERT INTO video_events (event_id, ts, type, video_id, creator_id, user_id, watch_ms, region, device, ingested_at,
                          video_duration_ms, orphan)
SETTINGS max_insert_threads = 2, parallel_view_processing = 1, optimize_on_insert = 0, min_insert_block_size_rows = 500000
SELECT
    reinterpretAsUUID(reinterpretAsFixedString(bitShiftLeft(toUInt128(cityHash64(n, {seed:UInt64}, 101)), 64) + cityHash64(n, {seed:UInt64}, 102))),
    fromUnixTimestamp64Milli(ts_ms, 'UTC'),
    type_name,
    v,
    creator,
    uid,
    if(type_name = 'view',
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
            if(type_name = 'follow' AND uid0 = creator, uid0 % users_then + 1, uid0) AS uid,
            (uid + {salt:UInt64} + 1000003) * 2654435761 % 2147483647 AS r1a
        FROM
        (
            -- stage 3: creator and duration of v (shared formulas), the event type
            SELECT *,
                1 + least(bitXor(c2b, bitShiftRight(c2b, 13)) % {creators:UInt64}, bitXor(c3b, bitShiftRight(c3b, 13)) % {creators:UInt64}) AS creator,
                5000 + intDiv(dx * dx, 175000) AS duration_ms,
                0.45 - 0.3 * (duration_ms - 5000) / 175000 AS p_complete,
                if(section = 0,
                   multiIf(u_type < 0.84, 'view', u_type < 0.94, 'like', u_type < 0.97, 'comment', u_type < 0.988, 'share', 'follow'),
                   if(section = 3 AND u_type >= 0.9, 'like', 'view')) AS type_name,
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
                        -- stage 2: when (after the upload, inside [lo, now), warped into a daily
                        -- cycle), then the final video (the collapse remaps, orphans)
                        SELECT *,
                            multiIf(
                                section = 0, ts_base,
                                section = 1, {drop_from_ms:Int64} - 3600000 + toInt64(floor(u_t * 3600000)),
                                section = 2, {drop_from_ms:Int64} + toInt64(floor(u_t * ({now_ms:Int64} - {drop_from_ms:Int64}))),
                                {now_ms:Int64} - 259200000 + toInt64(floor(u_t * 259200000))) AS ts_ms,
                            multiIf(
                                section = 0, if(v_base = {drop_video:UInt64} AND ts_ms >= {drop_from_ms:Int64}, {remap_video:UInt64}, v_base),
                                section <= 2, {drop_video:UInt64},
                                {orphan_first:UInt64} + n % {orphan_videos:UInt64}) AS v
                        FROM
                        (
                            SELECT *,
                                t0 + 6875493.5 * sin(2 * pi() * (t0 % 86400000) / 86400000 - 2 * pi() / 3) AS t_warped,
                                least(toInt64(floor(if(t_warped >= since_ms AND t_warped < {now_ms:Int64}, t_warped, t0))), {now_ms:Int64} - 1) AS ts_base
                            FROM
                            (
                                SELECT *,
                                    if(use_fresh, v_fresh, v_evergreen) AS v_base,
                                    greatest(if(use_fresh, uploaded_ms, {lo_ms:Int64}), {lo_ms:Int64}) AS since_ms,
                                    if(use_fresh, t_gamma, {lo_ms:Int64} + ({now_ms:Int64} - {lo_ms:Int64}) * u_t) AS t0
                                FROM
                                (
                                    -- stage 1: which video (popularity pools and ranks); a fresh
                                    -- view that would fall outside [lo, now) goes to the evergreen pool
                                    SELECT *,
                                        {videos_start_ms:Int64} + intDiv(toInt64(v_fresh - 1) * {video_span_ms:Int64}, toInt64({videos:UInt64})) AS uploaded_ms,
                                        uploaded_ms + 129600000 * (-log(1 - u_a1) - log(1 - u_a2)) AS t_gamma,
                                        u_fresh < 0.35 AND t_gamma >= {lo_ms:Int64} AND t_gamma < {now_ms:Int64} AS use_fresh
                                    FROM
                                    (
                                        SELECT
                                            number AS n,
                                            multiIf(n < {base:UInt64}, 0, n < {base:UInt64} + {boost:UInt64}, 1,
                                                    n < {base:UInt64} + {boost:UInt64} + {trickle:UInt64}, 2, 3) AS section,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 1), 11) / 9007199254740992 AS u_type,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 2), 11) / 9007199254740992 AS u_fresh,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 3), 11) / 9007199254740992 AS u_rank,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 4), 11) / 9007199254740992 AS u_t,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 5), 11) / 9007199254740992 AS u_a1,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 6), 11) / 9007199254740992 AS u_a2,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 7), 11) / 9007199254740992 AS u_user,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 8), 11) / 9007199254740992 AS u_reg,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 9), 11) / 9007199254740992 AS u_dev,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 10), 11) / 9007199254740992 AS u_bad,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 11), 11) / 9007199254740992 AS u_w1,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 12), 11) / 9007199254740992 AS u_w2,
                                            bitShiftRight(cityHash64(n, {seed:UInt64}, 13), 11) / 9007199254740992 AS u_lag,
                                            least({evergreen_count:UInt64}, toUInt64(floor(pow({evergreen_count:UInt64} + 1, u_rank)))) AS rank_e,
                                            least({fresh_count:UInt64}, toUInt64(floor(pow({fresh_count:UInt64} + 1, u_rank)))) AS rank_f,
                                            1 + ((rank_e - 1) * {video_perm:UInt64} + {video_offset:UInt64}) % {evergreen_count:UInt64} AS v_evergreen,
                                            {fresh_first:UInt64} + ((rank_f - 1) * {fresh_perm:UInt64} + {fresh_offset:UInt64}) % {fresh_count:UInt64} AS v_fresh
                                        FROM numbers_mt({from:UInt64}, {count:UInt64})
                                    )
                                )
                            )
                        )
                    )
                )
            )
        )
    )
)
