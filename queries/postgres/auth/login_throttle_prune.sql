-- Forgets throttle rows a day after their last failure (after a failed sign-in, so the table stays
-- the size of the last day's failures). Relies on login_throttle_last_failure_idx.
-- @param at timestamptz
DELETE FROM login_throttle WHERE last_failure_at < :at - interval '1 day' AND (blocked_until IS NULL OR blocked_until < :at)
