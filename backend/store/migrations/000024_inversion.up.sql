-- How much older a user can be than one numbered before them: the largest
-- created(y) - created(x) over ids y < x, in ms; 0 while ids follow created
-- order, NULL when not known (a creation date moved). A search sorted by
-- created date reads the search index in id order while it is 0; while the
-- search's matches within that much time are few (a platform's history
-- imported after its users came in live), it still does, reading that much
-- further and sorting what it read (see store.readBehind). Bulk writes keep
-- it themselves; RecheckUserOrder measures it again.
ALTER TABLE user_order ADD COLUMN max_inversion INTEGER CHECK (max_inversion >= 0);

UPDATE user_order SET max_inversion = CASE WHEN ids_follow_created THEN 0 ELSE (
    SELECT max(coalesce(max(before - created_at), 0), 0)
    FROM (SELECT created_at, max(created_at) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
          FROM connected_users)) END;

DROP TRIGGER user_order_after_insert;
DROP TRIGGER user_order_after_created;

-- A new user has the highest id (UpsertUser): every other user is numbered
-- before it. One that does not makes the measure unknown.
CREATE TRIGGER user_order_after_insert AFTER INSERT ON connected_users
WHEN NEW.created_at < (SELECT max(created_at) FROM connected_users) BEGIN
    UPDATE user_order SET ids_follow_created = 0,
        max_inversion = CASE WHEN NEW.id = (SELECT max(id) FROM connected_users)
            THEN max(max_inversion, (SELECT max(created_at) FROM connected_users) - NEW.created_at) END;
END;

CREATE TRIGGER user_order_after_created AFTER UPDATE OF created_at ON connected_users
WHEN NEW.created_at <> OLD.created_at BEGIN
    UPDATE user_order SET ids_follow_created = 0, max_inversion = NULL;
END;
