-- Removes an export's scope row once the export has ended (docs/export-files.md). export_scopes is
-- a Memory table: the mutation applies at once, by id.
ALTER TABLE export_scopes DELETE WHERE id = {id:String}
