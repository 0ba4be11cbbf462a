-- Sign-in limits kept in PostgreSQL, so every console on it shares them (docs/hardening.md#sign-in):
-- one row per account+address pair (growing delays: 1, 2, 4 … seconds, capped) and one per
-- address (a budget of failures per window). Failed passwords never lock an account as such: the
-- real user's own address has its own pair. Rows are pruned a day after their last failure.
CREATE TABLE IF NOT EXISTS login_throttle (
  scope            text NOT NULL CHECK (scope IN ('account_ip', 'ip')),
  key              text NOT NULL,
  failures         integer NOT NULL CHECK (failures > 0),
  first_failure_at timestamptz NOT NULL,
  last_failure_at  timestamptz NOT NULL,
  blocked_until    timestamptz,
  PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS login_throttle_last_failure_idx ON login_throttle (last_failure_at);

-- An admin's reset (or `npm run accounts -- reset-password`) sets a one-time password: signing in
-- with it requires choosing a new one in the same request.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS must_change_password boolean NOT NULL DEFAULT false;
