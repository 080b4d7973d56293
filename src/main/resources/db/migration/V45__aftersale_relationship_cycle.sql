-- The relationship cycle after the sale (seed 001): the workspace's settings, every stage change with
-- its reason and source, suggestions waiting for a human when automation is off, and the wins that
-- start the watch for disillusionment.

CREATE TABLE aftersale_settings (
    workspace_id           BIGINT       NOT NULL REFERENCES workspaces (workspace_id),
    automation_on          BOOLEAN      NOT NULL DEFAULT TRUE,
    -- a won customer untouched this long after the win slides into disillusionment
    silence_after_win_days INTEGER      NOT NULL DEFAULT 30,
    -- enlightened this long without slipping: realized value
    healthy_days           INTEGER      NOT NULL DEFAULT 180,
    -- the cadence a won customer's people are enrolled in (null: the shipped onboarding cadence)
    onboarding_cadence_id  BIGINT,
    -- renewals: how many days before an end the follow-up (and deal) comes, and whether a deal does
    renewal_lead_days      INTEGER      NOT NULL DEFAULT 60,
    renewal_deals          BOOLEAN      NOT NULL DEFAULT TRUE,
    version                BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id)
);

CREATE TABLE relationship_changes (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    account_id    BIGINT        NOT NULL,
    from_stage    VARCHAR(20),
    to_stage      VARCHAR(20)   NOT NULL,
    trigger_kind  VARCHAR(30)   NOT NULL,
    reason        VARCHAR(500)  NOT NULL,
    -- AUTOMATIC (applied by rule), ACCEPTED (a suggestion accepted), MANUAL (an override)
    source        VARCHAR(10)   NOT NULL CHECK (source IN ('AUTOMATIC', 'ACCEPTED', 'MANUAL')),
    changed_by    BIGINT,
    changed_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX relationship_changes_by_account ON relationship_changes (workspace_id, account_id, id);
CREATE INDEX relationship_changes_by_time ON relationship_changes (workspace_id, to_stage, changed_at);

CREATE TABLE relationship_suggestions (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    account_id    BIGINT        NOT NULL,
    from_stage    VARCHAR(20),
    to_stage      VARCHAR(20)   NOT NULL,
    trigger_kind  VARCHAR(30)   NOT NULL,
    reason        VARCHAR(500)  NOT NULL,
    status        VARCHAR(10)   NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DISMISSED')),
    created_at    BIGINT        NOT NULL,
    decided_by    BIGINT,
    decided_at    BIGINT,
    PRIMARY KEY (workspace_id, id)
);
-- one pending suggestion per account and target stage
CREATE UNIQUE INDEX relationship_suggestions_pending ON relationship_suggestions (workspace_id, account_id, to_stage)
    WHERE status = 'PENDING';
CREATE INDEX relationship_suggestions_open ON relationship_suggestions (workspace_id, status, id);

CREATE TABLE customer_wins (
    workspace_id  BIGINT   NOT NULL REFERENCES workspaces (workspace_id),
    account_id    BIGINT   NOT NULL,
    last_won_at   BIGINT   NOT NULL,
    PRIMARY KEY (workspace_id, account_id)
);
CREATE INDEX customer_wins_by_time ON customer_wins (workspace_id, last_won_at);
