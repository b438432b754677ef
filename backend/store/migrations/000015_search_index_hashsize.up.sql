-- Let the search index gather up to 32 MiB of new entries before it writes
-- them out (FTS5's default is 1 MiB). An import chunk of 50,000 users then
-- writes its entries once, at the commit, instead of in dozens of small
-- pieces that FTS5 merges again and again. BenchmarkImportCSV at 1M users:
-- 90,300-93,000 rows/s before, 98,300-107,200 after; 16 and 64 MiB did no
-- better. Small transactions are not affected.
INSERT INTO users_fts (users_fts, rank) VALUES ('hashsize', 33554432);
