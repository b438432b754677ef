-- Imports of connected users from files. Each chunk of an import commits
-- with its row here, so after a crash rows_done says exactly how far it got.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    format      TEXT NOT NULL,
    size        INTEGER NOT NULL,  -- bytes
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
    started_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,  -- the last chunk's commit: a running import that stops moving was interrupted
    finished_at INTEGER NOT NULL DEFAULT 0,
    rows_done   INTEGER NOT NULL DEFAULT 0, -- rows of the file read and committed
    bytes_done  INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT ''
);
