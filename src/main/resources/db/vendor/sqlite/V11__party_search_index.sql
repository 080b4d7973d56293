-- Search as you type on SQLite: an FTS5 index of names, emails, phones and account names. The
-- rowid is the account's or contact's id (ids are unique across both). Contentless with deletes, so
-- it stores only the index; the party module keeps it in step with every write.
CREATE VIRTUAL TABLE party_search USING fts5 (
    terms,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
