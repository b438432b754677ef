-- Back to migration 18's buckets of last active order.
DELETE FROM user_positions WHERE sort = 'active';
INSERT INTO user_positions (sort, status, bucket, n)
SELECT 'active', status, last_active_at >> 27, count(*) FROM connected_users GROUP BY status, 3;

DROP VIEW user_position_keys;
CREATE VIEW user_position_keys AS
    SELECT id, 'created' AS sort, status, created_at >> 27 AS bucket FROM connected_users
    UNION ALL SELECT id, 'active', status, last_active_at >> 27 FROM connected_users
    UNION ALL SELECT id, 'name', status, lower(substr(name, 1, 2)) FROM connected_users
    UNION ALL SELECT id, 'id', status, id >> 12 FROM connected_users;

DROP TRIGGER user_positions_after_insert;
CREATE TRIGGER user_positions_after_insert AFTER INSERT ON connected_users BEGIN
    INSERT INTO user_positions (sort, status, bucket, n) VALUES
        ('created', NEW.status, NEW.created_at >> 27, 1),
        ('active', NEW.status, NEW.last_active_at >> 27, 1),
        ('name', NEW.status, lower(substr(NEW.name, 1, 2)), 1),
        ('id', NEW.status, NEW.id >> 12, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER user_positions_after_delete;
CREATE TRIGGER user_positions_after_delete AFTER DELETE ON connected_users BEGIN
    UPDATE user_positions SET n = n - 1 WHERE status = OLD.status AND (
        sort = 'created' AND bucket = OLD.created_at >> 27
        OR sort = 'active' AND bucket = OLD.last_active_at >> 27
        OR sort = 'name' AND bucket = lower(substr(OLD.name, 1, 2))
        OR sort = 'id' AND bucket = OLD.id >> 12);
END;

DROP TRIGGER user_positions_after_active;
CREATE TRIGGER user_positions_after_active AFTER UPDATE OF last_active_at, status ON connected_users
WHEN OLD.last_active_at >> 27 <> NEW.last_active_at >> 27 OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'active' AND status = OLD.status AND bucket = OLD.last_active_at >> 27;
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('active', NEW.status, NEW.last_active_at >> 27, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;
