#!/usr/bin/env sh
# Runs once, when the PostgreSQL volume is first initialised (/docker-entrypoint-initdb.d).
# The application's runtime role: logs in, is not superuser, owns nothing. `manage.py migrate` runs as
# the owner ($POSTGRES_USER) and grants it what it needs after every migrate (leadiosa/db_roles.py);
# on the audit tables that is SELECT and INSERT only, so the application cannot rewrite its audit log.
# For a volume initialised before this script existed, run the same statements once by hand.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="${APP_DB_PASSWORD:?set APP_DB_PASSWORD}" <<'SQL'
CREATE ROLE leadiosa_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'app_password';
GRANT CONNECT ON DATABASE :"DBNAME" TO leadiosa_app;
SQL
