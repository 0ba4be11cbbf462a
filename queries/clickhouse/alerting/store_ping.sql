-- The evaluator's check that ClickHouse answers before it runs the ClickHouse rules of a tick:
-- an outage raises one store alert instead of one error per rule (README#alerting).
SELECT 1 AS ok
