-- The audit log filtered by who acted, newest first, and the list of actors
-- its filter offers (one seek per actor).
CREATE INDEX audit_actor ON audit_log (actor_id, id);
