-- Mail queued before Message-IDs were random still carries
-- roster.outbox.<row id>, which another Roster file sending from the same
-- domain uses too (a receiver may drop the second as a duplicate). Each mail
-- not yet sent gets a random ID now, fixed from here on; sent mail keeps the
-- ID it went out with.
UPDATE outbox SET message_id = 'roster.' || lower(hex(randomblob(16)))
WHERE (message_id = '' OR message_id LIKE 'roster.outbox.%')
  AND sent_at = 0 AND failed_at = 0 AND cancelled_at = 0;
