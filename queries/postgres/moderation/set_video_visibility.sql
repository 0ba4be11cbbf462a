-- A decision changes the video's visibility (DESIGN §7). Primary key update.
-- @param id bigint
-- @param visibility text
UPDATE videos SET visibility = :visibility, updated_at = now() WHERE id = :id
