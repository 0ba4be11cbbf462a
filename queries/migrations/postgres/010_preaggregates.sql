-- Pre-aggregates of the PostgreSQL facts, kept as rows change (docs/scale.md), so the revenue
-- and top-creator panels do not count every transaction or follow on each request.
-- Statement-level triggers with transition tables: one aggregated upsert per statement, so a
-- bulk insert (the demo load, a 100,000-line ingest batch) pays once, not once per row.

-- Revenue per 15-minute bucket (UTC-aligned), kind and currency: any local day in any IANA zone
-- is a whole number of these buckets. `transactions` counts the rows behind each figure, so a
-- bucket whose transactions all moved away reads as absent.
CREATE TABLE IF NOT EXISTS revenue_15m (
  bucket        timestamptz NOT NULL,
  kind          text NOT NULL,
  currency      char(3) NOT NULL,
  amount_minor  bigint NOT NULL,
  transactions  bigint NOT NULL,
  PRIMARY KEY (bucket, kind, currency)
);

CREATE OR REPLACE FUNCTION revenue_15m_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO revenue_15m AS r (bucket, kind, currency, amount_minor, transactions)
    SELECT date_bin('15 minutes', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, -sum(amount_minor), -count(*)
    FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (bucket, kind, currency) DO UPDATE
    SET amount_minor = r.amount_minor + excluded.amount_minor, transactions = r.transactions + excluded.transactions;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO revenue_15m AS r (bucket, kind, currency, amount_minor, transactions)
    SELECT date_bin('15 minutes', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, sum(amount_minor), count(*)
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (bucket, kind, currency) DO UPDATE
    SET amount_minor = r.amount_minor + excluded.amount_minor, transactions = r.transactions + excluded.transactions;
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER transactions_revenue_15m_ins AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION revenue_15m_apply();
CREATE OR REPLACE TRIGGER transactions_revenue_15m_upd AFTER UPDATE ON transactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION revenue_15m_apply();
CREATE OR REPLACE TRIGGER transactions_revenue_15m_del AFTER DELETE ON transactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION revenue_15m_apply();

-- Followers per creator: the running total, and the follows gained per UTC day. Top creators
-- ranks by the total less the follows after the window's end (few, for a recent window).
CREATE TABLE IF NOT EXISTS creator_followers (
  creator_id  bigint PRIMARY KEY,
  followers   bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS creator_followers_rank_idx ON creator_followers (followers DESC, creator_id);

CREATE TABLE IF NOT EXISTS creator_follows_daily (
  creator_id  bigint NOT NULL,
  day         date NOT NULL,
  follows     bigint NOT NULL,
  PRIMARY KEY (creator_id, day)
);
CREATE INDEX IF NOT EXISTS creator_follows_daily_day_idx ON creator_follows_daily (day, creator_id);
-- The follows after a window's end inside its last UTC day.
CREATE INDEX IF NOT EXISTS follows_created_idx ON follows (created_at);

CREATE OR REPLACE FUNCTION creator_follows_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO creator_followers AS c (creator_id, followers)
    SELECT followee_id, count(*) FROM new_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (creator_id) DO UPDATE SET followers = c.followers + excluded.followers;
    INSERT INTO creator_follows_daily AS d (creator_id, day, follows)
    SELECT followee_id, (created_at AT TIME ZONE 'UTC')::date, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (creator_id, day) DO UPDATE SET follows = d.follows + excluded.follows;
  ELSE
    INSERT INTO creator_followers AS c (creator_id, followers)
    SELECT followee_id, -count(*) FROM old_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (creator_id) DO UPDATE SET followers = c.followers + excluded.followers;
    INSERT INTO creator_follows_daily AS d (creator_id, day, follows)
    SELECT followee_id, (created_at AT TIME ZONE 'UTC')::date, -count(*) FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (creator_id, day) DO UPDATE SET follows = d.follows + excluded.follows;
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER follows_creator_ins AFTER INSERT ON follows
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION creator_follows_apply();
CREATE OR REPLACE TRIGGER follows_creator_del AFTER DELETE ON follows
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION creator_follows_apply();

-- What the tables held before the triggers existed.
INSERT INTO revenue_15m (bucket, kind, currency, amount_minor, transactions)
SELECT date_bin('15 minutes', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, sum(amount_minor), count(*)
FROM transactions GROUP BY 1, 2, 3
ON CONFLICT DO NOTHING;
INSERT INTO creator_followers (creator_id, followers)
SELECT followee_id, count(*) FROM follows GROUP BY 1
ON CONFLICT DO NOTHING;
INSERT INTO creator_follows_daily (creator_id, day, follows)
SELECT followee_id, (created_at AT TIME ZONE 'UTC')::date, count(*) FROM follows GROUP BY 1, 2
ON CONFLICT DO NOTHING;
