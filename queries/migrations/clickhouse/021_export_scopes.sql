-- The scope of an event export the embedded engine writes to a file (docs/export-files.md): the
-- console inserts the campaign, window, time zone and currency here with bound parameters under a
-- server-made id, and the file-writing statement reads them back as scalar subqueries, so that
-- statement carries no parameters (chDB runs parameterized statements one at a time in the whole
-- process; an unbound one runs beside them). One row per running export, deleted when it ends;
-- a Memory table, empty again after a restart. Read by id only (a few rows at a time).
CREATE TABLE IF NOT EXISTS export_scopes (
    id String,
    advertiser_id UInt64,
    campaign_id UInt64,
    from_ts DateTime64(3, 'UTC'),
    to_ts DateTime64(3, 'UTC'),
    tz String,
    currency String
) ENGINE = Memory
