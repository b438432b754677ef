DROP TRIGGER connections_error_bits_after_status;
DROP TRIGGER connections_bits_after_update;
DROP TRIGGER connections_bits_after_delete;
DROP TRIGGER connections_bits_after_insert;

ALTER TABLE connected_users DROP COLUMN error_bits;

CREATE TRIGGER connections_bits_after_insert AFTER INSERT ON connections
WHEN NEW.integration_id BETWEEN 1 AND 62 BEGIN
    UPDATE connected_users SET integration_bits = integration_bits | (1 << NEW.integration_id) WHERE id = NEW.user_id;
END;

CREATE TRIGGER connections_bits_after_delete AFTER DELETE ON connections
WHEN OLD.integration_id BETWEEN 1 AND 62 BEGIN
    UPDATE connected_users SET integration_bits = integration_bits & ~(1 << OLD.integration_id) WHERE id = OLD.user_id;
END;

CREATE TRIGGER connections_bits_after_update AFTER UPDATE OF user_id, integration_id ON connections BEGIN
    UPDATE connected_users SET integration_bits = (SELECT coalesce(sum(1 << c.integration_id), 0) FROM connections c
        WHERE c.user_id = connected_users.id AND c.integration_id BETWEEN 1 AND 62)
    WHERE id IN (OLD.user_id, NEW.user_id);
END;
