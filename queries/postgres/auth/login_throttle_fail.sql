-- A failed sign-in, counted atomically for every console on this PostgreSQL (docs/hardening.md#sign-in):
-- the account+address pair waits 2^(n-1) seconds after its n-th failure, at most :cap_seconds; a pair
-- idle for :window_seconds starts over. The address counts failures in a window opened by its first
-- one; from the :ip_budget-th it waits until the window ends. Relies on the primary key (scope, key).
-- @param pair_key text
-- @param ip_key text
-- @param at timestamptz
-- @param cap_seconds int
-- @param ip_budget int
-- @param window_seconds int
WITH pair AS (
  INSERT INTO login_throttle AS t (scope, key, failures, first_failure_at, last_failure_at, blocked_until)
  VALUES ('account_ip', :pair_key, 1, :at, :at, :at + make_interval(secs => least(:cap_seconds, 1)))
  ON CONFLICT (scope, key) DO UPDATE SET
    failures = CASE WHEN t.last_failure_at <= :at - make_interval(secs => :window_seconds) THEN 1 ELSE t.failures + 1 END,
    first_failure_at = CASE WHEN t.last_failure_at <= :at - make_interval(secs => :window_seconds) THEN :at ELSE t.first_failure_at END,
    last_failure_at = :at,
    blocked_until = :at + make_interval(secs => least(:cap_seconds, power(2, least(30,
      CASE WHEN t.last_failure_at <= :at - make_interval(secs => :window_seconds) THEN 0 ELSE t.failures END))))
  RETURNING failures, blocked_until
), address AS (
  INSERT INTO login_throttle AS t (scope, key, failures, first_failure_at, last_failure_at, blocked_until)
  VALUES ('ip', :ip_key, 1, :at, :at, CASE WHEN :ip_budget <= 1 THEN :at + make_interval(secs => :window_seconds) END)
  ON CONFLICT (scope, key) DO UPDATE SET
    failures = CASE WHEN t.first_failure_at <= :at - make_interval(secs => :window_seconds) THEN 1 ELSE t.failures + 1 END,
    first_failure_at = CASE WHEN t.first_failure_at <= :at - make_interval(secs => :window_seconds) THEN :at ELSE t.first_failure_at END,
    last_failure_at = :at,
    blocked_until = CASE
      WHEN t.first_failure_at <= :at - make_interval(secs => :window_seconds)
        THEN CASE WHEN :ip_budget <= 1 THEN :at + make_interval(secs => :window_seconds) END
      WHEN t.failures + 1 >= :ip_budget THEN t.first_failure_at + make_interval(secs => :window_seconds)
    END
  RETURNING failures
)
SELECT pair.failures AS "pairFailures", address.failures AS "addressFailures"
FROM pair, address
