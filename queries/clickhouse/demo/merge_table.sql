-- After the demo's bulk load, one table the panels read by key is merged into one part a month
-- (demo.clickhouse.ts lists them): a bulk load leaves several parts of the same keys, and each
-- costs the readers one more seek per key and rows to sum (docs/scale.md, "Demo load"). Live
-- ingest leaves this to the engine's background merges.
OPTIMIZE TABLE {table:Identifier} FINAL
