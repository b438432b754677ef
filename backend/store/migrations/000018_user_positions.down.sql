-- Back to migration 17's user_positions, counted again.
DROP TRIGGER user_positions_after_id;
DROP TRIGGER user_positions_after_name;
DROP TRIGGER user_positions_after_active;
DROP TRIGGER user_positions_after_created;
DROP TRIGGER user_positions_after_delete;
DROP TRIGGER user_positions_after_insert;
DROP VIEW user_position_keys;
DROP TABLE user_positions;

CREATE TABLE user_positions (
    sort   TEXT NOT NULL CHECK (sort IN ('created', 'active', 'name')),
    status TEXT NOT NULL,
    bucket ANY NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (sort, status, bucket)
) WITHOUT ROWID;

CREATE VIEW user_position_keys AS
    SELECT id, 'created' AS sort, status, created_at >> 27 AS bucket FROM connected_users
    UNION ALL SELECT id, 'active', status, last_active_at >> 27 FROM connected_users
    UNION ALL SELECT id, 'name', status, lower(substr(name, 1, 2)) FROM connected_users;

INSERT INTO user_positions (sort, status, bucket, n)
SELECT sort, status, bucket, count(*) FROM user_position_keys GROUP BY sort, status, bucket;

CREATE TRIGGER user_positions_after_insert AFTER INSERT ON connected_users BEGIN
    INSERT INTO user_positions (sort, status, bucket, n) VALUES
        ('created', NEW.status, NEW.created_at >> 27, 1),
        ('active', NEW.status, NEW.last_active_at >> 27, 1),
        ('name', NEW.status, lower(substr(NEW.name, 1, 2)), 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_positions_after_delete AFTER DELETE ON connected_users BEGIN
    UPDATE user_positions SET n = n - 1 WHERE status = OLD.status AND (
        sort = 'created' AND bucket = OLD.created_at >> 27
        OR sort = 'active' AND bucket = OLD.last_active_at >> 27
        OR sort = 'name' AND bucket = lower(substr(OLD.name, 1, 2)));
END;

-- One trigger a sort order, so that an update moving several keys moves
-- each count once.
CREATE TRIGGER user_positions_after_created AFTER UPDATE OF created_at, status ON connected_users
WHEN OLD.created_at >> 27 <> NEW.created_at >> 27 OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'created' AND status = OLD.status AND bucket = OLD.created_at >> 27;
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('created', NEW.status, NEW.created_at >> 27, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_positions_after_active AFTER UPDATE OF last_active_at, status ON connected_users
WHEN OLD.last_active_at >> 27 <> NEW.last_active_at >> 27 OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'active' AND status = OLD.status AND bucket = OLD.last_active_at >> 27;
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('active', NEW.status, NEW.last_active_at >> 27, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_positions_after_name AFTER UPDATE OF name, status ON connected_users
WHEN lower(substr(OLD.name, 1, 2)) <> lower(substr(NEW.name, 1, 2)) OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'name' AND status = OLD.status AND bucket = lower(substr(OLD.name, 1, 2));
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('name', NEW.status, lower(substr(NEW.name, 1, 2)), 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;
