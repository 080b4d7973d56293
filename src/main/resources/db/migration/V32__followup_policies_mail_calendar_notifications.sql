-- The follow-up engine, part 3: customer-level policies, the workspace's SMTP settings, per-user
-- calendar feeds and preferences, and in-app notifications.

-- Per customer level: the longest allowed silence and the reassessment interval (null: none).
CREATE TABLE level_policies (
    workspace_id         BIGINT      NOT NULL REFERENCES workspaces (workspace_id),
    level                VARCHAR(1)  NOT NULL CHECK (level IN ('A', 'B', 'C', 'D')),
    max_silence_days     INTEGER     CHECK (max_silence_days BETWEEN 1 AND 3650),
    reassess_every_days  INTEGER     CHECK (reassess_every_days BETWEEN 1 AND 3650),
    version              BIGINT      NOT NULL DEFAULT 0,
    updated_at           BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, level)
);

-- Outgoing mail of email steps. The password is encrypted with the installation secret.
CREATE TABLE smtp_settings (
    workspace_id   BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    host           VARCHAR(255)  NOT NULL,
    port           INTEGER       NOT NULL,
    username       VARCHAR(255),
    password       VARCHAR(1000),
    starttls       BOOLEAN       NOT NULL,
    from_address   VARCHAR(254)  NOT NULL,
    from_name      VARCHAR(200),
    version        BIGINT        NOT NULL DEFAULT 0,
    updated_at     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id)
);

-- A user's private calendar feed: only a SHA-256 of its secret is kept; revoking deletes the row.
CREATE TABLE calendar_feeds (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    user_id       BIGINT        NOT NULL,
    secret_hash   VARCHAR(64)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    last_read_at  BIGINT,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE followup_preferences (
    workspace_id   BIGINT   NOT NULL REFERENCES workspaces (workspace_id),
    user_id        BIGINT   NOT NULL,
    daily_digest   BOOLEAN  NOT NULL DEFAULT FALSE,
    last_digest_on VARCHAR(10),
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE notifications (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    user_id       BIGINT        NOT NULL,
    kind          VARCHAR(30)   NOT NULL,
    title         VARCHAR(500)  NOT NULL,
    link          VARCHAR(500),
    created_at    BIGINT        NOT NULL,
    read_at       BIGINT,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX notifications_by_user ON notifications (workspace_id, user_id, id);
CREATE INDEX notifications_unread ON notifications (workspace_id, user_id, id) WHERE read_at IS NULL;
