-- Users of one integration and one status: the user's status is copied into
-- each of their connections, so that those users are one range of an index
-- (in created order), and counted per integration and status, so that the
-- list knows how many there are without walking them.

-- Kept equal to connected_users.status by the triggers below. A connection
-- inserted while the triggers run is inserted with '' and takes its user's
-- status from them ('' is never counted).
ALTER TABLE connections ADD COLUMN user_status TEXT NOT NULL DEFAULT '';

UPDATE connections SET user_status = (SELECT u.status FROM connected_users u WHERE u.id = connections.user_id);

CREATE INDEX connections_integration_status ON connections (integration_id, user_status, user_created_at, user_id);
-- Statistics now, so that no plan takes the new index for the old one's work.
ANALYZE connections_integration_status;

CREATE TABLE integration_status_counts (
    integration_id INTEGER NOT NULL REFERENCES integrations(id),
    status         TEXT NOT NULL,
    n              INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (integration_id, status)
) WITHOUT ROWID;

-- A row for every integration and status, so that every change is an UPDATE.
INSERT INTO integration_status_counts (integration_id, status, n)
SELECT i.id, s.status, (SELECT count(*) FROM connections c WHERE c.integration_id = i.id AND c.user_status = s.status)
FROM integrations i CROSS JOIN status_counts s;

CREATE TRIGGER integrations_status_counts_after_insert AFTER INSERT ON integrations BEGIN
    INSERT OR IGNORE INTO integration_status_counts (integration_id, status, n) SELECT NEW.id, status, 0 FROM status_counts;
END;

-- Whichever of this and the status triggers runs first, the connection ends
-- with its user's final status.
CREATE TRIGGER connections_user_status_after_insert AFTER INSERT ON connections
WHEN NEW.user_status IS NOT (SELECT status FROM connected_users WHERE id = NEW.user_id) BEGIN
    UPDATE connections SET user_status = (SELECT status FROM connected_users WHERE id = NEW.user_id)
    WHERE user_id = NEW.user_id AND integration_id = NEW.integration_id;
END;

CREATE TRIGGER users_connections_after_status AFTER UPDATE OF status ON connected_users
WHEN OLD.status <> NEW.status BEGIN
    UPDATE connections SET user_status = NEW.status WHERE user_id = NEW.id AND user_status <> NEW.status;
END;

-- The counts follow each connection's own columns, so they need no order
-- among the triggers.
CREATE TRIGGER connections_status_count_after_insert AFTER INSERT ON connections BEGIN
    UPDATE integration_status_counts SET n = n + 1 WHERE integration_id = NEW.integration_id AND status = NEW.user_status;
END;

CREATE TRIGGER connections_status_count_after_update AFTER UPDATE OF user_status, integration_id ON connections BEGIN
    UPDATE integration_status_counts SET n = n - 1 WHERE integration_id = OLD.integration_id AND status = OLD.user_status;
    UPDATE integration_status_counts SET n = n + 1 WHERE integration_id = NEW.integration_id AND status = NEW.user_status;
END;

CREATE TRIGGER connections_status_count_after_delete AFTER DELETE ON connections BEGIN
    UPDATE integration_status_counts SET n = n - 1 WHERE integration_id = OLD.integration_id AND status = OLD.user_status;
END;
