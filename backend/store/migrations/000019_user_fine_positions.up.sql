-- Finer counts of created and last active order: user_fine_positions counts
-- users by status (and every status, '') in buckets of 2^21 ms (about 35
-- minutes), 64 to a bucket of user_positions. Data can pile into one of
-- user_positions' buckets of 1.5 days: most users of a platform active in
-- the last day, or created on the day they moved onto it (and numbered out
-- of created order, so that the blocks of ids do not help). A jump into
-- such a bucket stepped over up to half of it: 6-7.5 ms into the middle of
-- 554,000 users active the same day. It now sums the fine buckets of that
-- one bucket first. Users never active have no fine bucket: they count by
-- blocks of ids already.
CREATE TABLE user_fine_positions (
    sort   TEXT NOT NULL CHECK (sort IN ('created', 'active')),
    status TEXT NOT NULL, -- '' = every status
    bucket INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (sort, status, bucket)
) WITHOUT ROWID;

CREATE VIEW user_fine_position_keys AS
    SELECT id, 'created' AS sort, status, created_at >> 21 AS bucket FROM connected_users
    UNION ALL SELECT id, 'created', '', created_at >> 21 FROM connected_users
    UNION ALL SELECT id, 'active', status, last_active_at >> 21 FROM connected_users WHERE last_active_at <> 0
    UNION ALL SELECT id, 'active', '', last_active_at >> 21 FROM connected_users WHERE last_active_at <> 0;

INSERT INTO user_fine_positions (sort, status, bucket, n)
SELECT sort, status, bucket, count(*) FROM user_fine_position_keys GROUP BY sort, status, bucket;

CREATE TRIGGER user_fine_positions_after_insert AFTER INSERT ON connected_users BEGIN
    INSERT INTO user_fine_positions (sort, status, bucket, n) VALUES
        ('created', NEW.status, NEW.created_at >> 21, 1), ('created', '', NEW.created_at >> 21, 1)
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
    INSERT INTO user_fine_positions (sort, status, bucket, n)
    SELECT 'active', s.status, NEW.last_active_at >> 21, 1 FROM (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE NEW.last_active_at <> 0
    ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_fine_positions_after_delete AFTER DELETE ON connected_users BEGIN
    UPDATE user_fine_positions SET n = n - 1 WHERE status IN (OLD.status, '') AND (
        sort = 'created' AND bucket = OLD.created_at >> 21
        OR sort = 'active' AND OLD.last_active_at <> 0 AND bucket = OLD.last_active_at >> 21);
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
