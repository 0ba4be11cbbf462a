-- Before a password is checked: the seconds this account+address pair and this address must still
-- wait (0 when neither is held back). Relies on login_throttle's primary key (scope, key).
-- @param pair_key text
-- @param ip_key text
-- @param at timestamptz
SELECT coalesce(max(ceil(extract(epoch FROM blocked_until - :at))), 0)::int AS "waitSeconds",
       coalesce(bool_or(scope = 'ip'), false) AS "byAddress"
FROM login_throttle
WHERE ((scope = 'account_ip' AND key = :pair_key) OR (scope = 'ip' AND key = :ip_key))
  AND blocked_until > :at
