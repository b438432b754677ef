DROP INDEX audit_actor;
