-- Roster's first schema. Times are Unix milliseconds (UTC).

CREATE TABLE integrations (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    user_count INTEGER NOT NULL DEFAULT 0 CHECK (user_count >= 0) -- maintained by the triggers below
);

CREATE TABLE workflows (
    id             INTEGER PRIMARY KEY,
    integration_id INTEGER NOT NULL REFERENCES integrations(id),
    key            TEXT NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    UNIQUE (integration_id, key)
);

CREATE TABLE connected_users (
    id              INTEGER PRIMARY KEY,
    external_id     TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL COLLATE NOCASE,
    email           TEXT NOT NULL DEFAULT '',
    -- Derived from disabled_at and the user's connections; kept true by the
    -- triggers below, in the same transaction as the change that moves it.
    status          TEXT NOT NULL DEFAULT 'no_integrations'
                    CHECK (status IN ('connected', 'account_errors', 'disabled', 'no_integrations')),
    disabled_at     INTEGER,
    disabled_reason TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL, -- first seen
    last_active_at  INTEGER NOT NULL DEFAULT 0, -- 0 = never; keeps keyset order free of NULLs
    metadata        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata))
);

-- Keyset pagination: one index per sort key, alone and behind a status filter.
CREATE INDEX users_created        ON connected_users (created_at, id);
CREATE INDEX users_status_created ON connected_users (status, created_at, id);
CREATE INDEX users_name           ON connected_users (name, id);
CREATE INDEX users_status_name    ON connected_users (status, name, id);
CREATE INDEX users_active         ON connected_users (last_active_at, id);
CREATE INDEX users_status_active  ON connected_users (status, last_active_at, id);

CREATE TABLE connections (
    user_id           INTEGER NOT NULL REFERENCES connected_users(id) ON DELETE CASCADE,
    integration_id    INTEGER NOT NULL REFERENCES integrations(id),
    status            TEXT NOT NULL CHECK (status IN ('connected', 'error')),
    error_message     TEXT NOT NULL DEFAULT '',
    connected_at      INTEGER NOT NULL,
    status_changed_at INTEGER NOT NULL,
    user_created_at   INTEGER NOT NULL, -- copy of the user's created_at for the index below
    PRIMARY KEY (user_id, integration_id)
) WITHOUT ROWID;

-- The integration filter walks this index in created order (a JOIN, not EXISTS).
CREATE INDEX connections_integration ON connections (integration_id, user_created_at, user_id);

-- A row per workflow the user has a state for; no row means never enabled.
CREATE TABLE user_workflows (
    user_id     INTEGER NOT NULL REFERENCES connected_users(id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflows(id),
    enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    changed_by  TEXT NOT NULL CHECK (changed_by IN ('admin', 'user')),
    changed_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, workflow_id)
) WITHOUT ROWID;

-- The one definition of a user's status.
CREATE VIEW user_status_derived (id, status) AS
SELECT u.id,
       CASE
           WHEN u.disabled_at IS NOT NULL THEN 'disabled'
           WHEN EXISTS (SELECT 1 FROM connections c WHERE c.user_id = u.id AND c.status = 'error') THEN 'account_errors'
           WHEN EXISTS (SELECT 1 FROM connections c WHERE c.user_id = u.id) THEN 'connected'
           ELSE 'no_integrations'
       END
FROM connected_users u;

CREATE TRIGGER users_status_after_insert AFTER INSERT ON connected_users BEGIN
    UPDATE connected_users SET status = (SELECT status FROM user_status_derived WHERE id = NEW.id)
    WHERE id = NEW.id AND status <> (SELECT status FROM user_status_derived WHERE id = NEW.id);
END;

CREATE TRIGGER users_status_after_disable AFTER UPDATE OF disabled_at ON connected_users BEGIN
    UPDATE connected_users SET status = (SELECT status FROM user_status_derived WHERE id = NEW.id)
    WHERE id = NEW.id AND status <> (SELECT status FROM user_status_derived WHERE id = NEW.id);
END;

-- A new connection can only move a user up from no_integrations, or from
-- connected to account_errors; this incremental form keeps bulk loads fast.
CREATE TRIGGER connections_status_after_insert AFTER INSERT ON connections BEGIN
    UPDATE connected_users
    SET status = CASE NEW.status WHEN 'error' THEN 'account_errors' ELSE 'connected' END
    WHERE id = NEW.user_id AND disabled_at IS NULL
      AND (status = 'no_integrations' OR (status = 'connected' AND NEW.status = 'error'));
END;

CREATE TRIGGER connections_status_after_update AFTER UPDATE OF status ON connections BEGIN
    UPDATE connected_users SET status = (SELECT status FROM user_status_derived WHERE id = NEW.user_id)
    WHERE id = NEW.user_id AND status <> (SELECT status FROM user_status_derived WHERE id = NEW.user_id);
END;

CREATE TRIGGER connections_status_after_delete AFTER DELETE ON connections BEGIN
    UPDATE connected_users SET status = (SELECT status FROM user_status_derived WHERE id = OLD.user_id)
    WHERE id = OLD.user_id AND status <> (SELECT status FROM user_status_derived WHERE id = OLD.user_id);
END;

-- Users per integration, for exact counts under an integration filter.
CREATE TRIGGER connections_count_after_insert AFTER INSERT ON connections BEGIN
    UPDATE integrations SET user_count = user_count + 1 WHERE id = NEW.integration_id;
END;

CREATE TRIGGER connections_count_after_delete AFTER DELETE ON connections BEGIN
    UPDATE integrations SET user_count = user_count - 1 WHERE id = OLD.integration_id;
END;

-- Header counts, maintained with the rows so nobody counts a million of them.
CREATE TABLE status_counts (
    status TEXT PRIMARY KEY,
    n      INTEGER NOT NULL CHECK (n >= 0)
) WITHOUT ROWID;

INSERT INTO status_counts (status, n) VALUES
    ('connected', 0), ('account_errors', 0), ('disabled', 0), ('no_integrations', 0);

CREATE TRIGGER users_count_after_insert AFTER INSERT ON connected_users BEGIN
    UPDATE status_counts SET n = n + 1 WHERE status = NEW.status;
END;

CREATE TRIGGER users_count_after_delete AFTER DELETE ON connected_users BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
END;

CREATE TRIGGER users_count_after_status AFTER UPDATE OF status ON connected_users
WHEN OLD.status <> NEW.status BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
    UPDATE status_counts SET n = n + 1 WHERE status = NEW.status;
END;

-- Substring search on name, e-mail and external id (trigram, case- and accent-insensitive).
CREATE VIRTUAL TABLE users_fts USING fts5 (
    name, email, external_id,
    content = 'connected_users', content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER users_fts_after_insert AFTER INSERT ON connected_users BEGIN
    INSERT INTO users_fts (rowid, name, email, external_id) VALUES (NEW.id, NEW.name, NEW.email, NEW.external_id);
END;

CREATE TRIGGER users_fts_after_delete AFTER DELETE ON connected_users BEGIN
    INSERT INTO users_fts (users_fts, rowid, name, email, external_id) VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.external_id);
END;

CREATE TRIGGER users_fts_after_update AFTER UPDATE OF name, email, external_id ON connected_users BEGIN
    INSERT INTO users_fts (users_fts, rowid, name, email, external_id) VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.external_id);
    INSERT INTO users_fts (rowid, name, email, external_id) VALUES (NEW.id, NEW.name, NEW.email, NEW.external_id);
END;

-- Every change: who, what, when, old and new values. Append-only and hash-chained.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    actor_id     TEXT NOT NULL,
    actor_name   TEXT NOT NULL,
    action       TEXT NOT NULL,
    target_type  TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    target_label TEXT NOT NULL DEFAULT '',
    before       TEXT CHECK (before IS NULL OR json_valid(before)),
    after        TEXT CHECK (after IS NULL OR json_valid(after)),
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL UNIQUE
);

CREATE INDEX audit_action ON audit_log (action, id);
CREATE INDEX audit_target ON audit_log (target_type, target_id, id);
CREATE INDEX audit_at     ON audit_log (at, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
