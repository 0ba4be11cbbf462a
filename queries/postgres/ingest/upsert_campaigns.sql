-- Campaigns from the ingest API: an upsert ordered by updated_at (a replayed or older row never
-- overwrites newer data). The advertiser was checked to exist. :rows is a JSON array, one per id.
-- Answers the ids written. Primary key.
-- @param rows jsonb
INSERT INTO campaigns AS t (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date, end_date,
                            created_at, updated_at)
SELECT r.id, r.advertiser_id, r.name, r.objective, r.status, r.budget_micros, r.bid_micros, r.start_date, r.end_date,
       coalesce(r.created_at, r.updated_at), r.updated_at
FROM jsonb_to_recordset(:rows) AS r(id bigint, advertiser_id bigint, name text, objective text, status text,
                                    budget_micros bigint, bid_micros bigint, start_date date, end_date date,
                                    created_at timestamptz, updated_at timestamptz)
ORDER BY r.id
ON CONFLICT (id) DO UPDATE
SET advertiser_id = excluded.advertiser_id, name = excluded.name, objective = excluded.objective, status = excluded.status,
    budget_micros = excluded.budget_micros, bid_micros = excluded.bid_micros, start_date = excluded.start_date,
    end_date = excluded.end_date, updated_at = excluded.updated_at
WHERE excluded.updated_at > t.updated_at
RETURNING t.id
