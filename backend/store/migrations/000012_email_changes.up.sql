-- A member's request to change their e-mail address: it applies only once
-- they enter the code mailed to the new address. One open request per
-- member; the code is stored only as its SHA-256, expires, works once, and
-- a few wrong tries end it.
CREATE TABLE email_changes (
    member_id  INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    new_email  TEXT    NOT NULL,
    code_hash  BLOB    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,  -- wrong codes entered
    outbox_id  INTEGER REFERENCES outbox(id)  -- its mail, cancelled if replaced
);
