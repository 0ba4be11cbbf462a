-- stored_ad_event_ids.sql on the embedded engine: the same question, the batch's ids read from a
-- file the console wrote under DATA_DIR/tmp (one UUID a line; ChStore.rowsWithFile), not from a
-- String parameter. chDB escapes a parameter in JavaScript one character at a time on the main
-- thread (~70-150 ms for the 3.7 MB of 100,000 ids) and the engine unescapes it again; a file
-- costs neither (docs/ingest-speed.md, session 10).
SELECT DISTINCT toString(event_id) AS id, ingest_token AS token
FROM ad_events
WHERE ts >= {from:DateTime64(3, 'UTC')}
  AND ts <= {to:DateTime64(3, 'UTC')}
  AND event_id IN (SELECT id FROM file({file:String}, TSV, 'id UUID'))
