-- Smaller compressed blocks for the by-video hourly tier (docs/scale.md, "Trending"). Trending reads
-- a few hundred videos' rows from it, ~1-2 granules of 256 rows each, spread over the whole table:
-- with the default blocks (64 kB to 1 MB) every such granule decompressed a block of ~8,000 rows
-- per column, ~30 times the rows asked. Blocks of 4-16 kB hold ~500-2,000 rows. The stored parts
-- are written again (FINAL) so that what the table already holds reads the same way; new parts
-- and merges use the setting.
ALTER TABLE video_stats_1h_by_video MODIFY SETTING min_compress_block_size = 4096, max_compress_block_size = 16384;

OPTIMIZE TABLE video_stats_1h_by_video FINAL;
