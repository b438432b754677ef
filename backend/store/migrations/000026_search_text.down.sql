DROP INDEX users_active;
CREATE INDEX users_active ON connected_users (last_active_at, id, status, integration_bits);
DROP INDEX users_name;
CREATE INDEX users_name ON connected_users (name, id, status, integration_bits, search_fold(name, email, external_id));
DROP TRIGGER connected_users_search_text_update;
DROP TRIGGER connected_users_search_text_insert;
ALTER TABLE connected_users DROP COLUMN search_text;

ANALYZE connected_users;
