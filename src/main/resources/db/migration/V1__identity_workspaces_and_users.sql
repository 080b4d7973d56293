-- Portable across SQLite and PostgreSQL: ids are BIGINT made in Java, instants are BIGINT epoch
-- milliseconds in UTC, dates are ISO text, booleans are BOOLEAN. Every key starts with workspace_id.

CREATE TABLE workspaces (
    workspace_id     BIGINT       NOT NULL PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    time_zone        VARCHAR(64)  NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    open_visibility  BOOLEAN      NOT NULL DEFAULT FALSE,
    version          BIGINT       NOT NULL DEFAULT 0,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL
);

CREATE TABLE teams (
    workspace_id  BIGINT       NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT       NOT NULL,
    name          VARCHAR(200) NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX teams_name ON teams (workspace_id, name);

CREATE TABLE users (
    workspace_id      BIGINT       NOT NULL REFERENCES workspaces (workspace_id),
    id                BIGINT       NOT NULL,
    email             VARCHAR(254) NOT NULL,
    -- lower-cased email; sign-in is by email alone, so it is unique across workspaces
    email_key         VARCHAR(254) NOT NULL,
    display_name      VARCHAR(200) NOT NULL,
    role              VARCHAR(16)  NOT NULL CHECK (role IN ('ADMIN', 'MANAGER', 'REP', 'STAFF')),
    team_id           BIGINT,
    time_zone         VARCHAR(64),
    active            BOOLEAN      NOT NULL DEFAULT TRUE,
    password_hash     VARCHAR(255) NOT NULL,
    -- changes with the password or deactivation: sessions and remember-me cookies of an older stamp end
    security_stamp    BIGINT       NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);
CREATE UNIQUE INDEX users_email ON users (email_key);
CREATE INDEX users_team ON users (workspace_id, team_id);
CREATE INDEX users_name ON users (workspace_id, display_name, id);

CREATE TABLE api_tokens (
    workspace_id  BIGINT       NOT NULL,
    id            BIGINT       NOT NULL,
    user_id       BIGINT       NOT NULL,
    name          VARCHAR(100) NOT NULL,
    -- SHA-256 of the secret part; the token itself is shown once and never stored
    secret_hash   VARCHAR(64)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id)
);
CREATE INDEX api_tokens_user ON api_tokens (workspace_id, user_id, id);

CREATE TABLE audit_events (
    workspace_id    BIGINT       NOT NULL REFERENCES workspaces (workspace_id),
    id              BIGINT       NOT NULL,
    occurred_at     BIGINT       NOT NULL,
    actor_id        BIGINT,
    actor_name      VARCHAR(200) NOT NULL,
    client_address  VARCHAR(64),
    entity_type     VARCHAR(40)  NOT NULL,
    entity_id       BIGINT       NOT NULL,
    action          VARCHAR(40)  NOT NULL,
    changes         TEXT         NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX audit_events_entity ON audit_events (workspace_id, entity_type, entity_id, id);
CREATE INDEX audit_events_actor ON audit_events (workspace_id, actor_id, id);
