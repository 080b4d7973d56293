-- Sales cycle, part 2: leads, their place in the pool, and their qualification checklist.

CREATE TABLE leads (
    workspace_id            BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id                      BIGINT        NOT NULL,
    first_name              VARCHAR(100),
    last_name               VARCHAR(100),
    -- lower-cased full name, for lists and prefix search
    sort_name               VARCHAR(250)  NOT NULL,
    title                   VARCHAR(200),
    company                 VARCHAR(300),
    email                   VARCHAR(254),
    email_key               VARCHAR(254),
    phone                   VARCHAR(50),
    source                  VARCHAR(20)   NOT NULL CHECK (source IN ('WEB_FORM', 'API', 'IMPORT', 'EVENT', 'REFERRAL', 'OTHER')),
    source_detail           VARCHAR(200),
    referred_by_user_id     BIGINT,
    referred_by_contact_id  BIGINT,
    notes                   TEXT,
    status                  VARCHAR(20)   NOT NULL CHECK (status IN ('NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED')),
    -- open: neither converted nor disqualified (the pool and claim limits count open leads only)
    active                  BOOLEAN       NOT NULL DEFAULT TRUE,
    owner_id                BIGINT,
    score                   INTEGER       NOT NULL DEFAULT 0,
    claimed_at              BIGINT,
    -- the idle clock: claims, touches and work on the lead reset it
    last_activity_at        BIGINT        NOT NULL,
    disqualified_reason     VARCHAR(500),
    converted_at            BIGINT,
    account_id              BIGINT,
    contact_id              BIGINT,
    deal_id                 BIGINT,
    custom                  TEXT          NOT NULL DEFAULT '{}',
    version                 BIGINT        NOT NULL DEFAULT 0,
    created_at              BIGINT        NOT NULL,
    updated_at              BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id)
);
-- the pool (owner_id IS NULL), someone's open leads, and claim-limit counts
CREATE INDEX leads_open_by_owner ON leads (workspace_id, owner_id, id) WHERE active;
-- the daily return of idle leads to the pool
CREATE INDEX leads_idle ON leads (workspace_id, last_activity_at) WHERE active AND owner_id IS NOT NULL;
CREATE INDEX leads_by_name ON leads (workspace_id, sort_name, id);
CREATE INDEX leads_by_status ON leads (workspace_id, status, id);
CREATE INDEX leads_by_referrer ON leads (workspace_id, referred_by_user_id, id) WHERE referred_by_user_id IS NOT NULL;
CREATE INDEX leads_by_email ON leads (workspace_id, email_key);
CREATE INDEX leads_by_account ON leads (workspace_id, account_id) WHERE account_id IS NOT NULL;
CREATE INDEX leads_by_contact ON leads (workspace_id, contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX leads_by_referring_contact ON leads (workspace_id, referred_by_contact_id) WHERE referred_by_contact_id IS NOT NULL;

-- The checked criteria of a lead's qualification checklist.
CREATE TABLE lead_checks (
    workspace_id  BIGINT  NOT NULL,
    lead_id       BIGINT  NOT NULL,
    criterion_id  BIGINT  NOT NULL,
    checked_at    BIGINT  NOT NULL,
    checked_by    BIGINT,
    PRIMARY KEY (workspace_id, lead_id, criterion_id),
    FOREIGN KEY (workspace_id, lead_id) REFERENCES leads (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, criterion_id) REFERENCES qualification_criteria (workspace_id, id)
);
