-- Marks a migration applied. ClickHouse DDL is not transactional: every migration statement is
-- IF NOT EXISTS, so a migration interrupted before this row is simply run again.
INSERT INTO schema_migrations (version, name, checksum)
VALUES ({version:UInt32}, {name:String}, {checksum:String})
