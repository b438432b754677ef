-- A jump into a list (the scrollbar) asks for the rows at a position, and
-- SQLite steps over an OFFSET one index entry at a time: 9-20 ms to the
-- middle of a million users. user_positions counts the users of each sort
-- order by a coarse key (a bucket) and status, kept with the rows like
-- status_counts: a jump sums the buckets before its position, then steps
-- only within one bucket. Buckets: created and last active by 2^27 ms (about
-- 1.5 days), the name by its first two characters, case folded as the name's
-- NOCASE order folds it. user_position_keys is the one definition of a
-- user's buckets, for recounts; the triggers repeat it on OLD and NEW.
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
