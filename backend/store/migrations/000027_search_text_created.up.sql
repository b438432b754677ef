-- users_created holds search_text too (see migration 26): where users are
-- not numbered in created order, a search sorted by created date walks it
-- and tests each user in the index, as one sorted by name or activity
-- walks users_name or users_active.
DROP INDEX users_created;
CREATE INDEX users_created ON connected_users (created_at, id, status, search_text);

ANALYZE connected_users;
