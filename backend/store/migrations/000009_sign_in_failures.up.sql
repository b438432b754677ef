-- Failed sign-ins counted per member and per client (a browser's address,
-- or the desktop window): ten wrong passwords from one address lock that
-- address out of that account, not the owner out of Roster everywhere.
CREATE TABLE sign_in_failures (
    member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    client       TEXT    NOT NULL,
    failed       INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, client)
) WITHOUT ROWID;

-- A lock in force carries over for every client until it ends; the
-- per-member columns it came from go.
INSERT INTO sign_in_failures (member_id, client, failed, locked_until)
SELECT id, '*', 0, locked_until FROM members WHERE locked_until > 0;
ALTER TABLE members DROP COLUMN failed_attempts;
ALTER TABLE members DROP COLUMN locked_until;
