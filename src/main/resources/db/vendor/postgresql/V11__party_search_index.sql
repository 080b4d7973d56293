-- Search as you type on PostgreSQL: trigram indexes over one search text per account and contact,
-- and pattern indexes for the one- and two-letter prefixes that trigrams cannot serve.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE accounts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX accounts_search ON accounts USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX contacts_search ON contacts USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX accounts_prefix ON accounts (workspace_id, sort_name text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX contacts_prefix ON contacts (workspace_id, sort_name text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX accounts_name_key_prefix ON accounts (workspace_id, name_key text_pattern_ops);
CREATE INDEX contacts_name_key_prefix ON contacts (workspace_id, name_key text_pattern_ops);
