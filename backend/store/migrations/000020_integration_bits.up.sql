-- Which of the integrations with ids 1 to 62 each user has connected, one
-- bit each (bit k: integration k), carried in the indexes of the name and
-- last active orders. A list of one integration's users in those orders
-- walks the index and tests the bit, instead of looking up a connection per
-- user (Slack's users by name at 1M users: 0.47 ms → 0.14 ms a page; those
-- of BambooHR, 1.4% of users, 30 ms → 0.5 ms). Integrations numbered past
-- 62 are looked up as before.
ALTER TABLE connected_users ADD COLUMN integration_bits INTEGER NOT NULL DEFAULT 0;

DROP INDEX users_name;
DROP INDEX users_active;
DROP INDEX users_status_name;
DROP INDEX users_status_active;

UPDATE connected_users SET integration_bits = b.bits
FROM (SELECT user_id, sum(1 << integration_id) AS bits FROM connections
      WHERE integration_id BETWEEN 1 AND 62 GROUP BY user_id) b
WHERE b.user_id = connected_users.id;

CREATE INDEX users_name   ON connected_users (name, id, status, integration_bits);
CREATE INDEX users_active ON connected_users (last_active_at, id, status, integration_bits);
CREATE INDEX users_status_name ON connected_users (status, name, id, integration_bits)
    WHERE status = 'account_errors' OR status = 'disabled' OR status = 'no_integrations';
CREATE INDEX users_status_active ON connected_users (status, last_active_at, id, integration_bits)
    WHERE status = 'account_errors' OR status = 'disabled' OR status = 'no_integrations';

-- A user has at most one connection per integration (the primary key), so
-- setting and clearing its bit keeps the set exact.
CREATE TRIGGER connections_bits_after_insert AFTER INSERT ON connections
WHEN NEW.integration_id BETWEEN 1 AND 62 BEGIN
    UPDATE connected_users SET integration_bits = integration_bits | (1 << NEW.integration_id) WHERE id = NEW.user_id;
END;

CREATE TRIGGER connections_bits_after_delete AFTER DELETE ON connections
WHEN OLD.integration_id BETWEEN 1 AND 62 BEGIN
    UPDATE connected_users SET integration_bits = integration_bits & ~(1 << OLD.integration_id) WHERE id = OLD.user_id;
END;

CREATE TRIGGER connections_bits_after_update AFTER UPDATE OF user_id, integration_id ON connections BEGIN
    UPDATE connected_users SET integration_bits = (SELECT coalesce(sum(1 << c.integration_id), 0) FROM connections c
        WHERE c.user_id = connected_users.id AND c.integration_id BETWEEN 1 AND 62)
    WHERE id IN (OLD.user_id, NEW.user_id);
END;

ANALYZE connected_users;
