-- Advertisers for the campaigns page's filter: all for admins and analysts (advertiser_id NULL),
-- only its own for an advertiser. Relies on the advertisers primary key.
-- @param advertiser_id bigint?
SELECT id, name, timezone, currency
FROM advertisers
WHERE (:advertiser_id::bigint IS NULL OR id = :advertiser_id)
ORDER BY name, id
