-- Hourly and daily revenue tiers (docs/revenue-tiers.md, issue 12): revenue_15m holds a row per
-- quarter-hour, kind and currency, so a long window read up to 96 rows a day per pair. revenue_1h
-- and revenue_1d hold the same sums per UTC hour and UTC day; a window reads whole hours and days
-- inside it and quarter-hours only at its edges and where a local day starts mid-hour or mid-day.
-- The same columns, types (amount_minor numeric since 054) and primary key as revenue_15m.
CREATE TABLE IF NOT EXISTS revenue_1h (LIKE revenue_15m INCLUDING ALL);
CREATE TABLE IF NOT EXISTS revenue_1d (LIKE revenue_15m INCLUDING ALL);

-- The transactions triggers now keep the three tiers in one statement: the changed rows (old rows
-- negated, new rows as they are; an upsert that moves a transaction nets out per bucket) are
-- summed per quarter-hour once, and the hour and day sums are taken from those. The statement
-- text is fixed: format() only picks which transition tables it reads (an INSERT trigger has no
-- old_rows, a DELETE trigger no new_rows).
CREATE OR REPLACE FUNCTION revenue_15m_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT occurred_at, kind, currency, amount_minor, 1 FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT occurred_at, kind, currency, -amount_minor, -1 FROM old_rows'
    ELSE 'SELECT occurred_at, kind, currency, -amount_minor, -1 FROM old_rows
          UNION ALL SELECT occurred_at, kind, currency, amount_minor, 1 FROM new_rows'
  END;
BEGIN
  EXECUTE format($sql$
    WITH q AS (
      SELECT date_bin('15 minutes', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, kind, currency,
             sum(amount_minor) AS amount_minor, sum(n)::bigint AS transactions
      FROM (%s) AS c (occurred_at, kind, currency, amount_minor, n)
      GROUP BY 1, 2, 3
    ), q_up AS (
      INSERT INTO revenue_15m AS r (bucket, kind, currency, amount_minor, transactions)
      SELECT bucket, kind, currency, amount_minor, transactions FROM q ORDER BY 1, 2, 3
      ON CONFLICT (bucket, kind, currency) DO UPDATE
      SET amount_minor = r.amount_minor + excluded.amount_minor, transactions = r.transactions + excluded.transactions
    ), h AS (
      SELECT date_bin('1 hour', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, kind, currency,
             sum(amount_minor) AS amount_minor, sum(transactions)::bigint AS transactions
      FROM q GROUP BY 1, 2, 3
    ), h_up AS (
      INSERT INTO revenue_1h AS r (bucket, kind, currency, amount_minor, transactions)
      SELECT bucket, kind, currency, amount_minor, transactions FROM h ORDER BY 1, 2, 3
      ON CONFLICT (bucket, kind, currency) DO UPDATE
      SET amount_minor = r.amount_minor + excluded.amount_minor, transactions = r.transactions + excluded.transactions
    )
    INSERT INTO revenue_1d AS r (bucket, kind, currency, amount_minor, transactions)
    SELECT date_bin('1 day', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, sum(amount_minor), sum(transactions)::bigint
    FROM h GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (bucket, kind, currency) DO UPDATE
    SET amount_minor = r.amount_minor + excluded.amount_minor, transactions = r.transactions + excluded.transactions
  $sql$, changes);
  RETURN NULL;
END
$$;

-- What is already stored: the coarser tiers from revenue_15m.
INSERT INTO revenue_1h (bucket, kind, currency, amount_minor, transactions)
SELECT date_bin('1 hour', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, sum(amount_minor), sum(transactions)
FROM revenue_15m GROUP BY 1, 2, 3
ON CONFLICT DO NOTHING;
INSERT INTO revenue_1d (bucket, kind, currency, amount_minor, transactions)
SELECT date_bin('1 day', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00'), kind, currency, sum(amount_minor), sum(transactions)
FROM revenue_1h GROUP BY 1, 2, 3
ON CONFLICT DO NOTHING;

-- A window [p_from, p_to) as the tier rows that make it up exactly (docs/revenue-tiers.md), each with
-- its label: the local day in p_tz of its quarter-hours (every IANA offset is a multiple of 15
-- minutes, so a quarter-hour never straddles two local days, DST days included) and whether it is
-- at or after p_split. A UTC hour whose four quarter-hours are in the window with one label is read
-- from revenue_1h, a UTC day whose 24 such hours share one label from revenue_1d, every other
-- quarter-hour from revenue_15m; each tier by primary key (bucket = ANY). So a window reads ~24 rows
-- a day per kind and currency (one in a zone at UTC+0), quarter-hours only at its edges and where a
-- local day starts mid-hour (+05:45, +05:30).
CREATE OR REPLACE FUNCTION revenue_pieces(p_from timestamptz, p_to timestamptz, p_tz text, p_split timestamptz)
RETURNS TABLE (day date, cur boolean, kind text, currency char(3), amount_minor numeric, transactions bigint)
LANGUAGE sql STABLE AS $$
  WITH q AS MATERIALIZED (
    SELECT b, (b AT TIME ZONE p_tz)::date AS day, b >= p_split AS cur,
           date_bin('1 hour', b, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hb
    FROM generate_series(date_bin('15 minutes', p_from, TIMESTAMPTZ '2000-01-01 00:00:00+00'), p_to - interval '1 microsecond',
                         interval '15 minutes') AS b
    WHERE b >= p_from
  ), h AS MATERIALIZED (
    SELECT hb, min(day) AS day, bool_and(cur) AS cur, date_bin('1 day', hb, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS db
    FROM q GROUP BY hb
    HAVING count(*) = 4 AND min(day) = max(day) AND bool_and(cur) = bool_or(cur)
  ), d AS MATERIALIZED (
    SELECT db
    FROM h GROUP BY db
    HAVING count(*) = 24 AND min(day) = max(day) AND bool_and(cur) = bool_or(cur)
  )
  -- Each tier row takes the label of its bucket's start: it was chosen because its quarter-hours
  -- all carry that label. No join: one index scan of the named buckets per tier.
  SELECT (r.bucket AT TIME ZONE p_tz)::date, r.bucket >= p_split, r.kind, r.currency, r.amount_minor, r.transactions
  FROM revenue_1d r
  WHERE r.bucket = ANY (ARRAY(SELECT db FROM d))
  UNION ALL
  SELECT (r.bucket AT TIME ZONE p_tz)::date, r.bucket >= p_split, r.kind, r.currency, r.amount_minor, r.transactions
  FROM revenue_1h r
  WHERE r.bucket = ANY (ARRAY(SELECT hb FROM h WHERE db NOT IN (SELECT db FROM d)))
  UNION ALL
  SELECT (r.bucket AT TIME ZONE p_tz)::date, r.bucket >= p_split, r.kind, r.currency, r.amount_minor, r.transactions
  FROM revenue_15m r
  WHERE r.bucket = ANY (ARRAY(SELECT b FROM q WHERE hb NOT IN (SELECT hb FROM h)))
$$;
