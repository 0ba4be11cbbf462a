-- Demo video events, pass 1 of 2 (docs/demo-load.md, "Time-ordered video events"): rows {from}..{from}+{count}-1
-- of the stream, when each happens and which video it is (the formulas of stages 1 and 2, which
-- video_events.sql used to compute itself), into the load's scratch table demo_video_order
-- (demo/create_video_order.sql), sorted by time. Pass 2 (video_events.sql) then reads the rows
-- a time window at a time and draws the rest of each event from the same n: the rows are the ones
-- the single pass wrote, but each insert block covers hours instead of the whole month, so the
-- per-video rollups' views group fewer keys and write fewer rows.
--
-- Row n is, by its range: [0, base) the base stream, then {boost} views of the collapsing video
-- in [drop_from - 60 min, drop_from), then {trickle} views of it in [drop_from, now) (incident b),
-- then the orphans: events of videos that do not exist (orphan_videos ids from orphan_first, last
-- 3 days; incident d). Randomness: cityHash64(n, seed, k).
--
-- Base stream: two popularity pools, each ranked by r = floor((size+1)^u) (log-uniform: Zipf
-- with exponent 1, the top 20 take about a quarter), a rank mapping to a video id by a
-- permutation. Evergreen: videos uploaded before lo, viewed uniformly over [lo, now) (65%). Fresh:
-- videos uploaded since lo - 10 days, viewed at upload + Gamma(2, 1.5 d), a rise and decay, so
-- something is always trending (35%; a fresh view that would fall outside [lo, now) goes to the
-- evergreen pool, which keeps the daily volume flat). Daily cycle: the time warp
-- t + A*sin(2*pi*t/day - 2*pi/3) peaks at 20:00 UTC (3x the 08:00 trough). Base events of the
-- collapsing video from drop_from on go to remap_video instead. Video v was uploaded at
-- videos_start + (v-1)*video_span/videos (shared with PostgreSQL's videos.sql).
-- No merges in the scratch table (max_bytes_to_merge_at_max_space_in_pool = 1): pass 2 reads a
-- time range of each part by its primary key, and the table is dropped after the load.
-- short_circuit_function_evaluation = 'disable': the multiIfs below computed lazily, branch by
-- branch, took ~5x the CPU of the whole SELECT computed eagerly (docs/demo-load.md, "Session 16").
-- os_threads_nice_value_query / _materialized_view = 10: as in video_events.sql (PGlite's thread first).
INSERT INTO demo_video_order (ts_ms, n, v, section)
SETTINGS max_insert_threads = 2, min_insert_block_size_rows = 1000000, short_circuit_function_evaluation = 'disable', os_threads_nice_value_query = 10, os_threads_nice_value_materialized_view = 10
SELECT ts_ms, n, v, section
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
                        bitShiftRight(cityHash64(n, {seed:UInt64}, 2), 11) / 9007199254740992 AS u_fresh,
                        bitShiftRight(cityHash64(n, {seed:UInt64}, 3), 11) / 9007199254740992 AS u_rank,
                        bitShiftRight(cityHash64(n, {seed:UInt64}, 4), 11) / 9007199254740992 AS u_t,
                        bitShiftRight(cityHash64(n, {seed:UInt64}, 5), 11) / 9007199254740992 AS u_a1,
                        bitShiftRight(cityHash64(n, {seed:UInt64}, 6), 11) / 9007199254740992 AS u_a2,
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
