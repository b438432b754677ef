-- Most users are connected. The indexes behind a status filter now hold only
-- the other statuses, the rare ones a filter picks out of a million; a
-- connected filter walks the index of its sort, which carries the status so
-- that the walk (and a jump into it) tests it without reading the row. The
-- same for an integration's users in connections. An import of a million
-- users keeps 2.3 million fewer user index entries and 1.9 million fewer
-- connection index entries up to date (BenchmarkImportCSV, its file with
-- ids and activity in order: 75,500 → 110,000-115,000 rows/s).
--
-- The partial indexes' condition is a list of equalities, so that SQLite
-- proves `status = ?` bound to a rare status implies it.

DROP INDEX users_created;
DROP INDEX users_status_created;
DROP INDEX users_name;
DROP INDEX users_status_name;
DROP INDEX users_active;
DROP INDEX users_status_active;

CREATE INDEX users_created ON connected_users (created_at, id, status);
CREATE INDEX users_name    ON connected_users (name, id, status);
CREATE INDEX users_active  ON connected_users (last_active_at, id, status);

CREATE INDEX users_status_created ON connected_users (status, created_at, id)
    WHERE status = 'account_errors' OR status = 'disabled' OR status = 'no_integrations';
CREATE INDEX users_status_name ON connected_users (status, name, id)
    WHERE status = 'account_errors' OR status = 'disabled' OR status = 'no_integrations';
CREATE INDEX users_status_active ON connected_users (status, last_active_at, id)
    WHERE status = 'account_errors' OR status = 'disabled' OR status = 'no_integrations';

-- A user with a connection is never without integrations.
DROP INDEX connections_integration;
DROP INDEX connections_integration_status;
CREATE INDEX connections_integration ON connections (integration_id, user_created_at, user_id, user_status);
CREATE INDEX connections_integration_status ON connections (integration_id, user_status, user_created_at, user_id)
    WHERE user_status = 'account_errors' OR user_status = 'disabled';

ANALYZE connected_users;
ANALYZE connections;
