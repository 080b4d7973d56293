-- The follow-up engine, part 1: business reasons, touches (what happened) and follow-ups (what is
-- planned). Lead and deal ids are plain BIGINTs without foreign keys: the sales module owns those
-- tables and is wired in through SalesHooks.

-- The workspace's list of valid business reasons for a touch (seed 004), each value-adding or not.
CREATE TABLE business_reasons (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    -- the shipped reasons the engine itself uses (check-in, reassessment, callback…); null for others
    code          VARCHAR(30),
    value_adding  BOOLEAN       NOT NULL,
    position      INTEGER       NOT NULL,
    archived      BOOLEAN       NOT NULL DEFAULT FALSE,
    version       BIGINT        NOT NULL DEFAULT 0,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX business_reasons_by_name ON business_reasons (workspace_id, name);
CREATE UNIQUE INDEX business_reasons_by_code ON business_reasons (workspace_id, code) WHERE code IS NOT NULL;
CREATE INDEX business_reasons_by_position ON business_reasons (workspace_id, position, id);

-- One interaction that happened. attempt is its number in the current chase (see docs/modules/followup.md).
CREATE TABLE touches (
    workspace_id   BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id             BIGINT        NOT NULL,
    occurred_at    BIGINT        NOT NULL,
    channel        VARCHAR(20)   NOT NULL CHECK (channel IN ('CALL', 'VOICEMAIL', 'EMAIL', 'HANDWRITTEN_NOTE', 'CARD',
                                                             'GIFT', 'VISIT', 'MEETING', 'MESSAGE', 'EVENT')),
    direction      VARCHAR(10)   NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
    account_id     BIGINT,
    lead_id        BIGINT,
    deal_id        BIGINT,
    reason_id      BIGINT,
    value_adding   BOOLEAN       NOT NULL DEFAULT FALSE,
    notes          TEXT,
    reached        BOOLEAN       NOT NULL,
    responded      BOOLEAN       NOT NULL,
    outcome        VARCHAR(12)   CHECK (outcome IN ('PROGRESSED', 'RETAINED', 'DEMOTED')),
    level_set      VARCHAR(1)    CHECK (level_set IN ('A', 'B', 'C', 'D')),
    attempt        INTEGER       NOT NULL,
    logged_by      BIGINT,
    logged_by_name VARCHAR(200)  NOT NULL,
    follow_up_id   BIGINT,
    enrolment_id   BIGINT,
    created_at     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX touches_by_time ON touches (workspace_id, occurred_at, id);
CREATE INDEX touches_by_author ON touches (workspace_id, logged_by, occurred_at, id);

-- Every record a touch concerns (its account, each contact, its lead and deal), one row each: the
-- touches of a record, its last touch and its current attempt are one index range.
CREATE TABLE touch_subjects (
    workspace_id  BIGINT       NOT NULL,
    subject_type  VARCHAR(10)  NOT NULL CHECK (subject_type IN ('account', 'contact', 'lead', 'deal')),
    subject_id    BIGINT       NOT NULL,
    occurred_at   BIGINT       NOT NULL,
    touch_id      BIGINT       NOT NULL,
    outbound      BOOLEAN      NOT NULL,
    responded     BOOLEAN      NOT NULL,
    PRIMARY KEY (workspace_id, subject_type, subject_id, occurred_at, touch_id),
    FOREIGN KEY (workspace_id, touch_id) REFERENCES touches (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX touch_subjects_by_touch ON touch_subjects (workspace_id, touch_id);
CREATE INDEX touch_subjects_responses ON touch_subjects (workspace_id, subject_type, subject_id, occurred_at)
    WHERE responded = TRUE;

-- A planned touch. due_date (and due_time) are in zone, the assignee's time zone when planned;
-- due_at is that moment as an instant (the end of the day when there is no time).
CREATE TABLE follow_ups (
    workspace_id   BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id             BIGINT        NOT NULL,
    assignee_id    BIGINT        NOT NULL,
    due_date       VARCHAR(10)   NOT NULL,
    due_time       VARCHAR(5),
    zone           VARCHAR(64)   NOT NULL,
    due_at         BIGINT        NOT NULL,
    channel        VARCHAR(20)   NOT NULL CHECK (channel IN ('CALL', 'VOICEMAIL', 'EMAIL', 'HANDWRITTEN_NOTE', 'CARD',
                                                             'GIFT', 'VISIT', 'MEETING', 'MESSAGE', 'EVENT')),
    reason_id      BIGINT,
    instructions   TEXT,
    account_id     BIGINT,
    contact_id     BIGINT,
    lead_id        BIGINT,
    deal_id        BIGINT,
    deal_amount    BIGINT,
    -- the queue's order, kept with the row so that an index serves it: the follow-up's priority and
    -- the account's customer level (priority * 5 + level, A = 0 ... none = 4), and the deal amount
    -- (its negative, 0 when unknown, so that larger deals come first)
    queue_rank     INTEGER       NOT NULL DEFAULT 9,
    amount_key     BIGINT        NOT NULL DEFAULT 0,
    origin         VARCHAR(20)   NOT NULL CHECK (origin IN ('MANUAL', 'CADENCE_STEP', 'NURTURE', 'LEVEL_POLICY',
                                                            'REASSESSMENT', 'PROMISE', 'CALLBACK', 'RENEWAL')),
    priority       VARCHAR(10)   NOT NULL CHECK (priority IN ('HIGH', 'NORMAL', 'LOW')),
    status         VARCHAR(10)   NOT NULL CHECK (status IN ('OPEN', 'DONE', 'SKIPPED', 'CANCELLED')),
    enrolment_id   BIGINT,
    step_position  INTEGER,
    commitment_id  BIGINT,
    touch_id       BIGINT,
    closed_note    VARCHAR(500),
    closed_at      BIGINT,
    closed_by      BIGINT,
    snoozes        INTEGER       NOT NULL DEFAULT 0,
    missed_at      BIGINT,
    created_by     BIGINT,
    version        BIGINT        NOT NULL DEFAULT 0,
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
-- a queue (Today, the calendar, the feed): open follow-ups of an assignee by due date
CREATE INDEX follow_ups_queue ON follow_ups (workspace_id, assignee_id, due_date, id) WHERE status = 'OPEN';
CREATE INDEX follow_ups_ranked ON follow_ups (workspace_id, assignee_id, queue_rank, amount_key, due_date, due_at, id)
    WHERE status = 'OPEN';
CREATE INDEX follow_ups_by_assignee ON follow_ups (workspace_id, assignee_id, status, due_date, id);
CREATE INDEX follow_ups_by_account ON follow_ups (workspace_id, account_id, status, due_date);
CREATE INDEX follow_ups_by_contact ON follow_ups (workspace_id, contact_id, status, due_date);
CREATE INDEX follow_ups_by_lead ON follow_ups (workspace_id, lead_id, status) WHERE lead_id IS NOT NULL;
CREATE INDEX follow_ups_by_deal ON follow_ups (workspace_id, deal_id, status) WHERE deal_id IS NOT NULL;
CREATE INDEX follow_ups_by_enrolment ON follow_ups (workspace_id, enrolment_id, status) WHERE enrolment_id IS NOT NULL;
CREATE INDEX follow_ups_to_miss ON follow_ups (workspace_id, due_at) WHERE status = 'OPEN' AND missed_at IS NULL;
CREATE INDEX follow_ups_closed ON follow_ups (workspace_id, closed_at, id) WHERE closed_at IS NOT NULL;
-- at most one open policy follow-up of each kind per account: a rerun of the daily job never duplicates
CREATE UNIQUE INDEX follow_ups_one_policy ON follow_ups (workspace_id, account_id, origin)
    WHERE status = 'OPEN' AND origin IN ('LEVEL_POLICY', 'REASSESSMENT');
-- at most one open follow-up per enrolment: its current step
CREATE UNIQUE INDEX follow_ups_one_step ON follow_ups (workspace_id, enrolment_id)
    WHERE status = 'OPEN' AND enrolment_id IS NOT NULL;

-- A promise made to a customer, or a call to return; tracked by a follow-up of its owner.
CREATE TABLE commitments (
    workspace_id   BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id             BIGINT        NOT NULL,
    kind           VARCHAR(10)   NOT NULL CHECK (kind IN ('PROMISE', 'CALLBACK')),
    description    VARCHAR(500)  NOT NULL,
    owner_id       BIGINT        NOT NULL,
    due_date       VARCHAR(10)   NOT NULL,
    zone           VARCHAR(64)   NOT NULL,
    due_at         BIGINT        NOT NULL,
    account_id     BIGINT,
    contact_id     BIGINT,
    lead_id        BIGINT,
    deal_id        BIGINT,
    touch_id       BIGINT,
    follow_up_id   BIGINT,
    status         VARCHAR(10)   NOT NULL CHECK (status IN ('OPEN', 'KEPT', 'CANCELLED')),
    broken_at      BIGINT,
    kept_at        BIGINT,
    created_by     BIGINT,
    version        BIGINT        NOT NULL DEFAULT 0,
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX commitments_by_owner ON commitments (workspace_id, owner_id, status, due_date, id);
CREATE INDEX commitments_by_due ON commitments (workspace_id, status, due_date, id);
CREATE INDEX commitments_to_break ON commitments (workspace_id, due_at) WHERE status = 'OPEN' AND broken_at IS NULL;
CREATE INDEX commitments_by_account ON commitments (workspace_id, account_id, status);
CREATE INDEX commitments_by_contact ON commitments (workspace_id, contact_id, status);
