-- The event-level export of a campaign (docs/exports.md): every impression, click, conversion
-- and view event in [from, to), in the export's column order, in one query read as the engine
-- writes it (CSV, RFC 4180, CRLF via the caller's settings; or JSONCompactEachRow for XLSX) and
-- streamed chunk by chunk. Text cells from ingest (region, device) that start with = + - @ tab
-- or CR are prefixed with a quote against formula injection (replaceRegexpOne on the
-- LowCardinality column: applied to its dictionary, not to every row). Relies on the ad_events sort key
-- (advertiser_id, campaign_id, ts, event_id): the rows are read in key order, no sort.
-- The id, date, local time and type are the engine's own types (UUID, Date, DateTime in the time
-- zone, Enum), not strings made first: their CSV and JSON text is the same as toString's and
-- formatDateTime's (event times lie within ingest's window, inside DateTime's range), and the
-- engine writes them with less work (docs/export-files.md, "Session 10").
SELECT
    event_id AS event_id_text,
    ts AS ts_utc,
    toDate(ts, {tz:String}) AS date,
    toDateTime(ts, {tz:String}) AS local_time,
    type,
    campaign_id,
    user_id,
    replaceRegexpOne(region, '^([=+@\t\r-])', '''\\1') AS region,
    replaceRegexpOne(device, '^([=+@\t\r-])', '''\\1') AS device,
    cost_micros,
    conversion_value_micros,
    play_ms,
    {currency:String} AS currency
FROM ad_events
WHERE advertiser_id = {advertiser_id:UInt64}
  AND campaign_id = {campaign_id:UInt64}
  AND ts >= {from:DateTime64(3, 'UTC')}
  AND ts < {to:DateTime64(3, 'UTC')}
ORDER BY ts, event_id
