DROP INDEX users_created;
CREATE INDEX users_created ON connected_users (created_at, id, status);

ANALYZE connected_users;
