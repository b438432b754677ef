-- Back to migration 19: no rows of status ''.
DELETE FROM user_positions WHERE status = '';

DROP VIEW user_position_keys;
CREATE VIEW user_position_keys AS
    SELECT id, 'created' AS sort, status, created_at >> 27 AS bucket FROM connected_users
    UNION ALL SELECT id, 'active', status, CASE WHEN last_active_at = 0 THEN (id >> 12) - 4398046511104 ELSE last_active_at >> 27 END FROM connected_users
    UNION ALL SELECT id, 'name', status, lower(substr(name, 1, 2)) FROM connected_users
    UNION ALL SELECT id, 'id', status, id >> 12 FROM connected_users;

DROP TRIGGER user_positions_after_insert;
CREATE TRIGGER user_positions_after_insert AFTER INSERT ON connected_users BEGIN
    INSERT INTO user_positions (sort, status, bucket, n) VALUES
        ('created', NEW.status, NEW.created_at >> 27, 1),
        ('active', NEW.status, CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END, 1),
        ('name', NEW.status, lower(substr(NEW.name, 1, 2)), 1),
        ('id', NEW.status, NEW.id >> 12, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER user_positions_after_delete;
CREATE TRIGGER user_positions_after_delete AFTER DELETE ON connected_users BEGIN
    UPDATE user_positions SET n = n - 1 WHERE status = OLD.status AND (
        sort = 'created' AND bucket = OLD.created_at >> 27
        OR sort = 'active' AND bucket = CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END
        OR sort = 'name' AND bucket = lower(substr(OLD.name, 1, 2))
        OR sort = 'id' AND bucket = OLD.id >> 12);
END;

DROP TRIGGER user_positions_after_created;
CREATE TRIGGER user_positions_after_created AFTER UPDATE OF created_at, status ON connected_users
WHEN OLD.created_at >> 27 <> NEW.created_at >> 27 OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'created' AND status = OLD.status AND bucket = OLD.created_at >> 27;
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('created', NEW.status, NEW.created_at >> 27, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER user_positions_after_active;
CREATE TRIGGER user_positions_after_active AFTER UPDATE OF last_active_at, status ON connected_users
WHEN CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END <> CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'active' AND status = OLD.status AND bucket = CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END;
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('active', NEW.status, CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER user_positions_after_name;
CREATE TRIGGER user_positions_after_name AFTER UPDATE OF name, status ON connected_users
WHEN lower(substr(OLD.name, 1, 2)) <> lower(substr(NEW.name, 1, 2)) OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'name' AND status = OLD.status AND bucket = lower(substr(OLD.name, 1, 2));
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('name', NEW.status, lower(substr(NEW.name, 1, 2)), 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;
