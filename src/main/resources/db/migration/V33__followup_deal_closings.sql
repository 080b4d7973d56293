-- The attempt of the chase at which each deal was won or lost, kept for the insights.
CREATE TABLE deal_closings (
    workspace_id  BIGINT   NOT NULL REFERENCES workspaces (workspace_id),
    deal_id       BIGINT   NOT NULL,
    won           BOOLEAN  NOT NULL,
    attempt       INTEGER  NOT NULL,
    closed_at     BIGINT   NOT NULL,
    PRIMARY KEY (workspace_id, deal_id)
);
CREATE INDEX deal_closings_by_time ON deal_closings (workspace_id, won, closed_at);
