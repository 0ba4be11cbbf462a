-- The raw engine's own CSV of the export statement for `npm run bench -- export`: its whole result in
-- one query, written by the engine to the file {out} (a 5M-row result is larger than a JS string may
-- be). The line below the SELECT is replaced by the text of queries/clickhouse/campaigns/events_export.sql.
INSERT INTO FUNCTION file({out:String}, 'CSV')
SELECT * FROM (
-- @statement campaigns/events_export
)
