-- Deliveries to attempt now (first tries and retries). Claiming pushes next_attempt_at to the
-- lease's end in the same statement, so another console instance skips them (SKIP LOCKED) and a
-- send that dies with its process is retried when the lease ends; the worker then records the
-- outcome. Relies on report_deliveries_due_idx (next_attempt_at) WHERE status = 'pending'.
-- @param now timestamptz
-- @param lease_until timestamptz
-- @param limit int
UPDATE report_deliveries AS d
SET next_attempt_at = :lease_until
WHERE d.id IN (
  SELECT id FROM report_deliveries
  WHERE status = 'pending' AND next_attempt_at <= :now
  ORDER BY next_attempt_at, id
  LIMIT :limit
  FOR UPDATE SKIP LOCKED
)
RETURNING d.id
