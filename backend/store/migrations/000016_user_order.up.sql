-- Users are numbered as first seen, and a search sorted by created date
-- reads the search index in id order, which is created order only while
-- every user is numbered after those created before them. An import numbers
-- the users it adds in the order of its file, and an export lists the newest
-- first: imported back, its search results came oldest first. The flag says
-- whether the numbering still follows created order; while it does not, a
-- search in created order sorts its matches or walks users_created (as a
-- search by name does). It only ever turns off: a file whose users came out
-- of order stays so.
CREATE TABLE user_order (
    ids_follow_created INTEGER NOT NULL CHECK (ids_follow_created IN (0, 1))
);
INSERT INTO user_order (ids_follow_created)
SELECT NOT EXISTS (SELECT 1 FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS back FROM connected_users) WHERE back);

-- A new user has the highest id; the bulk writers (Bulk, which sets these
-- aside) keep the flag themselves.
CREATE TRIGGER user_order_after_insert AFTER INSERT ON connected_users
WHEN NEW.created_at < (SELECT max(created_at) FROM connected_users) BEGIN
    UPDATE user_order SET ids_follow_created = 0 WHERE ids_follow_created = 1;
END;

CREATE TRIGGER user_order_after_created AFTER UPDATE OF created_at ON connected_users
WHEN NEW.created_at <> OLD.created_at BEGIN
    UPDATE user_order SET ids_follow_created = 0 WHERE ids_follow_created = 1;
END;
