DROP TRIGGER user_order_after_created;
DROP TRIGGER user_order_after_insert;
DROP TABLE user_order;
