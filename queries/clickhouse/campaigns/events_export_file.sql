-- The event-level export written by the embedded engine to a file (docs/export-files.md): the same
-- columns (in the engine's own types), order, formula neutralisation and bytes as
-- campaigns/events_export.sql, but the scope (advertiser, campaign, window, time zone, currency)
-- is read from export_scopes by the export's
-- id as scalar subqueries, which the engine evaluates first and uses as constants: the key
-- (advertiser_id, campaign_id, ts, event_id) still narrows the read and the rows are read in key
-- order (EXPLAIN indexes = 1: PrimaryKey on advertiser_id, campaign_id, ts; Read type InOrder). No
-- parameters on purpose: chDB runs parameterized statements one at a time process-wide, and this
-- one lasts the whole file. __EXPORT_ID__ (the server-made UUID, checked against a UUID pattern)
-- and __EXPORT_FILE__ (DATA_DIR/tmp/<id>.csv, quoted) are the only text server/db/stores.ts replaces.
SELECT
    event_id AS event_id_text,
    ts AS ts_utc,
    toDate(ts, (SELECT tz FROM export_scopes WHERE id = '__EXPORT_ID__')) AS date,
    toDateTime(ts, (SELECT tz FROM export_scopes WHERE id = '__EXPORT_ID__')) AS local_time,
    type,
    campaign_id,
    user_id,
    replaceRegexpOne(region, '^([=+@\t\r-])', '''\\1') AS region,
    replaceRegexpOne(device, '^([=+@\t\r-])', '''\\1') AS device,
    cost_micros,
    conversion_value_micros,
    play_ms,
    (SELECT currency FROM export_scopes WHERE id = '__EXPORT_ID__') AS currency
FROM ad_events
WHERE advertiser_id = (SELECT advertiser_id FROM export_scopes WHERE id = '__EXPORT_ID__')
  AND campaign_id = (SELECT campaign_id FROM export_scopes WHERE id = '__EXPORT_ID__')
  AND ts >= (SELECT from_ts FROM export_scopes WHERE id = '__EXPORT_ID__')
  AND ts < (SELECT to_ts FROM export_scopes WHERE id = '__EXPORT_ID__')
ORDER BY ts, event_id
INTO OUTFILE '__EXPORT_FILE__' FORMAT CSV
