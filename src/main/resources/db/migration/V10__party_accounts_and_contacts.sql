-- Accounts (buying organisations), contacts (people), the buying centre that links them, tags,
-- custom field definitions and saved list views. Custom field values live in a JSON text column of
-- the record itself. Lists sort by a lower-cased sort_name; partial indexes skip the trash.

CREATE TABLE accounts (
    workspace_id           BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id                     BIGINT        NOT NULL,
    name                   VARCHAR(300)  NOT NULL,
    sort_name              VARCHAR(300)  NOT NULL,
    -- lower-cased name without punctuation and legal form, for duplicate detection
    name_key               VARCHAR(300)  NOT NULL,
    website                VARCHAR(500),
    domain                 VARCHAR(255),
    industry               VARCHAR(100),
    size                   VARCHAR(20),
    phone                  VARCHAR(50),
    phone_key              VARCHAR(30),
    street                 VARCHAR(300),
    city                   VARCHAR(100),
    postal_code            VARCHAR(30),
    region                 VARCHAR(100),
    country                VARCHAR(100),
    description            TEXT,
    owner_id               BIGINT,
    level                  VARCHAR(1)    CHECK (level IN ('A', 'B', 'C', 'D')),
    level_assessed_on      VARCHAR(10),
    stage                  VARCHAR(20)   CHECK (stage IN ('SKEPTICISM', 'PEAK_OF_INTEREST', 'DISILLUSIONMENT',
                                                          'ENLIGHTENMENT', 'REALIZED_VALUE')),
    do_not_contact         BOOLEAN       NOT NULL DEFAULT FALSE,
    do_not_contact_reason  VARCHAR(500),
    do_not_contact_since   BIGINT,
    parent_id              BIGINT,
    -- the last touch by anyone in the workspace (0: never), kept by the follow-up module
    last_touch_at          BIGINT        NOT NULL DEFAULT 0,
    custom                 TEXT          NOT NULL DEFAULT '{}',
    version                BIGINT        NOT NULL DEFAULT 0,
    created_at             BIGINT        NOT NULL,
    updated_at             BIGINT        NOT NULL,
    deleted_at             BIGINT,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id)
);
CREATE INDEX accounts_by_name ON accounts (workspace_id, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_by_owner ON accounts (workspace_id, owner_id, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_by_level ON accounts (workspace_id, level, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_by_stage ON accounts (workspace_id, stage, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_by_update ON accounts (workspace_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_by_touch ON accounts (workspace_id, last_touch_at, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_by_domain ON accounts (workspace_id, domain);
CREATE INDEX accounts_by_phone ON accounts (workspace_id, phone_key);
CREATE INDEX accounts_by_name_key ON accounts (workspace_id, name_key);
CREATE INDEX accounts_by_parent ON accounts (workspace_id, parent_id);
CREATE INDEX accounts_in_trash ON accounts (workspace_id, deleted_at, id) WHERE deleted_at IS NOT NULL;

CREATE TABLE contacts (
    workspace_id            BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id                      BIGINT        NOT NULL,
    first_name              VARCHAR(100)  NOT NULL,
    last_name               VARCHAR(100)  NOT NULL,
    sort_name               VARCHAR(250)  NOT NULL,
    name_key                VARCHAR(250)  NOT NULL,
    title                   VARCHAR(200),
    -- the primary email and phone, copied here for lists; all of them are in contact_emails/_phones
    email                   VARCHAR(254),
    phone                   VARCHAR(50),
    street                  VARCHAR(300),
    city                    VARCHAR(100),
    postal_code             VARCHAR(30),
    region                  VARCHAR(100),
    country                 VARCHAR(100),
    birthday                VARCHAR(10),
    preferred_channel       VARCHAR(20),
    owner_id                BIGINT,
    do_not_contact          BOOLEAN       NOT NULL DEFAULT FALSE,
    do_not_contact_reason   VARCHAR(500),
    do_not_contact_since    BIGINT,
    referred_by_contact_id  BIGINT,
    referred_by_user_id     BIGINT,
    last_touch_at           BIGINT        NOT NULL DEFAULT 0,
    custom                  TEXT          NOT NULL DEFAULT '{}',
    version                 BIGINT        NOT NULL DEFAULT 0,
    created_at              BIGINT        NOT NULL,
    updated_at              BIGINT        NOT NULL,
    deleted_at              BIGINT,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id)
);
CREATE INDEX contacts_by_name ON contacts (workspace_id, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_owner ON contacts (workspace_id, owner_id, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_update ON contacts (workspace_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_touch ON contacts (workspace_id, last_touch_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_name_key ON contacts (workspace_id, name_key);
CREATE INDEX contacts_in_trash ON contacts (workspace_id, deleted_at, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX contacts_by_referrer ON contacts (workspace_id, referred_by_user_id);

CREATE TABLE contact_emails (
    workspace_id  BIGINT        NOT NULL,
    contact_id    BIGINT        NOT NULL,
    position      INTEGER       NOT NULL,
    email         VARCHAR(254)  NOT NULL,
    email_key     VARCHAR(254)  NOT NULL,
    label         VARCHAR(40),
    PRIMARY KEY (workspace_id, contact_id, position),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_emails_by_key ON contact_emails (workspace_id, email_key);

CREATE TABLE contact_phones (
    workspace_id  BIGINT        NOT NULL,
    contact_id    BIGINT        NOT NULL,
    position      INTEGER       NOT NULL,
    phone         VARCHAR(50)   NOT NULL,
    -- digits only (with a leading + kept), for duplicate detection and search
    phone_key     VARCHAR(30)   NOT NULL,
    label         VARCHAR(40),
    PRIMARY KEY (workspace_id, contact_id, position),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_phones_by_key ON contact_phones (workspace_id, phone_key);

-- The buying centre: who of a contact's organisations they belong to, in which role, key or not.
CREATE TABLE account_contacts (
    workspace_id  BIGINT       NOT NULL,
    account_id    BIGINT       NOT NULL,
    contact_id    BIGINT       NOT NULL,
    role          VARCHAR(20)  NOT NULL CHECK (role IN ('DECISION_MAKER', 'ECONOMIC_BUYER', 'INFLUENCER', 'USER',
                                                        'GATEKEEPER', 'CHAMPION', 'OTHER')),
    key_person    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, account_id, contact_id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX account_contacts_by_contact ON account_contacts (workspace_id, contact_id, account_id);

CREATE TABLE account_tags (
    workspace_id  BIGINT        NOT NULL,
    account_id    BIGINT        NOT NULL,
    tag           VARCHAR(50)   NOT NULL,
    PRIMARY KEY (workspace_id, account_id, tag),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX account_tags_by_tag ON account_tags (workspace_id, tag, account_id);

CREATE TABLE contact_tags (
    workspace_id  BIGINT        NOT NULL,
    contact_id    BIGINT        NOT NULL,
    tag           VARCHAR(50)   NOT NULL,
    PRIMARY KEY (workspace_id, contact_id, tag),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_tags_by_tag ON contact_tags (workspace_id, tag, contact_id);

-- Custom field definitions per entity; values are validated against them and stored as JSON in the
-- record's custom column. No runtime schema change, no key/value table.
CREATE TABLE custom_fields (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    entity        VARCHAR(20)   NOT NULL,
    field_key     VARCHAR(50)   NOT NULL,
    label         VARCHAR(100)  NOT NULL,
    type          VARCHAR(20)   NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'MONEY', 'DATE', 'BOOLEAN', 'SELECT',
                                                         'MULTI_SELECT')),
    options       TEXT          NOT NULL DEFAULT '[]',
    required      BOOLEAN       NOT NULL DEFAULT FALSE,
    position      INTEGER       NOT NULL DEFAULT 0,
    archived      BOOLEAN       NOT NULL DEFAULT FALSE,
    version       BIGINT        NOT NULL DEFAULT 0,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX custom_fields_key ON custom_fields (workspace_id, entity, field_key);

-- A user's saved filters and sort of a list.
CREATE TABLE saved_views (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    user_id       BIGINT        NOT NULL,
    entity        VARCHAR(20)   NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    query         VARCHAR(2000) NOT NULL,
    created_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id)
);
CREATE INDEX saved_views_by_user ON saved_views (workspace_id, user_id, entity, name);
