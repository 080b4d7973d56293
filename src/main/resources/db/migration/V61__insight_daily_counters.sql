-- Pre-aggregated activity for the dashboard: one row per workspace, metric, UTC day, user, key
-- (a stage id, or 0) and currency (or ''), kept by event listeners in the transaction of the event
-- and rebuildable from the source tables. A team's quarter of one metric is one range of the key.
CREATE TABLE insight_daily_counters (
    workspace_id  BIGINT       NOT NULL REFERENCES workspaces (workspace_id),
    metric        VARCHAR(30)  NOT NULL,
    day           VARCHAR(10)  NOT NULL,
    user_id       BIGINT       NOT NULL,
    dim           BIGINT       NOT NULL,
    currency      VARCHAR(3)   NOT NULL,
    count         BIGINT       NOT NULL,
    amount_minor  BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, metric, day, user_id, dim, currency)
);
