-- One timeline per record (account, contact, lead, deal): record changes, notes, and what later
-- modules append (touches, follow-ups, stage moves). One row per subject, so that a record's timeline
-- is a single index range.
CREATE TABLE timeline_entries (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    subject_type  VARCHAR(20)   NOT NULL,
    subject_id    BIGINT        NOT NULL,
    kind          VARCHAR(40)   NOT NULL,
    occurred_at   BIGINT        NOT NULL,
    actor_id      BIGINT,
    actor_name    VARCHAR(200)  NOT NULL,
    title         VARCHAR(500)  NOT NULL,
    body          TEXT,
    changes       TEXT,
    link          VARCHAR(500),
    source_type   VARCHAR(20),
    source_id     BIGINT,
    version       BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX timeline_subject ON timeline_entries (workspace_id, subject_type, subject_id, occurred_at, id);
CREATE INDEX timeline_source ON timeline_entries (workspace_id, source_type, source_id);

-- Cluster-safe scheduling: one row per job, locked by whichever instance runs it (ShedLock).
-- Infrastructure, not workspace data: the one table without workspace_id, like Flyway's history.
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMP    NOT NULL,
    locked_at   TIMESTAMP    NOT NULL,
    locked_by   VARCHAR(255) NOT NULL
);
