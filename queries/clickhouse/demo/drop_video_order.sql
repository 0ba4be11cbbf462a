-- Drops the demo load's scratch table (demo/create_video_order.sql): before a load, and once its
-- video events are written.
DROP TABLE IF EXISTS demo_video_order
