-- A session ended by someone else (the member's access turned off) is kept,
-- marked, until its window next calls: then it is told why, and deleted.
ALTER TABLE sessions ADD COLUMN ended_reason TEXT NOT NULL DEFAULT '';
