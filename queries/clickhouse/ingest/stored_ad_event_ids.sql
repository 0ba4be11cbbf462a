-- Which of a batch's event ids ad_events already holds (docs/ingest-dedup.md), among the rows
-- whose event time lies in [from, to]: the span of the incoming rows, clipped to the dedup
-- horizon. The time range prunes partitions and parts by their min/max ts; event_id is
-- read only there. Runs under the per-table dedup lock, just before the new rows are inserted.
-- ingest_token says which insert stored the row (020_event_ingest_token).
SELECT DISTINCT toString(event_id) AS id, ingest_token AS token
FROM ad_events
WHERE ts >= {from:DateTime64(3, 'UTC')}
  AND ts <= {to:DateTime64(3, 'UTC')}
  AND event_id IN {ids:Array(UUID)}
