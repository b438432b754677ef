DROP INDEX users_name;
CREATE INDEX users_name ON connected_users (name, id, status, integration_bits);

ANALYZE connected_users;
