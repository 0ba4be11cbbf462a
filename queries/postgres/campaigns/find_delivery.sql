-- A delivery with what its send needs: the schedule, campaign and advertiser. Relies on the
-- primary keys.
-- @param id bigint
SELECT d.id, d.schedule_id AS "scheduleId", to_char(d.period_from, 'YYYY-MM-DD') AS "periodFrom",
       to_char(d.period_to, 'YYYY-MM-DD') AS "periodTo", d.attempts, d.trigger,
       s.advertiser_id AS "advertiserId", s.campaign_id AS "campaignId", s.format, s.recipients
FROM report_deliveries AS d
JOIN report_schedules AS s ON s.id = d.schedule_id
WHERE d.id = :id
