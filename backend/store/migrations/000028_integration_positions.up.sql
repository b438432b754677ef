-- A jump into one integration's users sorted by name or last active (the
-- scrollbar, in Slack's or BambooHR's users) stepped over the sort order's
-- index, testing each user's integration bit, to the row at the jump: the
-- middle of Slack's 180,632 users at a million users walked half the
-- users, 50-77 ms. integration_positions and integration_fine_positions
-- count each integration's users (those with its bit in integration_bits,
-- migration 20: integrations 1 to 62) by status ('' = every one), as
-- user_positions and user_fine_positions count every user (migrations
-- 17-19): a jump sums the buckets before its row, then the fine buckets of
-- its bucket, then steps within one (or reads back from its end). Buckets:
-- user_positions' (a name's first two characters, a last active time's
-- 2^27 ms, users never active by their block of 4,096 ids); fine ones, a
-- name's first four characters and a time's 2^24 ms (4.7 hours), 8 to a
-- bucket. And blocks of 4,096 ids (sort 'id'): while users are numbered in
-- created order (user_order), an integration's users in created order are
-- in id order, and a jump steps over those of one block in the
-- integration's connections index, from its first user (Slack's users at
-- a million: 90,000 index entries, 2.2 ms, to the middle). user_fine_positions' 2^21 ms made 1.3M rows at a million users
-- (30,811 buckets of Slack's users alone), which an import writes; one
-- level of 2^24 ms, 5,553 buckets of Slack's, read one by one to the
-- middle: 1 ms.
-- integration_position_keys and integration_fine_position_keys are the
-- one definition, for recounts; the triggers repeat it on OLD and NEW.
CREATE TABLE integration_positions (
    integration_id INTEGER NOT NULL,
    sort           TEXT NOT NULL CHECK (sort IN ('active', 'name', 'id')),
    status         TEXT NOT NULL, -- '' = every status
    bucket         NOT NULL,      -- no type: a name's "12" stays text
    n              INTEGER NOT NULL,
    PRIMARY KEY (integration_id, sort, status, bucket)
) WITHOUT ROWID;

CREATE TABLE integration_fine_positions (
    integration_id INTEGER NOT NULL,
    sort           TEXT NOT NULL CHECK (sort IN ('active', 'name')),
    status         TEXT NOT NULL,
    bucket         NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (integration_id, sort, status, bucket)
) WITHOUT ROWID;

CREATE VIEW integration_position_keys AS
    SELECT i.id AS integration_id, k.sort, k.status, k.bucket FROM (
        SELECT integration_bits, 'name' AS sort, status, lower(substr(name, 1, 2)) AS bucket FROM connected_users
        UNION ALL SELECT integration_bits, 'name', '', lower(substr(name, 1, 2)) FROM connected_users
        UNION ALL SELECT integration_bits, 'active', status, CASE WHEN last_active_at = 0 THEN (id >> 12) - 4398046511104 ELSE last_active_at >> 27 END FROM connected_users
        UNION ALL SELECT integration_bits, 'active', '', CASE WHEN last_active_at = 0 THEN (id >> 12) - 4398046511104 ELSE last_active_at >> 27 END FROM connected_users
        UNION ALL SELECT integration_bits, 'id', status, id >> 12 FROM connected_users
        UNION ALL SELECT integration_bits, 'id', '', id >> 12 FROM connected_users
    ) k JOIN integrations i ON i.id BETWEEN 1 AND 62 AND (k.integration_bits >> i.id) & 1;

CREATE VIEW integration_fine_position_keys AS
    SELECT i.id AS integration_id, k.sort, k.status, k.bucket FROM (
        SELECT integration_bits, 'name' AS sort, status, lower(substr(name, 1, 4)) AS bucket FROM connected_users
        UNION ALL SELECT integration_bits, 'name', '', lower(substr(name, 1, 4)) FROM connected_users
        UNION ALL SELECT integration_bits, 'active', status, last_active_at >> 24 FROM connected_users WHERE last_active_at <> 0
        UNION ALL SELECT integration_bits, 'active', '', last_active_at >> 24 FROM connected_users WHERE last_active_at <> 0
    ) k JOIN integrations i ON i.id BETWEEN 1 AND 62 AND (k.integration_bits >> i.id) & 1;

-- Counted by status a bucket, then every status from those (grouping the
-- views at a million users took twice as long).
INSERT INTO integration_fine_positions (integration_id, sort, status, bucket, n)
SELECT i.id, 'name', u.status, lower(substr(u.name, 1, 4)), count(*)
FROM connected_users u JOIN integrations i ON i.id BETWEEN 1 AND 62 AND (u.integration_bits >> i.id) & 1 GROUP BY 1, 3, 4;
INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
SELECT integration_id, 'name', status, substr(bucket, 1, 2), sum(n) FROM integration_fine_positions GROUP BY 1, 3, 4;
INSERT INTO integration_fine_positions (integration_id, sort, status, bucket, n)
SELECT i.id, 'active', u.status, u.last_active_at >> 24, count(*)
FROM connected_users u JOIN integrations i ON i.id BETWEEN 1 AND 62 AND (u.integration_bits >> i.id) & 1
WHERE u.last_active_at <> 0 GROUP BY 1, 3, 4;
INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
SELECT integration_id, 'active', status, bucket >> 3, sum(n) FROM integration_fine_positions WHERE sort = 'active' GROUP BY 1, 3, 4;
INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
SELECT i.id, 'active', u.status, (u.id >> 12) - 4398046511104, count(*)
FROM connected_users u JOIN integrations i ON i.id BETWEEN 1 AND 62 AND (u.integration_bits >> i.id) & 1
WHERE u.last_active_at = 0 GROUP BY 1, 3, 4;
INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
SELECT i.id, 'id', u.status, u.id >> 12, count(*)
FROM connected_users u JOIN integrations i ON i.id BETWEEN 1 AND 62 AND (u.integration_bits >> i.id) & 1 GROUP BY 1, 3, 4;
INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
SELECT integration_id, sort, '', bucket, sum(n) FROM integration_positions GROUP BY 1, 2, 4;
INSERT INTO integration_fine_positions (integration_id, sort, status, bucket, n)
SELECT integration_id, sort, '', bucket, sum(n) FROM integration_fine_positions GROUP BY 1, 2, 4;

-- A user counts in the integrations whose bits they hold: the bits are set
-- by the triggers on connections (migration 20), which update the user's
-- row, and so move its counts here.
CREATE TRIGGER integration_positions_after_insert AFTER INSERT ON connected_users
WHEN NEW.integration_bits <> 0 BEGIN
    INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
    SELECT i.id, k.sort, s.status, k.bucket, 1 FROM integrations i,
        (SELECT 'name' AS sort, lower(substr(NEW.name, 1, 2)) AS bucket
         UNION ALL SELECT 'active', CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END
         UNION ALL SELECT 'id', NEW.id >> 12) k,
        (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE i.id BETWEEN 1 AND 62 AND (NEW.integration_bits >> i.id) & 1
    ON CONFLICT (integration_id, sort, status, bucket) DO UPDATE SET n = n + 1;
    INSERT INTO integration_fine_positions (integration_id, sort, status, bucket, n)
    SELECT i.id, k.sort, s.status, k.bucket, 1 FROM integrations i,
        (SELECT 'name' AS sort, lower(substr(NEW.name, 1, 4)) AS bucket
         UNION ALL SELECT 'active', NEW.last_active_at >> 24 WHERE NEW.last_active_at <> 0) k,
        (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE i.id BETWEEN 1 AND 62 AND (NEW.integration_bits >> i.id) & 1
    ON CONFLICT (integration_id, sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER integration_positions_after_delete AFTER DELETE ON connected_users
WHEN OLD.integration_bits <> 0 BEGIN
    UPDATE integration_positions SET n = n - 1
    WHERE integration_id IN (SELECT i.id FROM integrations i WHERE i.id BETWEEN 1 AND 62 AND (OLD.integration_bits >> i.id) & 1)
        AND status IN (OLD.status, '') AND (
            sort = 'name' AND bucket = lower(substr(OLD.name, 1, 2))
            OR sort = 'active' AND bucket = CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END
            OR sort = 'id' AND bucket = OLD.id >> 12);
    UPDATE integration_fine_positions SET n = n - 1
    WHERE integration_id IN (SELECT i.id FROM integrations i WHERE i.id BETWEEN 1 AND 62 AND (OLD.integration_bits >> i.id) & 1)
        AND status IN (OLD.status, '') AND (
            sort = 'name' AND bucket = lower(substr(OLD.name, 1, 4))
            OR sort = 'active' AND OLD.last_active_at <> 0 AND bucket = OLD.last_active_at >> 24);
END;

-- One trigger a sort order, so that an update moving several keys moves
-- each count once; a change of status or integrations moves the counts of
-- every status out and back in. A name's first four characters hold its
-- first two; a time's bucket of 2^27 ms is 8 of 2^24 (and 0 >> 24 is 0,
-- below any time's: a first activity moves both).
CREATE TRIGGER integration_positions_after_name AFTER UPDATE OF name, status, integration_bits ON connected_users
WHEN (OLD.integration_bits <> 0 OR NEW.integration_bits <> 0) AND (OLD.integration_bits <> NEW.integration_bits
    OR OLD.status <> NEW.status OR lower(substr(OLD.name, 1, 4)) <> lower(substr(NEW.name, 1, 4))) BEGIN
    UPDATE integration_positions SET n = n - 1
    WHERE integration_id IN (SELECT i.id FROM integrations i WHERE i.id BETWEEN 1 AND 62 AND (OLD.integration_bits >> i.id) & 1)
        AND sort = 'name' AND status IN (OLD.status, '') AND bucket = lower(substr(OLD.name, 1, 2));
    INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
    SELECT i.id, 'name', s.status, lower(substr(NEW.name, 1, 2)), 1 FROM integrations i, (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE i.id BETWEEN 1 AND 62 AND (NEW.integration_bits >> i.id) & 1
    ON CONFLICT (integration_id, sort, status, bucket) DO UPDATE SET n = n + 1;
    UPDATE integration_fine_positions SET n = n - 1
    WHERE integration_id IN (SELECT i.id FROM integrations i WHERE i.id BETWEEN 1 AND 62 AND (OLD.integration_bits >> i.id) & 1)
        AND sort = 'name' AND status IN (OLD.status, '') AND bucket = lower(substr(OLD.name, 1, 4));
    INSERT INTO integration_fine_positions (integration_id, sort, status, bucket, n)
    SELECT i.id, 'name', s.status, lower(substr(NEW.name, 1, 4)), 1 FROM integrations i, (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE i.id BETWEEN 1 AND 62 AND (NEW.integration_bits >> i.id) & 1
    ON CONFLICT (integration_id, sort, status, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER integration_positions_after_active AFTER UPDATE OF last_active_at, status, integration_bits ON connected_users
WHEN (OLD.integration_bits <> 0 OR NEW.integration_bits <> 0) AND (OLD.integration_bits <> NEW.integration_bits
    OR OLD.status <> NEW.status OR OLD.last_active_at >> 24 <> NEW.last_active_at >> 24) BEGIN
    UPDATE integration_positions SET n = n - 1
    WHERE integration_id IN (SELECT i.id FROM integrations i WHERE i.id BETWEEN 1 AND 62 AND (OLD.integration_bits >> i.id) & 1)
        AND sort = 'active' AND status IN (OLD.status, '')
        AND bucket = CASE WHEN OLD.last_active_at = 0 THEN (OLD.id >> 12) - 4398046511104 ELSE OLD.last_active_at >> 27 END;
    INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
    SELECT i.id, 'active', s.status, CASE WHEN NEW.last_active_at = 0 THEN (NEW.id >> 12) - 4398046511104 ELSE NEW.last_active_at >> 27 END, 1
    FROM integrations i, (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE i.id BETWEEN 1 AND 62 AND (NEW.integration_bits >> i.id) & 1
    ON CONFLICT (integration_id, sort, status, bucket) DO UPDATE SET n = n + 1;
    UPDATE integration_fine_positions SET n = n - 1
    WHERE integration_id IN (SELECT i.id FROM integrations i WHERE i.id BETWEEN 1 AND 62 AND (OLD.integration_bits >> i.id) & 1)
        AND sort = 'active' AND status IN (OLD.status, '') AND OLD.last_active_at <> 0 AND bucket = OLD.last_active_at >> 24;
    INSERT INTO integration_fine_positions (integration_id, sort, status, bucket, n)
    SELECT i.id, 'active', s.status, NEW.last_active_at >> 24, 1
    FROM integrations i, (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE i.id BETWEEN 1 AND 62 AND (NEW.integration_bits >> i.id) & 1 AND NEW.last_active_at <> 0
    ON CONFLICT (integration_id, sort, status, bucket) DO UPDATE SET n = n + 1;
END;

-- A user's id never changes: only their status and integrations move them
-- in 'id'.
CREATE TRIGGER integration_positions_after_id AFTER UPDATE OF status, integration_bits ON connected_users
WHEN (OLD.integration_bits <> 0 OR NEW.integration_bits <> 0) AND (OLD.integration_bits <> NEW.integration_bits OR OLD.status <> NEW.status) BEGIN
    UPDATE integration_positions SET n = n - 1
    WHERE integration_id IN (SELECT i.id FROM integrations i WHERE i.id BETWEEN 1 AND 62 AND (OLD.integration_bits >> i.id) & 1)
        AND sort = 'id' AND status IN (OLD.status, '') AND bucket = OLD.id >> 12;
    INSERT INTO integration_positions (integration_id, sort, status, bucket, n)
    SELECT i.id, 'id', s.status, NEW.id >> 12, 1 FROM integrations i, (SELECT NEW.status AS status UNION ALL SELECT '') s
    WHERE i.id BETWEEN 1 AND 62 AND (NEW.integration_bits >> i.id) & 1
    ON CONFLICT (integration_id, sort, status, bucket) DO UPDATE SET n = n + 1;
END;
