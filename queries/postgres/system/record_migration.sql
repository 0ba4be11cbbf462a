-- Marks a migration applied, in the same transaction as the migration itself.
-- @param version int
-- @param name text
-- @param checksum text
INSERT INTO schema_migrations (version, name, checksum) VALUES (:version, :name, :checksum)
