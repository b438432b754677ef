DROP TRIGGER user_positions_after_name;
DROP TRIGGER user_positions_after_active;
DROP TRIGGER user_positions_after_created;
DROP TRIGGER user_positions_after_delete;
DROP TRIGGER user_positions_after_insert;
DROP VIEW user_position_keys;
DROP TABLE user_positions;
