-- Silences in force at a time, applied by the routing flush.
-- @param at timestamptz
SELECT id, matchers FROM silences WHERE starts_at <= :at AND ends_at > :at
