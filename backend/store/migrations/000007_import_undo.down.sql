ALTER TABLE imports DROP COLUMN rolled_back_at;
DROP TABLE import_before;
DROP TABLE import_added;
