-- Event dedup across consoles sharing this PostgreSQL (docs/ingest-dedup.md): the check of a
-- batch's event ids against ClickHouse and the insert of the new ones run under this
-- transaction-level advisory lock, one key per event table, so no two consoles check and insert
-- the same table at once. Released at COMMIT or ROLLBACK, and when a console dies (its
-- connection closes). Keys are constants of this product ('pulse-dedup-video'/'-ad').
-- @coverage postgres-server (only a console on a PostgreSQL server takes it: test/run.ts)
-- @param key bigint
SELECT pg_advisory_xact_lock(:key)
