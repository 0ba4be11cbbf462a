-- Hardening (docs/hardening.md): /api/health writes one row per console instance and reads it
-- back, so "ok" means PostgreSQL both stores and answers, not only that it takes a `SELECT 1`.
CREATE TABLE IF NOT EXISTS health_probes (
  instance  text PRIMARY KEY,
  at        timestamptz NOT NULL
);
