DROP TRIGGER user_order_after_insert;
DROP TRIGGER user_order_after_created;

CREATE TRIGGER user_order_after_insert AFTER INSERT ON connected_users
WHEN NEW.created_at < (SELECT max(created_at) FROM connected_users) BEGIN
    UPDATE user_order SET ids_follow_created = 0 WHERE ids_follow_created = 1;
END;

CREATE TRIGGER user_order_after_created AFTER UPDATE OF created_at ON connected_users
WHEN NEW.created_at <> OLD.created_at BEGIN
    UPDATE user_order SET ids_follow_created = 0 WHERE ids_follow_created = 1;
END;

ALTER TABLE user_order DROP COLUMN max_inversion;
