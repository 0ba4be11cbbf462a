-- One page of the event-level export (README#campaigns): every impression, click, conversion and view
-- event of a campaign in [from, to), after the keyset cursor (ts, event_id) (the first page starts 1 ms before from), in the export's
-- column order. Paged by key because chDB buffers a whole result (docs/architecture.md#engine-notes: 5M rows grew RSS
-- ~700 MB in one result); a page is LIMIT rows. Read as CSV (the engine writes RFC 4180) or
-- JSONCompactEachRow (for XLSX). Text cells from ingest (region, device) that start with = + - @
-- tab or CR are prefixed with a quote against formula injection. Relies on the ad_events sort key
-- (advertiser_id, campaign_id, ts, event_id): the cursor is a key prefix.
SELECT
    toString(event_id) AS event_id_text,
    ts AS ts_utc,
    toString(toDate(ts, {tz:String})) AS date,
    formatDateTime(ts, '%Y-%m-%d %H:%i:%S', {tz:String}) AS local_time,
    toString(type) AS type,
    campaign_id,
    user_id,
    if(substring(region, 1, 1) IN ('=', '+', '-', '@', '\t', '\r'), concat('''', region), region) AS region,
    if(substring(device, 1, 1) IN ('=', '+', '-', '@', '\t', '\r'), concat('''', device), device) AS device,
    cost_micros,
    conversion_value_micros,
    play_ms,
    {currency:String} AS currency
FROM ad_events
WHERE advertiser_id = {advertiser_id:UInt64}
  AND campaign_id = {campaign_id:UInt64}
  AND ts >= {from:DateTime64(3, 'UTC')}
  AND ts < {to:DateTime64(3, 'UTC')}
  AND ts >= {after_ts:DateTime64(3, 'UTC')}
  AND (ts, event_id) > ({after_ts:DateTime64(3, 'UTC')}, {after_id:UUID})
ORDER BY ts, event_id
LIMIT {limit:UInt32}
