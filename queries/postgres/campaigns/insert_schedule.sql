-- Creates a scheduled report; the service has found the campaign under the caller's scope and
-- computed the first 06:00 in the advertiser's timezone.
-- @param advertiser_id bigint
-- @param campaign_id bigint
-- @param frequency text
-- @param format text
-- @param recipients text[]
-- @param next_run_at timestamptz
-- @param created_by bigint
INSERT INTO report_schedules (advertiser_id, campaign_id, frequency, format, recipients, next_run_at, created_by)
VALUES (:advertiser_id, :campaign_id, :frequency, :format, :recipients, :next_run_at, :created_by)
RETURNING id
