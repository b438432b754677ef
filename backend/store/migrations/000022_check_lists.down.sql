PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'status = ''connected'' OR status = ''account_errors'' OR status = ''disabled'' OR status = ''no_integrations''',
    'status IN (''connected'', ''account_errors'', ''disabled'', ''no_integrations'')')
WHERE type = 'table' AND name = 'connected_users';
UPDATE sqlite_schema SET sql = replace(sql,
    'error_reason = '''' OR error_reason = ''invalid'' OR error_reason = ''expired''',
    'error_reason IN ('''', ''invalid'', ''expired'')')
WHERE type = 'table' AND name = 'connections';
UPDATE sqlite_schema SET sql = replace(sql,
    'sort = ''created'' OR sort = ''active'' OR sort = ''name'' OR sort = ''id''',
    'sort IN (''created'', ''active'', ''name'', ''id'')')
WHERE type = 'table' AND name = 'user_positions';
UPDATE sqlite_schema SET sql = replace(sql,
    'sort = ''created'' OR sort = ''active'' OR sort = ''name''',
    'sort IN (''created'', ''active'', ''name'')')
WHERE type = 'table' AND name = 'user_fine_positions';
PRAGMA writable_schema = RESET;
CREATE TABLE schema_version_bump (x);
DROP TABLE schema_version_bump;
