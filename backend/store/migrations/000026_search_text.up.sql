-- The searched text, folded as the search index folds it (search_fold), is
-- a column of its own, search_text, which users_name and users_active hold:
-- a search sorted by name or by activity walks either and tests each user
-- in the index. Migration 25 indexed the expression instead, which SQLite
-- computes again, through a call into Go, for every index that holds it,
-- at every insert (3.3 µs a user): Roster fills the column as it writes
-- users in bulk, and these triggers fill it for every other write.
ALTER TABLE connected_users ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE connected_users SET search_text = search_fold(name, email, external_id);

CREATE TRIGGER connected_users_search_text_insert AFTER INSERT ON connected_users WHEN NEW.search_text = ''
BEGIN
    UPDATE connected_users SET search_text = search_fold(NEW.name, NEW.email, NEW.external_id) WHERE id = NEW.id;
END;
CREATE TRIGGER connected_users_search_text_update AFTER UPDATE OF name, email, external_id ON connected_users
BEGIN
    UPDATE connected_users SET search_text = search_fold(NEW.name, NEW.email, NEW.external_id) WHERE id = NEW.id;
END;

DROP INDEX users_name;
CREATE INDEX users_name ON connected_users (name, id, status, integration_bits, search_text);
DROP INDEX users_active;
CREATE INDEX users_active ON connected_users (last_active_at, id, status, integration_bits, search_text);

ANALYZE connected_users;
