-- Rejected ingest rows (README "Ingest API"; docs/metrics.md, data quality): a truncated sample per
-- rejected line so the data-quality panels can show rejected rows by stream and reason over time.
CREATE TABLE IF NOT EXISTS ingest_rejections (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  stream      text NOT NULL,
  reason      text NOT NULL,
  field       text,
  sample      text NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS ingest_rejections_at_idx ON ingest_rejections (at, stream);

-- A retried batch with the same Idempotency-Key counts once (README "Ingest API").
CREATE TABLE IF NOT EXISTS ingest_batches (
  idempotency_key  text NOT NULL,
  stream           text NOT NULL,
  response         jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream, idempotency_key)
);
