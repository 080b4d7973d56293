-- Imports of touches (activity history): the kinds of record an import creates gain TOUCH. SQLite
-- cannot change a CHECK constraint, so imports and import_mappings are built again, as in V71 and V72: the tables
-- referring to imports are built again first, pointing at the new table, so that dropping the old one
-- deletes nothing through ON DELETE CASCADE; renaming the new table carries those references along.

CREATE TABLE imports_new (
    workspace_id    BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id              BIGINT        NOT NULL,
    entity          VARCHAR(20)   NOT NULL CHECK (entity IN ('CONTACT', 'ACCOUNT', 'LEAD', 'DEAL', 'INSTALLED_PRODUCT', 'TOUCH')),
    status          VARCHAR(12)   NOT NULL CHECK (status IN ('PENDING', 'QUEUED', 'RUNNING', 'DONE', 'FAILED',
                                                             'CANCELLED', 'UNDOING', 'UNDONE')),
    file_name       VARCHAR(255)  NOT NULL,
    file_sha256     VARCHAR(64)   NOT NULL,
    file_size       BIGINT        NOT NULL,
    charset         VARCHAR(20)   NOT NULL,
    delimiter       VARCHAR(1)    NOT NULL,
    own_export      BOOLEAN       NOT NULL,
    headers         TEXT          NOT NULL,
    mapping         TEXT          NOT NULL,
    duplicates      VARCHAR(8)    NOT NULL CHECK (duplicates IN ('SKIP', 'UPDATE', 'CREATE')),
    match_on        VARCHAR(20)   NOT NULL,
    strict          BOOLEAN       NOT NULL,
    rows_total      BIGINT,
    rows_done       BIGINT        NOT NULL DEFAULT 0,
    created_count   BIGINT        NOT NULL DEFAULT 0,
    updated_count   BIGINT        NOT NULL DEFAULT 0,
    skipped_count   BIGINT        NOT NULL DEFAULT 0,
    error_count     BIGINT        NOT NULL DEFAULT 0,
    cancel_asked    BOOLEAN       NOT NULL DEFAULT FALSE,
    problem         VARCHAR(500),
    created_by      BIGINT        NOT NULL,
    created_at      BIGINT        NOT NULL,
    started_at      BIGINT,
    heartbeat_at    BIGINT,
    finished_at     BIGINT,
    PRIMARY KEY (workspace_id, id)
);
INSERT INTO imports_new SELECT * FROM imports;

CREATE TABLE import_rows_new (
    workspace_id  BIGINT        NOT NULL,
    import_id     BIGINT        NOT NULL,
    line          BIGINT        NOT NULL,
    entity        VARCHAR(20)   NOT NULL,
    record_id     BIGINT        NOT NULL,
    action        VARCHAR(8)    NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'SKIPPED')),
    before        TEXT,
    PRIMARY KEY (workspace_id, import_id, line, entity),
    FOREIGN KEY (workspace_id, import_id) REFERENCES imports_new (workspace_id, id) ON DELETE CASCADE
);
INSERT INTO import_rows_new SELECT * FROM import_rows;

CREATE TABLE import_errors_new (
    workspace_id  BIGINT        NOT NULL,
    import_id     BIGINT        NOT NULL,
    line          BIGINT        NOT NULL,
    position      INTEGER       NOT NULL,
    field         VARCHAR(100)  NOT NULL,
    reason        VARCHAR(500)  NOT NULL,
    PRIMARY KEY (workspace_id, import_id, line, position),
    FOREIGN KEY (workspace_id, import_id) REFERENCES imports_new (workspace_id, id) ON DELETE CASCADE
);
INSERT INTO import_errors_new SELECT * FROM import_errors;

DROP TABLE import_rows;
DROP TABLE import_errors;
DROP TABLE imports;
ALTER TABLE imports_new RENAME TO imports;
ALTER TABLE import_rows_new RENAME TO import_rows;
ALTER TABLE import_errors_new RENAME TO import_errors;
CREATE INDEX imports_by_status ON imports (status, heartbeat_at);

CREATE TABLE import_mappings_new (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    entity        VARCHAR(20)   NOT NULL CHECK (entity IN ('CONTACT', 'ACCOUNT', 'LEAD', 'DEAL', 'INSTALLED_PRODUCT', 'TOUCH')),
    name          VARCHAR(100)  NOT NULL,
    mapping       TEXT          NOT NULL,
    created_by    BIGINT        NOT NULL,
    created_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
INSERT INTO import_mappings_new SELECT * FROM import_mappings;
DROP TABLE import_mappings;
ALTER TABLE import_mappings_new RENAME TO import_mappings;
CREATE UNIQUE INDEX import_mappings_by_name ON import_mappings (workspace_id, entity, name);
