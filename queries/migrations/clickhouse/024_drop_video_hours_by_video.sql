-- The hourly per-video tier sorted by video (015, 019) is dropped (docs/demo-load.md, "Session 15"):
-- the video page and trending's few candidate videos read video_stats_15m_by_video (023) instead,
-- sorted the same way (video, then bucket, 256-row granules). At the density the console is built
-- for (~1.7 events per video a day) an hour row held little more than a quarter-hour row (19.4M rows
-- against 24.7M on the large demo), so the table cost nearly a raw insert's worth of writing and
-- merging for reads that the quarter-hour table answers from the same granules. The bucket-first
-- tiers (video_stats_1h, video_stats_1d) stay: the panels that rank every video read them.
DROP VIEW IF EXISTS video_stats_1h_by_video_mv;

DROP TABLE IF EXISTS video_stats_1h_by_video;
