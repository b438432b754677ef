DROP TABLE sessions;
DROP TABLE invitations;
DROP TABLE member_integrations;
DROP TABLE members;
DROP TABLE settings;
DROP TABLE outbox;
