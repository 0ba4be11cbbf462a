-- The campaigns page (docs/architecture.md#roles): an advertiser's own campaigns (advertiser_id set from the
-- session), or every campaign for admins and analysts (advertiser_id NULL, or their filter).
-- Relies on campaigns_advertiser_idx.
-- @param advertiser_id bigint?
SELECT c.id, c.advertiser_id AS "advertiserId", a.name AS "advertiserName", c.name, c.objective, c.status,
       c.budget_micros AS "budgetMicros", c.bid_micros AS "bidMicros",
       to_char(c.start_date, 'YYYY-MM-DD') AS "startDate", to_char(c.end_date, 'YYYY-MM-DD') AS "endDate",
       a.timezone, a.currency
FROM campaigns AS c
JOIN advertisers AS a ON a.id = c.advertiser_id
WHERE (:advertiser_id::bigint IS NULL OR c.advertiser_id = :advertiser_id)
ORDER BY (c.status = 'active') DESC, c.start_date DESC, c.id DESC
LIMIT 5000
