-- Imports of leads and deals: the kinds of record an import creates gain LEAD and DEAL, and the entity columns room for
-- longer kind names.

ALTER TABLE imports DROP CONSTRAINT imports_entity_check;
ALTER TABLE imports ALTER COLUMN entity TYPE VARCHAR(20);
ALTER TABLE imports ADD CONSTRAINT imports_entity_check CHECK (entity IN ('CONTACT', 'ACCOUNT', 'LEAD', 'DEAL'));

ALTER TABLE import_mappings DROP CONSTRAINT import_mappings_entity_check;
ALTER TABLE import_mappings ALTER COLUMN entity TYPE VARCHAR(20);
ALTER TABLE import_mappings ADD CONSTRAINT import_mappings_entity_check CHECK (entity IN ('CONTACT', 'ACCOUNT', 'LEAD', 'DEAL'));

ALTER TABLE import_rows ALTER COLUMN entity TYPE VARCHAR(20);
ALTER TABLE import_external_ids ALTER COLUMN entity TYPE VARCHAR(20);
