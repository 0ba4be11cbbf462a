-- The demo writes explicit ids into bigserial tables (moderation_cases, ingest_rejections), so the
-- sequences must move past them or the next case or rejection would collide with a demo row.
SELECT
  setval(pg_get_serial_sequence('moderation_cases', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM moderation_cases), false) AS moderation_cases,
  setval(pg_get_serial_sequence('ingest_rejections', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ingest_rejections), false) AS ingest_rejections
