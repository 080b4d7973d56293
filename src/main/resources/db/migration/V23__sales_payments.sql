-- Sales cycle, part 4: the payment schedule of won deals (seed 003 element 7; the cash-flow view).

CREATE TABLE payments (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    deal_id       BIGINT        NOT NULL,
    account_id    BIGINT        NOT NULL,
    amount_minor  BIGINT        NOT NULL CHECK (amount_minor > 0),
    currency      VARCHAR(3)    NOT NULL,
    due_on        VARCHAR(10)   NOT NULL,
    paid_on       VARCHAR(10),
    paid_at       BIGINT,
    reference     VARCHAR(100),
    version       BIGINT        NOT NULL DEFAULT 0,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, deal_id) REFERENCES deals (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX payments_by_deal ON payments (workspace_id, deal_id, due_on, id);
CREATE INDEX payments_open_by_due ON payments (workspace_id, due_on, id) WHERE paid_on IS NULL;
CREATE INDEX payments_by_due ON payments (workspace_id, due_on, id);
CREATE INDEX payments_by_account ON payments (workspace_id, account_id, due_on, id);
