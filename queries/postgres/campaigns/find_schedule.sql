-- One scheduled report; another advertiser's is not found (404). Relies on the primary key.
-- @param id bigint
-- @param scope_advertiser_id bigint?
SELECT s.id, s.advertiser_id AS "advertiserId", s.campaign_id AS "campaignId", c.name AS "campaignName",
       s.frequency, s.format, s.recipients, s.paused, s.next_run_at AS "nextRunAt", s.last_run_at AS "lastRunAt",
       s.last_status AS "lastStatus", s.last_error AS "lastError", s.attempts, s.created_at AS "createdAt",
       a.timezone, a.currency
FROM report_schedules AS s
JOIN advertisers AS a ON a.id = s.advertiser_id
LEFT JOIN campaigns AS c ON c.id = s.campaign_id
WHERE s.id = :id
  AND (:scope_advertiser_id::bigint IS NULL OR s.advertiser_id = :scope_advertiser_id)
