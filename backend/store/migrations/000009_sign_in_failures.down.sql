ALTER TABLE members ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN locked_until INTEGER NOT NULL DEFAULT 0;
UPDATE members SET locked_until = coalesce((SELECT max(locked_until) FROM sign_in_failures f WHERE f.member_id = members.id), 0);
DROP TABLE sign_in_failures;
