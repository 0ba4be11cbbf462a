-- Transactions from the ingest API: an upsert ordered by updated_at (a corrected amount replaces
-- the old one; a replayed or older row changes nothing). The user or advertiser was checked to
-- exist. :rows is a JSON array, one per id. Answers the ids written. Primary key.
-- @param rows jsonb
INSERT INTO transactions AS t (id, kind, amount_minor, currency, user_id, advertiser_id, occurred_at, created_at, updated_at)
SELECT r.id, r.kind, r.amount_minor, r.currency, r.user_id, r.advertiser_id, r.occurred_at,
       coalesce(r.created_at, r.updated_at), r.updated_at
FROM jsonb_to_recordset(:rows) AS r(id bigint, kind text, amount_minor bigint, currency text, user_id bigint,
                                    advertiser_id bigint, occurred_at timestamptz, created_at timestamptz,
                                    updated_at timestamptz)
ORDER BY r.id
ON CONFLICT (id) DO UPDATE
SET kind = excluded.kind, amount_minor = excluded.amount_minor, currency = excluded.currency, user_id = excluded.user_id,
    advertiser_id = excluded.advertiser_id, occurred_at = excluded.occurred_at, updated_at = excluded.updated_at
WHERE excluded.updated_at > t.updated_at
RETURNING t.id
