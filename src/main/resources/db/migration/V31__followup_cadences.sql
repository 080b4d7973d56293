-- The follow-up engine, part 2: cadences (follow-up plans of ordered steps) and enrolments of a
-- contact, lead or deal in one of them. Steps become follow-ups one at a time; after the last step
-- the enrolment goes on as a nurture touch every nurture_days until a stop rule ends it.

CREATE TABLE cadences (
    workspace_id       BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id                 BIGINT        NOT NULL,
    name               VARCHAR(100)  NOT NULL,
    description        VARCHAR(1000),
    -- the shipped template it was seeded from (new-prospect, onboarding), null for a custom one
    template           VARCHAR(40),
    nurture_days       INTEGER       NOT NULL CHECK (nurture_days BETWEEN 1 AND 365),
    nurture_channel    VARCHAR(20)   NOT NULL,
    nurture_reason_id  BIGINT,
    archived           BOOLEAN       NOT NULL DEFAULT FALSE,
    version            BIGINT        NOT NULL DEFAULT 0,
    created_at         BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX cadences_by_name ON cadences (workspace_id, name);

CREATE TABLE cadence_steps (
    workspace_id   BIGINT        NOT NULL,
    cadence_id     BIGINT        NOT NULL,
    position       INTEGER       NOT NULL,
    day_offset     INTEGER       NOT NULL,
    channel        VARCHAR(20)   NOT NULL,
    reason_id      BIGINT,
    instructions   VARCHAR(2000),
    email_subject  VARCHAR(300),
    email_body     TEXT,
    PRIMARY KEY (workspace_id, cadence_id, position),
    FOREIGN KEY (workspace_id, cadence_id) REFERENCES cadences (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE enrolments (
    workspace_id   BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id             BIGINT        NOT NULL,
    cadence_id     BIGINT        NOT NULL,
    contact_id     BIGINT,
    lead_id        BIGINT,
    deal_id        BIGINT,
    account_id     BIGINT,
    owner_id       BIGINT        NOT NULL,
    status         VARCHAR(10)   NOT NULL CHECK (status IN ('ACTIVE', 'ENDED')),
    started_on     VARCHAR(10)   NOT NULL,
    -- the step whose follow-up is open; equal to the number of steps while nurturing
    step_position  INTEGER       NOT NULL,
    end_reason     VARCHAR(20)   CHECK (end_reason IN ('READY_TO_BUY', 'ASKED_TO_STOP', 'DEAL_WON', 'DEAL_LOST',
                                                       'BY_HAND', 'DO_NOT_CONTACT', 'REMOVED')),
    end_note       VARCHAR(1000),
    end_attempt    INTEGER,
    ended_by       BIGINT,
    ended_at       BIGINT,
    version        BIGINT        NOT NULL DEFAULT 0,
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, cadence_id) REFERENCES cadences (workspace_id, id)
);
-- one active enrolment per target
CREATE UNIQUE INDEX enrolments_active_contact ON enrolments (workspace_id, contact_id)
    WHERE status = 'ACTIVE' AND contact_id IS NOT NULL;
CREATE UNIQUE INDEX enrolments_active_lead ON enrolments (workspace_id, lead_id)
    WHERE status = 'ACTIVE' AND lead_id IS NOT NULL;
CREATE UNIQUE INDEX enrolments_active_deal ON enrolments (workspace_id, deal_id)
    WHERE status = 'ACTIVE' AND deal_id IS NOT NULL;
CREATE INDEX enrolments_by_cadence ON enrolments (workspace_id, cadence_id, status, id);
CREATE INDEX enrolments_by_contact ON enrolments (workspace_id, contact_id, id);
CREATE INDEX enrolments_by_account ON enrolments (workspace_id, account_id, status);
CREATE INDEX enrolments_ended ON enrolments (workspace_id, ended_at, id) WHERE ended_at IS NOT NULL;
