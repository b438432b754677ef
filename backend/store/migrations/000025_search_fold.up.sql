-- A search sorted by name may walk users_name and test the search on each
-- user it passes. It read the user's row for that (3 µs a user at 1M users);
-- users_name now holds the searched text, folded as the search index folds
-- it, and the walk tests it in the index (0.2 µs a user).
--
-- search_fold is a Go function that every Roster connection registers
-- (store.newDriver): a program without it, such as the sqlite3 shell, can
-- read this file but not change its connected users, nor run
-- integrity_check.
DROP INDEX users_name;
CREATE INDEX users_name ON connected_users (name, id, status, integration_bits, search_fold(name, email, external_id));

ANALYZE connected_users;
