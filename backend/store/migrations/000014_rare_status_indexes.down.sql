DROP INDEX users_created;
DROP INDEX users_status_created;
DROP INDEX users_name;
DROP INDEX users_status_name;
DROP INDEX users_active;
DROP INDEX users_status_active;

CREATE INDEX users_created        ON connected_users (created_at, id);
CREATE INDEX users_status_created ON connected_users (status, created_at, id);
CREATE INDEX users_name           ON connected_users (name, id);
CREATE INDEX users_status_name    ON connected_users (status, name, id);
CREATE INDEX users_active         ON connected_users (last_active_at, id);
CREATE INDEX users_status_active  ON connected_users (status, last_active_at, id);

DROP INDEX connections_integration;
DROP INDEX connections_integration_status;
CREATE INDEX connections_integration ON connections (integration_id, user_created_at, user_id);
CREATE INDEX connections_integration_status ON connections (integration_id, user_status, user_created_at, user_id);
