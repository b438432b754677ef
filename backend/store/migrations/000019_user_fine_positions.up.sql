-- 1. user_positions' bucket was declared ANY, which outside a STRICT table
-- is NUMERIC affinity: a name's first characters that read as a number
-- ("12", "00") were stored as that number, which sorts before every text
-- and was read back as a bucket of time, so a jump in name order among
-- names that start with digits or punctuation landed on the wrong rows.
-- The table is made again with an untyped bucket (no affinity), its other
-- buckets kept and its names' counted again.
CREATE TEMP TABLE kept_positions AS SELECT * FROM user_positions WHERE sort <> 'name';
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
    bucket NOT NULL, -- no type: a name's "12" stays text
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

INSERT INTO user_positions (sort, status, bucket, n) SELECT * FROM temp.kept_positions;
DROP TABLE temp.kept_positions;
INSERT INTO user_positions (sort, status, bucket, n)
SELECT 'name', status, lower(substr(name, 1, 2)), count(*) FROM connected_users GROUP BY 2, 3
UNION ALL SELECT 'name', '', lower(substr(name, 1, 2)), count(*) FROM connected_users GROUP BY 3;

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

-- 2. Finer counts of created, last active and name order. user_positions
-- counts users by buckets of 1.5 days and by the first two characters of
-- their name, and data piles into some: most users of a platform active in
-- the last day, or created on the day they moved onto it (and numbered out
-- of created order, so that the blocks of ids do not help); a first name
-- shared by one user in twenty. A jump into the middle of such a bucket
-- stepped over half of it: 6-7.5 ms into 554,000 users active the same
-- day. user_fine_positions counts users by status (and every status, '')
-- in buckets of 2^21 ms (about 35 minutes, 64 to a bucket of
-- user_positions) and by the first four characters of their name; a jump
-- into a crowded bucket sums its fine buckets first. Users never active
-- have no fine bucket: they count by blocks of ids already.
CREATE TABLE user_fine_positions (
    sort   TEXT NOT NULL CHECK (sort IN ('created', 'active', 'name')),
    status TEXT NOT NULL, -- '' = every status
    bucket NOT NULL, -- no type, as user_positions'
    n      INTEGER NOT NULL,
    PRIMARY KEY (sort, status, bucket)
) WITHOUT ROWID;

CREATE VIEW user_fine_position_keys AS
    SELECT id, 'created' AS sort, status, created_at >> 21 AS bucket FROM connected_users
    UNION ALL SELECT id, 'created', '', created_at >> 21 FROM connected_users
    UNION ALL SELECT id, 'active', status, last_active_at >> 21 FROM connected_users WHERE last_active_at <> 0
    UNION ALL SELECT id, 'active', '', last_active_at >> 21 FROM connected_users WHERE last_active_at <> 0
    UNION ALL SELECT id, 'name', status, lower(substr(name, 1, 4)) FROM connected_users
    UNION ALL SELECT id, 'name', '', lower(substr(name, 1, 4)) FROM connected_users;

INSERT INTO user_fine_positions (sort, status, bucket, n)
SELECT sort, status, bucket, count(*) FROM user_fine_position_keys GROUP BY sort, status, bucket;

CREATE TRIGGER user_fine_positions_after_insert AFTER INSERT ON connected_users BEGIN
    INSERT INTO user_fine_positions (sort, status, bucket, n) VALUES
        ('created', NEW.status, NEW.created_at >> 21, 1), ('created', '', NEW.created_at >> 21, 1),
        ('name', NEW.status, lower(substr(NEW.name, 1, 4)), 1), ('name', '', lower(substr(NEW.name, 1, 4)), 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
    INSERT INTO user_fine_positions (sort, status, bucket, n)
    SELECT 'active', s.status, NEW.last_active_at >> 21, 1 FROM (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE NEW.last_active_at <> 0
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_fine_positions_after_delete AFTER DELETE ON connected_users BEGIN
    UPDATE user_fine_positions SET n = n - 1 WHERE status IN (OLD.status, '') AND (
        sort = 'created' AND bucket = OLD.created_at >> 21
        OR sort = 'active' AND OLD.last_active_at <> 0 AND bucket = OLD.last_active_at >> 21
        OR sort = 'name' AND bucket = lower(substr(OLD.name, 1, 4)));
END;

-- As user_positions' triggers: a status moves the counts of the status, a
-- bucket those of every status too.
CREATE TRIGGER user_fine_positions_after_created AFTER UPDATE OF created_at, status ON connected_users
WHEN OLD.created_at >> 21 <> NEW.created_at >> 21 OR OLD.status <> NEW.status BEGIN
    UPDATE user_fine_positions SET n = n - 1 WHERE sort = 'created' AND status = OLD.status AND bucket = OLD.created_at >> 21;
    INSERT INTO user_fine_positions (sort, status, bucket, n) VALUES ('created', NEW.status, NEW.created_at >> 21, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
    UPDATE user_fine_positions SET n = n - 1 WHERE sort = 'created' AND status = '' AND bucket = OLD.created_at >> 21
        AND OLD.created_at >> 21 <> NEW.created_at >> 21;
    INSERT INTO user_fine_positions (sort, status, bucket, n) SELECT 'created', '', NEW.created_at >> 21, 1
    WHERE OLD.created_at >> 21 <> NEW.created_at >> 21
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

-- 0 (never active) >> 21 is 0, below any time's bucket: a first activity
-- moves the bucket too.
CREATE TRIGGER user_fine_positions_after_active AFTER UPDATE OF last_active_at, status ON connected_users
WHEN OLD.last_active_at >> 21 <> NEW.last_active_at >> 21 OR OLD.status <> NEW.status BEGIN
    UPDATE user_fine_positions SET n = n - 1 WHERE sort = 'active' AND status = OLD.status
        AND bucket = OLD.last_active_at >> 21 AND OLD.last_active_at <> 0;
    INSERT INTO user_fine_positions (sort, status, bucket, n) SELECT 'active', NEW.status, NEW.last_active_at >> 21, 1
    WHERE NEW.last_active_at <> 0
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
    UPDATE user_fine_positions SET n = n - 1 WHERE sort = 'active' AND status = ''
        AND bucket = OLD.last_active_at >> 21 AND OLD.last_active_at <> 0 AND OLD.last_active_at >> 21 <> NEW.last_active_at >> 21;
    INSERT INTO user_fine_positions (sort, status, bucket, n) SELECT 'active', '', NEW.last_active_at >> 21, 1
    WHERE NEW.last_active_at <> 0 AND OLD.last_active_at >> 21 <> NEW.last_active_at >> 21
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_fine_positions_after_name AFTER UPDATE OF name, status ON connected_users
WHEN lower(substr(OLD.name, 1, 4)) <> lower(substr(NEW.name, 1, 4)) OR OLD.status <> NEW.status BEGIN
    UPDATE user_fine_positions SET n = n - 1 WHERE sort = 'name' AND status = OLD.status AND bucket = lower(substr(OLD.name, 1, 4));
    INSERT INTO user_fine_positions (sort, status, bucket, n) VALUES ('name', NEW.status, lower(substr(NEW.name, 1, 4)), 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
    UPDATE user_fine_positions SET n = n - 1 WHERE sort = 'name' AND status = '' AND bucket = lower(substr(OLD.name, 1, 4))
        AND lower(substr(OLD.name, 1, 4)) <> lower(substr(NEW.name, 1, 4));
    INSERT INTO user_fine_positions (sort, status, bucket, n) SELECT 'name', '', lower(substr(NEW.name, 1, 4)), 1
    WHERE lower(substr(OLD.name, 1, 4)) <> lower(substr(NEW.name, 1, 4))
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;
