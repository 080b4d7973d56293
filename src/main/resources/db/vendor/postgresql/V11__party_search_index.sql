-- Search as you type on PostgreSQL: each account and contact carries its search text, and a
-- full-text vector of it (the 'simple' configuration: no stemming, no stop words) indexed with GIN,
-- so that every typed word matches as a prefix of a word — the same semantics as SQLite's FTS5.
-- Pattern indexes serve "name starts with" and the duplicate check's name prefixes.
ALTER TABLE accounts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
ALTER TABLE contacts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX accounts_search ON accounts USING gin (search_vector) WHERE deleted_at IS NULL;
CREATE INDEX contacts_search ON contacts USING gin (search_vector) WHERE deleted_at IS NULL;

CREATE INDEX accounts_prefix ON accounts (workspace_id, sort_name text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX contacts_prefix ON contacts (workspace_id, sort_name text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX accounts_name_key_prefix ON accounts (workspace_id, name_key text_pattern_ops);
CREATE INDEX contacts_name_key_prefix ON contacts (workspace_id, name_key text_pattern_ops);
