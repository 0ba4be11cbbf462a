-- The evaluator's check that ClickHouse answers before it runs the ClickHouse rules of a tick:
-- an outage raises one store alert instead of one error per rule (DESIGN §9).
SELECT 1 AS ok
