DROP TRIGGER connections_count_after_delete;
CREATE TRIGGER connections_count_after_delete AFTER DELETE ON connections BEGIN
    UPDATE integrations SET user_count = user_count - 1 WHERE id = OLD.integration_id;
END;

DROP TRIGGER connections_count_after_insert;
CREATE TRIGGER connections_count_after_insert AFTER INSERT ON connections BEGIN
    UPDATE integrations SET user_count = user_count + 1 WHERE id = NEW.integration_id;
END;

DROP TRIGGER connections_status_after_delete;
CREATE TRIGGER connections_status_after_delete AFTER DELETE ON connections BEGIN
    UPDATE connected_users SET status = (SELECT status FROM user_status_derived WHERE id = OLD.user_id)
    WHERE id = OLD.user_id AND status <> (SELECT status FROM user_status_derived WHERE id = OLD.user_id);
END;

DROP TRIGGER connections_status_after_insert;
CREATE TRIGGER connections_status_after_insert AFTER INSERT ON connections BEGIN
    UPDATE connected_users
    SET status = CASE NEW.status WHEN 'error' THEN 'account_errors' ELSE 'connected' END
    WHERE id = NEW.user_id AND disabled_at IS NULL
      AND (status = 'no_integrations' OR (status = 'connected' AND NEW.status = 'error'));
END;

DROP TRIGGER connections_status_after_update;
CREATE TRIGGER connections_status_after_update AFTER UPDATE OF status ON connections BEGIN
    UPDATE connected_users SET status = (SELECT status FROM user_status_derived WHERE id = NEW.user_id)
    WHERE id = NEW.user_id AND status <> (SELECT status FROM user_status_derived WHERE id = NEW.user_id);
END;

DROP TRIGGER connections_status_count_after_delete;
CREATE TRIGGER connections_status_count_after_delete AFTER DELETE ON connections BEGIN
    UPDATE integration_status_counts SET n = n - 1 WHERE integration_id = OLD.integration_id AND status = OLD.user_status;
END;

DROP TRIGGER connections_status_count_after_insert;
CREATE TRIGGER connections_status_count_after_insert AFTER INSERT ON connections BEGIN
    UPDATE integration_status_counts SET n = n + 1 WHERE integration_id = NEW.integration_id AND status = NEW.user_status;
END;

DROP TRIGGER connections_status_count_after_update;
CREATE TRIGGER connections_status_count_after_update AFTER UPDATE OF user_status, integration_id ON connections BEGIN
    UPDATE integration_status_counts SET n = n - 1 WHERE integration_id = OLD.integration_id AND status = OLD.user_status;
    UPDATE integration_status_counts SET n = n + 1 WHERE integration_id = NEW.integration_id AND status = NEW.user_status;
END;

DROP TRIGGER connections_user_status_after_insert;
CREATE TRIGGER connections_user_status_after_insert AFTER INSERT ON connections
WHEN NEW.user_status IS NOT (SELECT status FROM connected_users WHERE id = NEW.user_id) BEGIN
    UPDATE connections SET user_status = (SELECT status FROM connected_users WHERE id = NEW.user_id)
    WHERE user_id = NEW.user_id AND integration_id = NEW.integration_id;
END;

DROP TRIGGER users_connections_after_status;
CREATE TRIGGER users_connections_after_status AFTER UPDATE OF status ON connected_users
WHEN OLD.status <> NEW.status BEGIN
    UPDATE connections SET user_status = NEW.status WHERE user_id = NEW.id AND user_status <> NEW.status;
END;

DROP TRIGGER users_count_after_delete;
CREATE TRIGGER users_count_after_delete AFTER DELETE ON connected_users BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
END;

DROP TRIGGER users_count_after_insert;
CREATE TRIGGER users_count_after_insert AFTER INSERT ON connected_users BEGIN
    UPDATE status_counts SET n = n + 1 WHERE status = NEW.status;
END;

DROP TRIGGER users_count_after_status;
CREATE TRIGGER users_count_after_status AFTER UPDATE OF status ON connected_users
WHEN OLD.status <> NEW.status BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
    UPDATE status_counts SET n = n + 1 WHERE status = NEW.status;
END;

DROP TRIGGER users_fts_after_delete;
CREATE TRIGGER users_fts_after_delete AFTER DELETE ON connected_users BEGIN
    INSERT INTO users_fts (users_fts, rowid, name, email, external_id) VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.external_id);
END;

DROP TRIGGER users_fts_after_insert;
CREATE TRIGGER users_fts_after_insert AFTER INSERT ON connected_users BEGIN
    INSERT INTO users_fts (rowid, name, email, external_id) VALUES (NEW.id, NEW.name, NEW.email, NEW.external_id);
END;

DROP TRIGGER users_fts_after_update;
CREATE TRIGGER users_fts_after_update AFTER UPDATE OF name, email, external_id ON connected_users BEGIN
    INSERT INTO users_fts (users_fts, rowid, name, email, external_id) VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.external_id);
    INSERT INTO users_fts (rowid, name, email, external_id) VALUES (NEW.id, NEW.name, NEW.email, NEW.external_id);
END;

DROP TRIGGER users_status_after_disable;
CREATE TRIGGER users_status_after_disable AFTER UPDATE OF disabled_at ON connected_users BEGIN
    UPDATE connected_users SET status = (SELECT status FROM user_status_derived WHERE id = NEW.id)
    WHERE id = NEW.id AND status <> (SELECT status FROM user_status_derived WHERE id = NEW.id);
END;

DROP TRIGGER users_status_after_insert;
CREATE TRIGGER users_status_after_insert AFTER INSERT ON connected_users BEGIN
    UPDATE connected_users SET status = (SELECT status FROM user_status_derived WHERE id = NEW.id)
    WHERE id = NEW.id AND status <> (SELECT status FROM user_status_derived WHERE id = NEW.id);
END;

DROP TABLE bulk_mode;
