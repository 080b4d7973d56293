-- Sales cycle, part 3: deals, the people on them, and every stage move they made.

CREATE TABLE deals (
    workspace_id          BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id                    BIGINT        NOT NULL,
    name                  VARCHAR(300)  NOT NULL,
    sort_name             VARCHAR(300)  NOT NULL,
    account_id            BIGINT        NOT NULL,
    amount_minor          BIGINT        NOT NULL DEFAULT 0 CHECK (amount_minor >= 0),
    currency              VARCHAR(3)    NOT NULL,
    probability           INTEGER       NOT NULL CHECK (probability BETWEEN 0 AND 100),
    -- true when someone set the probability; otherwise it follows the stage's default
    probability_set       BOOLEAN       NOT NULL DEFAULT FALSE,
    expected_close_on     VARCHAR(10),
    payment_terms_days    INTEGER       NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 3650),
    owner_id              BIGINT        NOT NULL,
    origin                VARCHAR(20)   NOT NULL CHECK (origin IN ('NEW_BUSINESS', 'REPEAT')),
    source_lead_id        BIGINT,
    status                VARCHAR(10)   NOT NULL CHECK (status IN ('OPEN', 'WON', 'LOST')),
    pipeline_id           BIGINT        NOT NULL,
    stage_id              BIGINT        NOT NULL,
    stage_entered_at      BIGINT        NOT NULL,
    -- the idle clock of the board: stage moves, changes and touches reset it
    last_activity_at      BIGINT        NOT NULL,
    closed_at             BIGINT,
    closed_on             VARCHAR(10),
    lost_reason_id        BIGINT,
    lost_note             VARCHAR(1000),
    payment_collected_at  BIGINT,
    notes                 TEXT,
    custom                TEXT          NOT NULL DEFAULT '{}',
    version               BIGINT        NOT NULL DEFAULT 0,
    created_at            BIGINT        NOT NULL,
    updated_at            BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id),
    FOREIGN KEY (workspace_id, pipeline_id) REFERENCES pipelines (workspace_id, id),
    FOREIGN KEY (workspace_id, stage_id) REFERENCES pipeline_stages (workspace_id, id),
    FOREIGN KEY (workspace_id, lost_reason_id) REFERENCES lost_reasons (workspace_id, id)
);
-- one board column: the open deals of a stage, least recently worked first
CREATE INDEX deals_board ON deals (workspace_id, stage_id, last_activity_at, id) WHERE status = 'OPEN';
CREATE INDEX deals_board_by_owner ON deals (workspace_id, stage_id, owner_id, last_activity_at, id) WHERE status = 'OPEN';
-- column counts and sums, answered from the index alone
CREATE INDEX deals_column_totals ON deals (workspace_id, pipeline_id, stage_id, currency, amount_minor) WHERE status = 'OPEN';
CREATE INDEX deals_column_totals_by_owner ON deals (workspace_id, pipeline_id, owner_id, stage_id, currency, amount_minor) WHERE status = 'OPEN';
-- cycle length and win/loss per pipeline
CREATE INDEX deals_closed ON deals (workspace_id, pipeline_id, status, closed_at);
CREATE INDEX deals_by_account ON deals (workspace_id, account_id, id);
CREATE INDEX deals_by_owner ON deals (workspace_id, owner_id, id);
CREATE INDEX deals_by_name ON deals (workspace_id, sort_name, id);
CREATE INDEX deals_by_update ON deals (workspace_id, updated_at, id);
CREATE INDEX deals_by_amount ON deals (workspace_id, amount_minor, id);
CREATE INDEX deals_by_lead ON deals (workspace_id, source_lead_id) WHERE source_lead_id IS NOT NULL;

CREATE TABLE deal_contacts (
    workspace_id  BIGINT       NOT NULL,
    deal_id       BIGINT       NOT NULL,
    contact_id    BIGINT       NOT NULL,
    role          VARCHAR(20)  CHECK (role IS NULL OR role IN ('DECISION_MAKER', 'ECONOMIC_BUYER', 'INFLUENCER', 'USER',
                                                             'GATEKEEPER', 'CHAMPION', 'OTHER')),
    position      INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, deal_id, contact_id),
    FOREIGN KEY (workspace_id, deal_id) REFERENCES deals (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX deal_contacts_by_contact ON deal_contacts (workspace_id, contact_id, deal_id);

-- Every stage a deal entered: forward moves are "progressed", backward ones "demoted" (seed 003),
-- judged by the stage order when the move happened, so that reordering stages later keeps history true.
CREATE TABLE deal_stage_changes (
    workspace_id     BIGINT        NOT NULL,
    id               BIGINT        NOT NULL,
    deal_id          BIGINT        NOT NULL,
    pipeline_id      BIGINT        NOT NULL,
    from_stage_id    BIGINT,
    to_stage_id      BIGINT        NOT NULL,
    movement         VARCHAR(12)   NOT NULL CHECK (movement IN ('ENTERED', 'PROGRESSED', 'DEMOTED', 'TRANSFERRED')),
    moved_at         BIGINT        NOT NULL,
    -- when the deal had entered the stage it left, so time in stage needs no second row
    from_entered_at  BIGINT,
    actor_id         BIGINT,
    actor_name       VARCHAR(200)  NOT NULL,
    reason           VARCHAR(500),
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, deal_id) REFERENCES deals (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX deal_stage_changes_by_deal ON deal_stage_changes (workspace_id, deal_id, moved_at, id);
-- time in stage per pipeline, answered from the index alone
CREATE INDEX deal_stage_changes_by_pipeline ON deal_stage_changes (workspace_id, pipeline_id, from_stage_id, moved_at, from_entered_at);
