-- The installed base (seed 002 phase 5): the product catalogue, what each customer has installed,
-- one row per end (warranty, service contract, end of life) for the lifecycle list, and the renewal
-- notices already given, so that the daily job never gives one twice for the same end.

CREATE TABLE products (
    workspace_id     BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id               BIGINT        NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    name_key         VARCHAR(200)  NOT NULL,
    lifespan_months  INTEGER,
    warranty_months  INTEGER,
    service_months   INTEGER,
    active           BOOLEAN       NOT NULL DEFAULT TRUE,
    version          BIGINT        NOT NULL DEFAULT 0,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX products_by_name ON products (workspace_id, name_key);
CREATE INDEX products_list ON products (workspace_id, name_key, id);

CREATE TABLE installed_products (
    workspace_id   BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id             BIGINT        NOT NULL,
    account_id     BIGINT        NOT NULL,
    product_id     BIGINT        NOT NULL,
    quantity       INTEGER       NOT NULL CHECK (quantity > 0),
    install_date   VARCHAR(10)   NOT NULL,
    warranty_end   VARCHAR(10),
    service_end    VARCHAR(10),
    end_of_life    VARCHAR(10),
    deal_id        BIGINT,
    notes          VARCHAR(1000),
    version        BIGINT        NOT NULL DEFAULT 0,
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, product_id) REFERENCES products (workspace_id, id)
);
CREATE INDEX installed_products_by_account ON installed_products (workspace_id, account_id, product_id, install_date);
CREATE INDEX installed_products_by_product ON installed_products (workspace_id, product_id, id);

-- What ends when: the lifecycle list is one range of (end_date, kind, installed_id).
CREATE TABLE installed_ends (
    workspace_id   BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    installed_id   BIGINT        NOT NULL,
    kind           VARCHAR(12)   NOT NULL CHECK (kind IN ('WARRANTY', 'SERVICE', 'END_OF_LIFE')),
    end_date       VARCHAR(10)   NOT NULL,
    account_id     BIGINT        NOT NULL,
    product_id     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, installed_id, kind),
    FOREIGN KEY (workspace_id, installed_id) REFERENCES installed_products (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX installed_ends_by_date ON installed_ends (workspace_id, end_date, kind, installed_id);

CREATE TABLE renewal_notices (
    workspace_id   BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    installed_id   BIGINT        NOT NULL,
    kind           VARCHAR(12)   NOT NULL,
    end_date       VARCHAR(10)   NOT NULL,
    follow_up_id   BIGINT,
    deal_id        BIGINT,
    note           VARCHAR(300),
    created_at     BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, installed_id, kind, end_date)
);
