ALTER TABLE outbox DROP COLUMN retried_at;
ALTER TABLE outbox DROP COLUMN sending_until;
ALTER TABLE outbox DROP COLUMN message_id;
DROP TABLE ingest_keys;
DROP TABLE connection_alerts;
DROP TABLE workflow_incidents;
ALTER TABLE connections DROP COLUMN error_reason;
DROP TABLE workflow_runs;
DROP TABLE events;
