-- Team members, their invitations and sessions, settings, and the mail outbox.
-- Times are Unix milliseconds (UTC); 0 means "never".

CREATE TABLE members (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name            TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL CHECK (role IN ('owner','admin','manage_all','monitor_all','manage_integrations','monitor_integrations')),
    -- pending → accepted | dismissed. "Expired" is derived: pending with an
    -- expired invitation.
    status          TEXT NOT NULL CHECK (status IN ('pending','accepted','dismissed')),
    enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
    notifications   INTEGER NOT NULL DEFAULT 1 CHECK (notifications IN (0,1)),
    password_hash   TEXT NOT NULL DEFAULT '',  -- argon2id, PHC string; '' until accepted
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER NOT NULL DEFAULT 0,
    last_sign_in_at INTEGER NOT NULL DEFAULT 0,
    invited_by      TEXT NOT NULL DEFAULT '',  -- the inviter's name, kept if they are removed
    created_at      INTEGER NOT NULL,
    -- bumped by every change: two admins editing the same member at once
    -- cannot overwrite each other silently.
    version         INTEGER NOT NULL DEFAULT 1
);

-- One owner, enforced by the schema.
CREATE UNIQUE INDEX members_one_owner ON members (role) WHERE role = 'owner';

-- The integrations a per-integration role is scoped to.
CREATE TABLE member_integrations (
    member_id      INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    integration_id INTEGER NOT NULL REFERENCES integrations(id),
    PRIMARY KEY (member_id, integration_id)
) WITHOUT ROWID;

-- Mail waiting to be sent, written in the same transaction as its cause. The
-- sender clears the bodies once a row is sent or cancelled: an invitation
-- code lives in clear only while its mail is queued.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL DEFAULT '',
    dedupe_key      TEXT UNIQUE,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER NOT NULL DEFAULT 0,
    failed_at       INTEGER NOT NULL DEFAULT 0,  -- gave up
    cancelled_at    INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT ''
);

-- The sender's queue: rows still to send, by when they are due.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at = 0 AND failed_at = 0 AND cancelled_at = 0;

-- An invitation code is stored only as its SHA-256. Rows outlive a revoked
-- member so that a revoked code is refused as "revoked", not "unknown".
CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    email       TEXT NOT NULL COLLATE NOCASE,
    code_hash   BLOB NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    ended_at    INTEGER NOT NULL DEFAULT 0,
    -- why the code stopped working: used (accepted or dismissed), replaced
    -- (resent), revoked, or removed (the member was removed).
    outcome     TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('','accepted','dismissed','replaced','revoked','removed')),
    outbox_id   INTEGER REFERENCES outbox(id)  -- its mail, to show delivery next to the member
);

CREATE INDEX invitations_member ON invitations (member_id, id);

-- Signed-in sessions, desktop and browser alike. The token is stored only as
-- its SHA-256.
CREATE TABLE sessions (
    token_hash   BLOB PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX sessions_member ON sessions (member_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
