-- ICKR coverage of the customers' buying centres per account owner, computed nightly (a scan of every
-- customer's people is too slow for a dashboard at a million contacts) and read by the dashboard.
CREATE TABLE insight_coverage (
    workspace_id        BIGINT       NOT NULL REFERENCES workspaces (workspace_id),
    day                 VARCHAR(10)  NOT NULL,
    owner_id            BIGINT       NOT NULL,
    people              BIGINT       NOT NULL,
    touched             BIGINT       NOT NULL,
    influencers         BIGINT       NOT NULL,
    influencers_touched BIGINT       NOT NULL,
    computed_at         BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, day, owner_id)
);
