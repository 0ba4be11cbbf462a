-- Scheduled reports (README#campaigns), scoped like campaigns: an advertiser's own (scope_advertiser_id
-- from the session) or all; optionally one campaign's. Relies on report_schedules' primary key
-- (a handful of rows per advertiser).
-- @param scope_advertiser_id bigint?
-- @param campaign_id bigint?
SELECT s.id, s.advertiser_id AS "advertiserId", s.campaign_id AS "campaignId", c.name AS "campaignName",
       s.frequency, s.format, s.recipients, s.paused, s.next_run_at AS "nextRunAt", s.last_run_at AS "lastRunAt",
       s.last_status AS "lastStatus", s.last_error AS "lastError", s.attempts, s.created_at AS "createdAt",
       a.timezone, a.currency
FROM report_schedules AS s
JOIN advertisers AS a ON a.id = s.advertiser_id
LEFT JOIN campaigns AS c ON c.id = s.campaign_id
WHERE (:scope_advertiser_id::bigint IS NULL OR s.advertiser_id = :scope_advertiser_id)
  AND (:campaign_id::bigint IS NULL OR s.campaign_id = :campaign_id)
ORDER BY s.id
