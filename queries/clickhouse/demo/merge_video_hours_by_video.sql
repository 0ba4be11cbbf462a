-- After the demo's bulk load, the hourly tier sorted by video is merged into one part a month:
-- the trending panel reads a few hundred videos' rows from it, and each unmerged part of a bulk
-- load costs one more seek per video (docs/scale.md, "Trending"). Live ingest leaves this to the
-- engine's background merges.
OPTIMIZE TABLE video_stats_1h_by_video FINAL
