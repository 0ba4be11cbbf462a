-- A successful sign-in clears its account+address pair (the address's budget is kept: a correct
-- password does not refund an address that sprayed others). Relies on the primary key.
-- @param pair_key text
DELETE FROM login_throttle WHERE scope = 'account_ip' AND key = :pair_key
