-- Marks a trending day list complete, with its threshold: the views of its last entry when the
-- list is full (a video not on it had at most that many that day), else 0 (every video is on it).
INSERT INTO video_day_top_meta (bucket, version, threshold, listed)
VALUES (toDateTime({day:DateTime64(3, 'UTC')}, 'UTC'), fromUnixTimestamp64Milli({version_ms:Int64}, 'UTC'), {threshold:UInt64}, {listed:UInt32})
