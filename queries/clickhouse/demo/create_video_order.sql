-- The demo load's scratch table of video events in time order (video_order.sql writes it, video_events.sql reads
-- it a time window at a time; docs/demo-load.md, "Time-ordered video events"). Dropped and made
-- again at the start of each load (demo/drop_video_order.sql), so an interrupted load leaves no
-- rows for the next. Never merged: pass 2 reads each part's time range by the primary key. On a
-- ClickHouse server it is a plain table on the node the console talks to (not ON CLUSTER).
CREATE TABLE demo_video_order
(
    ts_ms    Int64,
    n        UInt64,
    v        UInt64,
    section  UInt8
)
ENGINE = MergeTree
ORDER BY ts_ms
SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1
