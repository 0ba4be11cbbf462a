-- Row count of an event-level export, sent ahead as X-Total-Rows so the page can show progress.
-- Relies on the ad_events sort key (advertiser_id, campaign_id, ts, event_id).
SELECT count() AS n
FROM ad_events
WHERE advertiser_id = {advertiser_id:UInt64}
  AND campaign_id = {campaign_id:UInt64}
  AND ts >= {from:DateTime64(3, 'UTC')}
  AND ts < {to:DateTime64(3, 'UTC')}
