-- Logout: the session row goes. Primary key.
-- @param id_hash text
DELETE FROM sessions WHERE id_hash = :id_hash
