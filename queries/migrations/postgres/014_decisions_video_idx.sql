-- A video's moderation decisions (the video page) by index: they were found by a scan of every
-- decision (0.3-0.4 s on the large demo's 200k decisions, for each video page).
CREATE INDEX IF NOT EXISTS moderation_decisions_video_idx ON moderation_decisions (video_id, decided_at, id);
