-- A CHECK of the form x IN ('a', 'b', 'c') costs SQLite a temporary b-tree
-- of the list, built again for every row it checks (a list of one or two it
-- checks by comparisons): every user, connection and position an import
-- writes paid for one. The same constraints, written as comparisons, accept
-- exactly the same values, so no row changes: the tables' text in
-- sqlite_schema is edited in place, as SQLite documents for changing a CHECK
-- (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table
-- Schema Changes").
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'status IN (''connected'', ''account_errors'', ''disabled'', ''no_integrations'')',
    'status = ''connected'' OR status = ''account_errors'' OR status = ''disabled'' OR status = ''no_integrations''')
WHERE type = 'table' AND name = 'connected_users';
UPDATE sqlite_schema SET sql = replace(sql,
    'error_reason IN ('''', ''invalid'', ''expired'')',
    'error_reason = '''' OR error_reason = ''invalid'' OR error_reason = ''expired''')
WHERE type = 'table' AND name = 'connections';
UPDATE sqlite_schema SET sql = replace(sql,
    'sort IN (''created'', ''active'', ''name'', ''id'')',
    'sort = ''created'' OR sort = ''active'' OR sort = ''name'' OR sort = ''id''')
WHERE type = 'table' AND name = 'user_positions';
UPDATE sqlite_schema SET sql = replace(sql,
    'sort IN (''created'', ''active'', ''name'')',
    'sort = ''created'' OR sort = ''active'' OR sort = ''name''')
WHERE type = 'table' AND name = 'user_fine_positions';
-- This connection reads the new text at once; any CREATE moves the schema
-- version on, for every other connection to read it too.
PRAGMA writable_schema = RESET;
CREATE TABLE schema_version_bump (x);
DROP TABLE schema_version_bump;
