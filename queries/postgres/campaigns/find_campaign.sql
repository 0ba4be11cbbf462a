-- One campaign with its advertiser's timezone and currency. scope_advertiser_id is the session's
-- advertiser (NULL for admins and analysts): another advertiser's campaign is not found (404,
-- docs/architecture.md#roles). Relies on the campaigns primary key.
-- @param id bigint
-- @param scope_advertiser_id bigint?
SELECT c.id, c.advertiser_id AS "advertiserId", a.name AS "advertiserName", c.name, c.objective, c.status,
       c.budget_micros AS "budgetMicros", c.bid_micros AS "bidMicros",
       to_char(c.start_date, 'YYYY-MM-DD') AS "startDate", to_char(c.end_date, 'YYYY-MM-DD') AS "endDate",
       a.timezone, a.currency
FROM campaigns AS c
JOIN advertisers AS a ON a.id = c.advertiser_id
WHERE c.id = :id
  AND (:scope_advertiser_id::bigint IS NULL OR c.advertiser_id = :scope_advertiser_id)
