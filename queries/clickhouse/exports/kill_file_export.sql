-- Stops an export's file-writing statement when its download is closed (docs/export-files.md): the
-- statement carries the export's id as its log_comment. No parameters on purpose: run on a chDB
-- session of its own outside the engine's chain of parameterized statements (which the statement
-- it stops does not hold either). __EXPORT_ID__ is replaced by server/db/stores.ts with the
-- export's server-made UUID, checked against a UUID pattern; nothing else varies.
KILL QUERY WHERE Settings['log_comment'] = '__EXPORT_ID__' ASYNC
