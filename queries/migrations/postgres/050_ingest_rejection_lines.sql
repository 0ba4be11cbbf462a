-- Hardening (docs/hardening.md): a batch stores at most INGEST_STORED_REJECTIONS rejected lines
-- one by one; the rest of its rejections are one row per reason and field carrying how many lines
-- it stands for. Every existing row stands for one line.
ALTER TABLE ingest_rejections ADD COLUMN IF NOT EXISTS lines integer NOT NULL DEFAULT 1 CHECK (lines >= 1);
