DROP TRIGGER user_fine_positions_after_name;
DROP TRIGGER user_fine_positions_after_active;
DROP TRIGGER user_fine_positions_after_created;
DROP TRIGGER user_fine_positions_after_delete;
DROP TRIGGER user_fine_positions_after_insert;
DROP VIEW user_fine_position_keys;
DROP TABLE user_fine_positions;

-- user_positions as migration 18 made it, counted again.
DROP TRIGGER user_positions_after_id;
DROP TRIGGER user_positions_after_name;
DROP TRIGGER user_positions_after_active;
DROP TRIGGER user_positions_after_created;
DROP TRIGGER user_positions_after_delete;
DROP TRIGGER user_positions_after_insert;
DROP VIEW user_position_keys;
DROP TABLE user_positions;

CREATE TABLE user_positions (
    sort   TEXT NOT NULL CHECK (sort IN ('created', 'active', 'name', 'id')),
    status TEXT NOT NULL, -- '' = every status
    bucket ANY NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (sort, status, bucket)
) WITHOUT ROWID;

CREATE VIEW user_position_keys AS
    SELECT id, 'created' AS sort, status, created_at >> 27 AS bucket FROM connected_users
    UNION ALL SELECT id, 'active' AS sort, status, CASE WHEN last_active_at = 0 THEN (id >> 12) - 4398046511104 ELSE last_active_at >> 27 END AS bucket FROM connected_users
    UNION ALL SELECT id, 'name' AS sort, status, lower(substr(name, 1, 2)) AS bucket FROM connected_users
    UNION ALL SELECT id, 'id' AS sort, status, id >> 12 AS bucket FROM connected_users
    UNION ALL SELECT id, 'created', '', created_at >> 27 FROM connected_users
    UNION ALL SELECT id, 'active', '', CASE WHEN last_active_at = 0 THEN (id >> 12) - 4398046511104 ELSE last_active_at >> 27 END FROM connected_users
    UNION ALL SELECT id, 'name', '', lower(substr(name, 1, 2)) FROM connected_users
    UNION ALL SELECT id, 'id', '', id >> 12 FROM connected_users;

INSERT INTO user_positions (sort, status, bucket, n)
SELECT sort, status, bucket, count(*) FROM user_position_keys GROUP BY sort, status, bucket;

CREATE TRIGGER user_positions_after_insert AFTER INSERT ON connected_users BEGIN
    INSERT INTO user_positions (sort, status, bucket, n) VALUES
        ('created', NEW.status, NEW.created_at >> 27, 1),
        ('active', NEW.status, CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END, 1),
        ('name', NEW.status, lower(substr(NEW.name, 1, 2)), 1),
        ('id', NEW.status, NEW.id >> 12, 1),
        ('created', '', NEW.created_at >> 27, 1),
        ('active', '', CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END, 1),
        ('name', '', lower(substr(NEW.name, 1, 2)), 1),
        ('id', '', NEW.id >> 12, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_positions_after_delete AFTER DELETE ON connected_users BEGIN
    UPDATE user_positions SET n = n - 1 WHERE status IN (OLD.status, '') AND (
        sort = 'created' AND bucket = OLD.created_at >> 27
        OR sort = 'active' AND bucket = CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END
        OR sort = 'name' AND bucket = lower(substr(OLD.name, 1, 2))
        OR sort = 'id' AND bucket = OLD.id >> 12);
END;

-- One trigger a sort order, so that an update moving several keys moves
-- each count once.
CREATE TRIGGER user_positions_after_created AFTER UPDATE OF created_at, status ON connected_users
WHEN OLD.created_at >> 27 <> NEW.created_at >> 27 OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'created' AND status = OLD.status AND bucket = OLD.created_at >> 27;
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('created', NEW.status, NEW.created_at >> 27, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
    UPDATE user_positions SET n = n - 1 WHERE sort = 'created' AND status = '' AND bucket = OLD.created_at >> 27 AND OLD.created_at >> 27 <> NEW.created_at >> 27;
    INSERT INTO user_positions (sort, status, bucket, n) SELECT 'created', '', NEW.created_at >> 27, 1 WHERE OLD.created_at >> 27 <> NEW.created_at >> 27
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_positions_after_active AFTER UPDATE OF last_active_at, status ON connected_users
WHEN CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END <> CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'active' AND status = OLD.status AND bucket = CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END;
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('active', NEW.status, CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
    UPDATE user_positions SET n = n - 1 WHERE sort = 'active' AND status = '' AND bucket = CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END AND CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END <> CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END;
    INSERT INTO user_positions (sort, status, bucket, n) SELECT 'active', '', CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END, 1 WHERE CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END <> CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_positions_after_name AFTER UPDATE OF name, status ON connected_users
WHEN lower(substr(OLD.name, 1, 2)) <> lower(substr(NEW.name, 1, 2)) OR OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'name' AND status = OLD.status AND bucket = lower(substr(OLD.name, 1, 2));
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('name', NEW.status, lower(substr(NEW.name, 1, 2)), 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
    UPDATE user_positions SET n = n - 1 WHERE sort = 'name' AND status = '' AND bucket = lower(substr(OLD.name, 1, 2)) AND lower(substr(OLD.name, 1, 2)) <> lower(substr(NEW.name, 1, 2));
    INSERT INTO user_positions (sort, status, bucket, n) SELECT 'name', '', lower(substr(NEW.name, 1, 2)), 1 WHERE lower(substr(OLD.name, 1, 2)) <> lower(substr(NEW.name, 1, 2))
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

-- A user's id never changes: only their status moves them in 'id'.
CREATE TRIGGER user_positions_after_id AFTER UPDATE OF status ON connected_users
WHEN OLD.status <> NEW.status BEGIN
    UPDATE user_positions SET n = n - 1 WHERE sort = 'id' AND status = OLD.status AND bucket = OLD.id >> 12;
    INSERT INTO user_positions (sort, status, bucket, n) VALUES ('id', NEW.status, NEW.id >> 12, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;
