-- Search as you type on PostgreSQL: trigram indexes over one search text per account and contact,
-- and pattern indexes for the one- and two-letter prefixes that trigrams cannot serve.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE accounts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

-- the operator class lives in whichever schema pg_trgm was installed into, which need not be on
-- Tickler's search path: qualify it
DO $$
DECLARE
    trgm_schema TEXT;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX accounts_search ON accounts USING gin (search_text %I.gin_trgm_ops) WHERE deleted_at IS NULL',
                   trgm_schema);
    EXECUTE format('CREATE INDEX contacts_search ON contacts USING gin (search_text %I.gin_trgm_ops) WHERE deleted_at IS NULL',
                   trgm_schema);
END
$$;

CREATE INDEX accounts_prefix ON accounts (workspace_id, sort_name text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX contacts_prefix ON contacts (workspace_id, sort_name text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX accounts_name_key_prefix ON accounts (workspace_id, name_key text_pattern_ops);
CREATE INDEX contacts_name_key_prefix ON contacts (workspace_id, name_key text_pattern_ops);
