INSERT INTO users_fts (users_fts, rank) VALUES ('hashsize', 1048576);
