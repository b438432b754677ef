-- Events in, alerts out: applied event ids, run history, connection health,
-- notification state, ingest keys, and what the outbox view needs.
-- Times are Unix milliseconds (UTC); 0 means "never".

-- Every applied event, by its id: replaying a file changes nothing. Pruned
-- with the run history (see the retention setting).
CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    received_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX events_received ON events (received_at);

-- Run history. integration_id copies the workflow's, for the filter index.
CREATE TABLE workflow_runs (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES connected_users(id) ON DELETE CASCADE,
    workflow_id    INTEGER NOT NULL REFERENCES workflows(id),
    integration_id INTEGER NOT NULL REFERENCES integrations(id),
    status         TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
    started_at     INTEGER NOT NULL,
    duration_ms    INTEGER NOT NULL CHECK (duration_ms >= 0),
    error          TEXT NOT NULL DEFAULT ''
);

-- Newest first, alone and behind each filter (a workflow filter walks its
-- integration's: each index costs every ingested run a B-tree insert).
CREATE INDEX runs_started     ON workflow_runs (started_at, id);
CREATE INDEX runs_user        ON workflow_runs (user_id, started_at, id);
CREATE INDEX runs_integration ON workflow_runs (integration_id, started_at, id);
CREATE INDEX runs_failed      ON workflow_runs (started_at, id) WHERE status = 'failed';

-- Why a connection is in error: the credential is invalid or has expired.
ALTER TABLE connections ADD COLUMN error_reason TEXT NOT NULL DEFAULT ''
    CHECK (error_reason IN ('', 'invalid', 'expired'));

-- A workflow failing for a user: the first failure is mailed at once, the
-- rest are summed up in a digest at most once per digest interval.
CREATE TABLE workflow_incidents (
    user_id        INTEGER NOT NULL REFERENCES connected_users(id) ON DELETE CASCADE,
    workflow_id    INTEGER NOT NULL REFERENCES workflows(id),
    opened_at      INTEGER NOT NULL,           -- first failure
    failures       INTEGER NOT NULL,           -- since opened
    unreported     INTEGER NOT NULL DEFAULT 0, -- failures no mail has told of yet
    last_error     TEXT NOT NULL DEFAULT '',
    last_failed_at INTEGER NOT NULL,
    resolved_at    INTEGER NOT NULL DEFAULT 0, -- a later run succeeded; told in the next digest
    reported_at    INTEGER NOT NULL,           -- the last mail about it
    PRIMARY KEY (user_id, workflow_id)
) WITHOUT ROWID;

-- The incidents a digest has news about.
CREATE INDEX incidents_pending ON workflow_incidents (reported_at) WHERE unreported > 0 OR resolved_at > 0;

-- What the members were last told about a connection, so that a flap
-- (offline, online, offline within the cooldown) does not send a storm.
CREATE TABLE connection_alerts (
    user_id         INTEGER NOT NULL REFERENCES connected_users(id) ON DELETE CASCADE,
    integration_id  INTEGER NOT NULL REFERENCES integrations(id),
    told            TEXT NOT NULL CHECK (told IN ('offline', 'online')),
    offline_mail_at INTEGER NOT NULL,           -- the last "offline" mail
    held            INTEGER NOT NULL DEFAULT 0, -- offline transitions not mailed (cooldown)
    check_at        INTEGER NOT NULL DEFAULT 0, -- when to look again at a held-back change
    PRIMARY KEY (user_id, integration_id)
) WITHOUT ROWID;

CREATE INDEX connection_alerts_check ON connection_alerts (check_at) WHERE check_at > 0;

-- Keys for POST /api/v1/events. The secret is stored only as its SHA-256;
-- the prefix finds the row and is shown in the list.
CREATE TABLE ingest_keys (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL UNIQUE,
    secret_hash  BLOB NOT NULL,
    created_at   INTEGER NOT NULL,
    created_by   TEXT NOT NULL,
    last_used_at INTEGER NOT NULL DEFAULT 0,
    revoked_at   INTEGER NOT NULL DEFAULT 0
);

-- The outbox view: a Message-ID fixed per row (random, so that two Roster
-- files never share one), the lease of the mail being sent now, and a manual
-- retry, from which the give-up period counts again.
ALTER TABLE outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN sending_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN retried_at INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET message_id = 'roster.outbox.' || id;
