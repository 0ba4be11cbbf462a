-- Follows gained per creator and UTC hour (docs/scale.md, "What each panel reads"): top creators
-- ranks by followers at the window's end, the running total less the follows after it. The part
-- of that end's UTC day after it was read from follows row by row (up to a day of the platform's
-- follows, ~100k on the large demo) and so was each top creator's growth at the window's edges;
-- now whole hours come from here and only the quarter-hours before the first hour from follows.
-- Kept by the same statement-level trigger as creator_follows_daily (one upsert per statement).
CREATE TABLE IF NOT EXISTS creator_follows_hourly (
  creator_id  bigint NOT NULL,
  hour        timestamptz NOT NULL,
  follows     bigint NOT NULL,
  PRIMARY KEY (creator_id, hour)
);
-- The follows after a window's end, by hour and by day, with the counts: read from the index
-- alone once the pages are all-visible (vacuumed), instead of one heap page per row.
CREATE INDEX IF NOT EXISTS creator_follows_hourly_hour_idx ON creator_follows_hourly (hour, creator_id) INCLUDE (follows);
DROP INDEX IF EXISTS creator_follows_daily_day_idx;
CREATE INDEX IF NOT EXISTS creator_follows_daily_day_idx ON creator_follows_daily (day, creator_id) INCLUDE (follows);

CREATE OR REPLACE FUNCTION creator_follows_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO creator_followers AS c (creator_id, followers)
    SELECT followee_id, count(*) FROM new_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (creator_id) DO UPDATE SET followers = c.followers + excluded.followers;
    INSERT INTO creator_follows_daily AS d (creator_id, day, follows)
    SELECT followee_id, (created_at AT TIME ZONE 'UTC')::date, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (creator_id, day) DO UPDATE SET follows = d.follows + excluded.follows;
    INSERT INTO creator_follows_hourly AS h (creator_id, hour, follows)
    SELECT followee_id, date_bin('1 hour', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (creator_id, hour) DO UPDATE SET follows = h.follows + excluded.follows;
  ELSE
    INSERT INTO creator_followers AS c (creator_id, followers)
    SELECT followee_id, -count(*) FROM old_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (creator_id) DO UPDATE SET followers = c.followers + excluded.followers;
    INSERT INTO creator_follows_daily AS d (creator_id, day, follows)
    SELECT followee_id, (created_at AT TIME ZONE 'UTC')::date, -count(*) FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (creator_id, day) DO UPDATE SET follows = d.follows + excluded.follows;
    INSERT INTO creator_follows_hourly AS h (creator_id, hour, follows)
    SELECT followee_id, date_bin('1 hour', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), -count(*) FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (creator_id, hour) DO UPDATE SET follows = h.follows + excluded.follows;
  END IF;
  RETURN NULL;
END
$$;

-- What follows held before.
INSERT INTO creator_follows_hourly (creator_id, hour, follows)
SELECT followee_id, date_bin('1 hour', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM follows GROUP BY 1, 2
ON CONFLICT DO NOTHING;
