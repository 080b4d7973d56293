-- The daily journal: what a rep did on a day (journal_items, written by the events of the other
-- modules in their transaction), the rep's plan and reflection (journal_entries) and the manager's
-- comments (journal_comments). day is the ISO date in the rep's time zone.

CREATE TABLE journal_items (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    user_id       BIGINT        NOT NULL,
    day           VARCHAR(10)   NOT NULL,
    id            BIGINT        NOT NULL,
    kind          VARCHAR(30)   NOT NULL,
    occurred_at   BIGINT        NOT NULL,
    summary       VARCHAR(500)  NOT NULL,
    link          VARCHAR(300),
    account_id    BIGINT,
    -- the touch, follow-up, deal or commitment the line is about
    ref_id        BIGINT,
    -- the day view is one range of the primary key
    PRIMARY KEY (workspace_id, user_id, day, id)
);

CREATE TABLE journal_entries (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    user_id       BIGINT        NOT NULL,
    day           VARCHAR(10)   NOT NULL,
    -- the rep's team when the entry was written: whose managers review it
    team_id       BIGINT,
    plan          TEXT,
    reflection    TEXT,
    status        VARCHAR(10)   NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'REVIEWED')),
    item_count    INTEGER       NOT NULL DEFAULT 0,
    submitted_at  BIGINT,
    reviewed_at   BIGINT,
    reviewed_by   BIGINT,
    version       BIGINT        NOT NULL DEFAULT 0,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX journal_entries_by_day ON journal_entries (workspace_id, user_id, day);
CREATE INDEX journal_entries_history ON journal_entries (workspace_id, day, id);
CREATE INDEX journal_entries_by_team ON journal_entries (workspace_id, team_id, day, id);
CREATE INDEX journal_entries_to_review ON journal_entries (workspace_id, submitted_at, id) WHERE status = 'SUBMITTED';

CREATE TABLE journal_comments (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (workspace_id),
    id            BIGINT        NOT NULL,
    entry_id      BIGINT        NOT NULL,
    author_id     BIGINT        NOT NULL,
    body          TEXT          NOT NULL,
    created_at    BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, entry_id) REFERENCES journal_entries (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX journal_comments_by_entry ON journal_comments (workspace_id, entry_id, id);

-- When the missing-journal reminder is sent (the end of a working day, in the rep's zone), and the
-- reminders already sent: one per rep and day, whichever instance runs the job.
CREATE TABLE journal_settings (
    workspace_id    BIGINT       NOT NULL REFERENCES workspaces (workspace_id),
    reminder_time   VARCHAR(5)   NOT NULL DEFAULT '17:00',
    reminders_on    BOOLEAN      NOT NULL DEFAULT TRUE,
    version         BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id)
);

CREATE TABLE journal_reminders (
    workspace_id  BIGINT       NOT NULL REFERENCES workspaces (workspace_id),
    user_id       BIGINT       NOT NULL,
    day           VARCHAR(10)  NOT NULL,
    sent_at       BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, user_id, day)
);
