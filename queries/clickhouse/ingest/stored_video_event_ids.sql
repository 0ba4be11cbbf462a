-- Which of a batch's event ids video_events already holds (docs/ingest-dedup.md), among the rows
-- whose event time lies in [from, to]: the span of the incoming rows, clipped to the dedup
-- horizon. The time range prunes partitions and the sort key (its 15-minute bucket prefix); event_id is
-- read only there. Runs under the per-table dedup lock, just before the new rows are inserted.
-- ingest_token says which insert stored the row (020_event_ingest_token).
-- The ids come as one string, one UUID a line, read by format(TSV): measured on chDB, an
-- Array(UUID) parameter costs far more than linearly (10,000 ids ~0.3-0.6 s; 100,000 in one
-- array took 709 s under load), the TSV string ~0.5 s for 100,000 (bench/README.md).
SELECT DISTINCT toString(event_id) AS id, ingest_token AS token
FROM video_events
WHERE ts >= {from:DateTime64(3, 'UTC')}
  AND ts <= {to:DateTime64(3, 'UTC')}
  AND event_id IN (SELECT id FROM format(TSV, 'id UUID', {ids:String}))
