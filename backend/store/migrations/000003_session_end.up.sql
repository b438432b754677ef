-- A session ended by someone else (the member's access turned off) or by
-- idleness is kept, marked, so every later call with its token (the window,
-- its event stream) is told why. Sign-in prunes sessions unused for a day.
ALTER TABLE sessions ADD COLUMN ended_reason TEXT NOT NULL DEFAULT '';
