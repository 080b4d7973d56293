-- Insights about a customer's changing needs (ICKR "Know"): a touch marked as an insight, or an
-- insight noted on the account directly. Touches with the business reason "insight" count as well,
-- without a mark.
CREATE TABLE insight_marks (
    workspace_id    BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id              BIGINT        NOT NULL,
    account_id      BIGINT        NOT NULL,
    touch_id        BIGINT,
    note            VARCHAR(2000),
    learned_at      BIGINT        NOT NULL,
    marked_by       BIGINT,
    marked_by_name  VARCHAR(200)  NOT NULL,
    created_at      BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX insight_marks_by_account ON insight_marks (workspace_id, account_id, learned_at, id);
CREATE UNIQUE INDEX insight_marks_one_per_touch ON insight_marks (workspace_id, touch_id) WHERE touch_id IS NOT NULL;
