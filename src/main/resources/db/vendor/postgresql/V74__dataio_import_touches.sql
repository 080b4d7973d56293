-- Imports of touches (activity history): the kinds of record an import creates gain TOUCH.

ALTER TABLE imports DROP CONSTRAINT imports_entity_check;
ALTER TABLE imports ADD CONSTRAINT imports_entity_check
    CHECK (entity IN ('CONTACT', 'ACCOUNT', 'LEAD', 'DEAL', 'INSTALLED_PRODUCT', 'TOUCH'));

ALTER TABLE import_mappings DROP CONSTRAINT import_mappings_entity_check;
ALTER TABLE import_mappings ADD CONSTRAINT import_mappings_entity_check
    CHECK (entity IN ('CONTACT', 'ACCOUNT', 'LEAD', 'DEAL', 'INSTALLED_PRODUCT', 'TOUCH'));
