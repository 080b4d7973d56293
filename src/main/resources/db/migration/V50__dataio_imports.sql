-- CSV imports of accounts and contacts: the import itself (settings, progress), what each line did
-- (for undo and for resuming after a crash), the rejected lines, saved column mappings, and the ids
-- of records in the system they came from (HubSpot, Pipedrive, Salesforce…), for matching on re-import.

CREATE TABLE imports (
    workspace_id    BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id              BIGINT        NOT NULL,
    entity          VARCHAR(10)   NOT NULL CHECK (entity IN ('CONTACT', 'ACCOUNT')),
    status          VARCHAR(12)   NOT NULL CHECK (status IN ('PENDING', 'QUEUED', 'RUNNING', 'DONE', 'FAILED',
                                                             'CANCELLED', 'UNDOING', 'UNDONE')),
    file_name       VARCHAR(255)  NOT NULL,
    file_sha256     VARCHAR(64)   NOT NULL,
    file_size       BIGINT        NOT NULL,
    charset         VARCHAR(20)   NOT NULL,
    delimiter       VARCHAR(1)    NOT NULL,
    own_export      BOOLEAN       NOT NULL,
    -- the header row as a JSON array, and the mapping as a JSON object column index -> field key
    headers         TEXT          NOT NULL,
    mapping         TEXT          NOT NULL,
    duplicates      VARCHAR(8)    NOT NULL CHECK (duplicates IN ('SKIP', 'UPDATE', 'CREATE')),
    match_on        VARCHAR(20)   NOT NULL,
    strict          BOOLEAN       NOT NULL,
    -- progress: data records read and settled (whole batches only), and what became of them
    rows_total      BIGINT,
    rows_done       BIGINT        NOT NULL DEFAULT 0,
    created_count   BIGINT        NOT NULL DEFAULT 0,
    updated_count   BIGINT        NOT NULL DEFAULT 0,
    skipped_count   BIGINT        NOT NULL DEFAULT 0,
    error_count     BIGINT        NOT NULL DEFAULT 0,
    cancel_asked    BOOLEAN       NOT NULL DEFAULT FALSE,
    -- a file-level problem (not a CSV file, a record longer than the limit…)
    problem         VARCHAR(500),
    created_by      BIGINT        NOT NULL,
    created_at      BIGINT        NOT NULL,
    started_at      BIGINT,
    -- written with every batch: an import RUNNING without a recent heartbeat lost its server and is resumed
    heartbeat_at    BIGINT,
    finished_at     BIGINT,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX imports_by_status ON imports (status, heartbeat_at);

-- What one line of an import did to one record: CREATED, UPDATED (with the values before, to undo) or
-- SKIPPED. A contact line that also created its account has a second row for the account.
CREATE TABLE import_rows (
    workspace_id  BIGINT        NOT NULL,
    import_id     BIGINT        NOT NULL,
    line          BIGINT        NOT NULL,
    entity        VARCHAR(10)   NOT NULL,
    record_id     BIGINT        NOT NULL,
    action        VARCHAR(8)    NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'SKIPPED')),
    before        TEXT,
    PRIMARY KEY (workspace_id, import_id, line, entity),
    FOREIGN KEY (workspace_id, import_id) REFERENCES imports (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE import_errors (
    workspace_id  BIGINT        NOT NULL,
    import_id     BIGINT        NOT NULL,
    line          BIGINT        NOT NULL,
    position      INTEGER       NOT NULL,
    field         VARCHAR(100)  NOT NULL,
    reason        VARCHAR(500)  NOT NULL,
    PRIMARY KEY (workspace_id, import_id, line, position),
    FOREIGN KEY (workspace_id, import_id) REFERENCES imports (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE import_mappings (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    entity        VARCHAR(10)   NOT NULL CHECK (entity IN ('CONTACT', 'ACCOUNT')),
    name          VARCHAR(100)  NOT NULL,
    -- a JSON object header name -> field key, so that it applies to any file with those headers
    mapping       TEXT          NOT NULL,
    created_by    BIGINT        NOT NULL,
    created_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX import_mappings_by_name ON import_mappings (workspace_id, entity, name);

CREATE TABLE import_external_ids (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    entity        VARCHAR(10)   NOT NULL,
    external_id   VARCHAR(200)  NOT NULL,
    record_id     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, entity, external_id)
);
CREATE INDEX import_external_ids_by_record ON import_external_ids (workspace_id, entity, record_id);
