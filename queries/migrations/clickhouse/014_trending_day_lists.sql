-- Trending without grouping every video of the window (docs/scale.md, "Trending"). For each past
-- UTC day, the top videos by views of that day are kept as a list, with the views of its last
-- entry (the threshold: a video not on the list had at most that many views that day). A window
-- ranks the union of its days' lists exactly, and the answer is proven complete when the last
-- video shown has more views than all the thresholds of those days together could give a video
-- on none of the lists; otherwise the panel groups every video as before. Lists are made on
-- demand and are valid while their day has not changed since: every insert into the daily tier
-- records the time in video_day_changes.

CREATE TABLE IF NOT EXISTS video_day_changes
(
    bucket      DateTime('UTC'),
    changed_at  SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS video_day_changes_mv TO video_day_changes AS
SELECT
    video_stats_1d.bucket AS bucket,
    max(now64(3, 'UTC')) AS changed_at
FROM video_stats_1d
GROUP BY bucket;

-- Days already in the store count as changed now: their lists are made at first use.
INSERT INTO video_day_changes (bucket, changed_at)
SELECT bucket, now64(3, 'UTC') FROM video_stats_1d GROUP BY bucket;

-- A day's list, one row per video; a newer version of a video's row replaces an older one when
-- parts merge, so readers take the rows of the version they read and newer (a superset of it).
CREATE TABLE IF NOT EXISTS video_day_top
(
    bucket      DateTime('UTC'),
    version     DateTime64(3, 'UTC'),
    video_id    UInt64,
    views       UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket)
ORDER BY (bucket, video_id);

-- Written after the list's rows: a list is used only once its threshold is here.
CREATE TABLE IF NOT EXISTS video_day_top_meta
(
    bucket      DateTime('UTC'),
    version     DateTime64(3, 'UTC'),
    threshold   UInt64,
    listed      UInt32
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket)
ORDER BY bucket;
