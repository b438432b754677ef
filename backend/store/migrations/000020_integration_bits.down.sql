DROP TRIGGER connections_bits_after_update;
DROP TRIGGER connections_bits_after_delete;
DROP TRIGGER connections_bits_after_insert;

DROP INDEX users_name;
DROP INDEX users_active;
DROP INDEX users_status_name;
DROP INDEX users_status_active;

ALTER TABLE connected_users DROP COLUMN integration_bits;

CREATE INDEX users_name   ON connected_users (name, id, status);
CREATE INDEX users_active ON connected_users (last_active_at, id, status);
CREATE INDEX users_status_name ON connected_users (status, name, id)
    WHERE status = 'account_errors' OR status = 'disabled' OR status = 'no_integrations';
CREATE INDEX users_status_active ON connected_users (status, last_active_at, id)
    WHERE status = 'account_errors' OR status = 'disabled' OR status = 'no_integrations';

ANALYZE connected_users;
