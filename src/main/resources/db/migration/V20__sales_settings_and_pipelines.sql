-- Sales cycle, part 1: the workspace's sales settings (lead pool, web-to-lead form, currencies),
-- the qualification checklist, lost reasons, and configurable pipelines with ordered stages.
-- Won and lost are outcomes of a deal, not stages.

CREATE TABLE sales_settings (
    workspace_id              BIGINT        NOT NULL PRIMARY KEY REFERENCES workspaces (workspace_id),
    -- the most open leads one person may hold from the pool at once
    claim_limit               INTEGER       NOT NULL DEFAULT 25 CHECK (claim_limit BETWEEN 1 AND 10000),
    -- an owned lead untouched for this many days returns to the pool
    lead_idle_days            INTEGER       NOT NULL DEFAULT 14 CHECK (lead_idle_days BETWEEN 1 AND 365),
    round_robin               BOOLEAN       NOT NULL DEFAULT FALSE,
    round_robin_team_id       BIGINT,
    round_robin_last_user_id  BIGINT,
    web_form_enabled          BOOLEAN       NOT NULL DEFAULT FALSE,
    -- unguessable: the only thing in the public form's address
    web_form_key              VARCHAR(64)   NOT NULL,
    -- ISO codes separated by commas; the workspace currency is always accepted as well
    accepted_currencies       VARCHAR(200)  NOT NULL,
    default_payment_terms     INTEGER       NOT NULL DEFAULT 30 CHECK (default_payment_terms BETWEEN 0 AND 3650),
    version                   BIGINT        NOT NULL DEFAULT 0,
    created_at                BIGINT        NOT NULL,
    updated_at                BIGINT        NOT NULL
);
-- the public form finds its workspace by key alone
CREATE UNIQUE INDEX sales_settings_form_key ON sales_settings (web_form_key);

-- One row per person who has claimed leads: claims of one person lock it, so that their claim limit
-- holds even when they claim from two tabs at once, without serialising everybody else's claims.
CREATE TABLE lead_claimers (
    workspace_id  BIGINT  NOT NULL,
    user_id       BIGINT  NOT NULL,
    claims        BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE qualification_criteria (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    label         VARCHAR(100)  NOT NULL,
    -- points towards the lead score; the score is the share of points of the checked criteria
    weight        INTEGER       NOT NULL DEFAULT 25 CHECK (weight BETWEEN 1 AND 100),
    position      INTEGER       NOT NULL DEFAULT 0,
    retired       BOOLEAN       NOT NULL DEFAULT FALSE,
    version       BIGINT        NOT NULL DEFAULT 0,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);

CREATE TABLE lost_reasons (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    label         VARCHAR(100)  NOT NULL,
    position      INTEGER       NOT NULL DEFAULT 0,
    retired       BOOLEAN       NOT NULL DEFAULT FALSE,
    version       BIGINT        NOT NULL DEFAULT 0,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);

CREATE TABLE pipelines (
    workspace_id     BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id               BIGINT        NOT NULL,
    name             VARCHAR(100)  NOT NULL,
    -- the shipped template it was made from, if any (FIVE_PHASE, SEVEN_ELEMENTS, FULL_LIFECYCLE)
    template         VARCHAR(30),
    is_default       BOOLEAN       NOT NULL DEFAULT FALSE,
    -- where repeat proposals enter, skipping qualification and prospecting
    repeat_stage_id  BIGINT,
    position         INTEGER       NOT NULL DEFAULT 0,
    archived         BOOLEAN       NOT NULL DEFAULT FALSE,
    version          BIGINT        NOT NULL DEFAULT 0,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX pipelines_one_default ON pipelines (workspace_id) WHERE is_default;
CREATE INDEX pipelines_by_position ON pipelines (workspace_id, position, id);

CREATE TABLE pipeline_stages (
    workspace_id      BIGINT        NOT NULL,
    id                BIGINT        NOT NULL,
    pipeline_id       BIGINT        NOT NULL,
    name              VARCHAR(100)  NOT NULL,
    position          INTEGER       NOT NULL,
    probability       INTEGER       NOT NULL CHECK (probability BETWEEN 0 AND 100),
    -- a deal without activity for longer than this is idle ("rotting"); null: never
    idle_days         INTEGER       CHECK (idle_days IS NULL OR idle_days BETWEEN 1 AND 3650),
    -- reached by a won deal when its payments are collected (seed 003 element 7), never by hand
    collects_payment  BOOLEAN       NOT NULL DEFAULT FALSE,
    -- retired stages keep their history but take no more deals
    retired           BOOLEAN       NOT NULL DEFAULT FALSE,
    version           BIGINT        NOT NULL DEFAULT 0,
    created_at        BIGINT        NOT NULL,
    updated_at        BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, pipeline_id) REFERENCES pipelines (workspace_id, id)
);
CREATE INDEX pipeline_stages_by_position ON pipeline_stages (workspace_id, pipeline_id, position, id);
