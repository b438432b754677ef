-- What each import changed, so that it can be rolled back: the users it
-- added (a range of ids per chunk: new users are numbered in order) and,
-- for each user it changed, their rows as they were before its first change.
CREATE TABLE import_added (
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    first_id  INTEGER NOT NULL,
    last_id   INTEGER NOT NULL,
    PRIMARY KEY (import_id, first_id)
) WITHOUT ROWID;

CREATE TABLE import_before (
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    before    TEXT NOT NULL CHECK (json_valid(before)),
    PRIMARY KEY (import_id, user_id)
) WITHOUT ROWID;

ALTER TABLE imports ADD COLUMN rolled_back_at INTEGER NOT NULL DEFAULT 0;
