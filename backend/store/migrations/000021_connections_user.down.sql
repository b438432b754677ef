DROP INDEX connections_user;
