-- Imports matching contacts or accounts on a custom field (match_on 'CUSTOM'): the field's key
-- ('custom.<key>') in match_field, and a lookup of the field's values for the running import — filled in
-- one INSERT ... SELECT when the import starts or resumes, added to as the import creates records, and
-- emptied when it ends — so that a batch's values are matched in one indexed query rather than by
-- reading the JSON of every record of the workspace.

ALTER TABLE imports ADD COLUMN match_field VARCHAR(100);

CREATE TABLE import_match_keys (
    workspace_id  BIGINT        NOT NULL,
    import_id     BIGINT        NOT NULL,
    -- the value trimmed and in lower case
    value_key     VARCHAR(500)  NOT NULL,
    record_id     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, import_id, value_key, record_id),
    FOREIGN KEY (workspace_id, import_id) REFERENCES imports (workspace_id, id) ON DELETE CASCADE
);
