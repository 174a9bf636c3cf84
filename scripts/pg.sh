#!/usr/bin/env bash
# Starts PostgreSQL when it is down and makes sure the project's role exists.
# The role is not a superuser: it may log in and create databases (dev/test only;
# in production give Odoo a role without CREATEDB, see README).
source "$(dirname "$0")/lib.sh"
mkdir -p "$LOCAL" "$STATE"

if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" \
        '$1 == v && $2 == c && $4 == "online" {found=1} END {exit !found}'; then
    log "Starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start
    touch "$LOCAL/pg_started"   # so that make stop stops it again
fi
for _ in $(seq 1 30); do
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break
    sleep 0.5
done
pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT"

as_postgres() { (cd / && su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $PG_PORT $*"); }

# A role password known only to this machine's checkouts; set when the file is new.
if [ ! -s "$PG_PASSWORD_FILE" ] || ! PGPASSWORD="$(pg_password)" psql -X -h "$PG_HOST" \
        -p "$PG_PORT" -U "$PG_ROLE" -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
    [ -s "$PG_PASSWORD_FILE" ] || (umask 077 && python3 -c \
        'import secrets; print(secrets.token_urlsafe(24))' > "$PG_PASSWORD_FILE")
    log "Setting up PostgreSQL role $PG_ROLE (LOGIN CREATEDB, not a superuser)"
    if [ "$(as_postgres "-tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'\"")" = 1 ]; then
        verb=ALTER
    else
        verb=CREATE
    fi
    as_postgres "-c \"$verb ROLE $PG_ROLE LOGIN CREATEDB NOSUPERUSER NOCREATEROLE \
        PASSWORD '$(pg_password)'\""
fi
