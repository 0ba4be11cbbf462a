-- Deletes a console mute timing (primary key name); routes naming it are no longer muted by it.
-- @param name text
DELETE FROM mute_timings WHERE name = :name RETURNING name
