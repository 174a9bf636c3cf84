#!/usr/bin/env bash
# `make multihost`: two Odoo hosts (prefork, longpolling) on the demo database
# and one data_dir, the second without cron, behind nginx configured from
# etc/nginx.conf.example; in the foreground, Ctrl-C stops everything.
# docs/DEPLOYMENT.md ("Tried on this machine") tells what to try.
#   PROXY_PORT (8090), HOST_PORTS (8169,8172,8269,8272: host 1 HTTP and
#   longpolling, host 2 HTTP and longpolling), WORKERS (2 per host)
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh" runtime
"$ROOT/scripts/pg.sh"
db_exists "$DEMO_DB" || die "no demo database $DEMO_DB: run \`make run\` once first"
[ -d "$DATA_DIR/filestore/$DEMO_DB" ] \
    || die "the demo database has no filestore in $DATA_DIR: run \`make run\` first"

WORKDIR="$LOCAL/multihost"
mkdir -p "$WORKDIR"
# the base configuration: make run's hardening, on the demo database and
# make run's data_dir (shared by both hosts); scripts/multihost.py derives
# each host's ports, workers, cron threads and proxy_mode from it
"$VENV/bin/python" "$ROOT/scripts/write_config.py" --output "$WORKDIR/base.conf" \
    --db "$DEMO_DB" --http-port 0 --longpolling-port 0 --data-dir "$DATA_DIR" \
    --db-host "$PG_HOST" --db-port "$PG_PORT" --db-user "$PG_ROLE" \
    --db-password-file "$PG_PASSWORD_FILE"
exec "$VENV/bin/python" "$ROOT/scripts/multihost.py" --config "$WORKDIR/base.conf" \
    --workdir "$WORKDIR" --proxy-port "${PROXY_PORT:-8090}" \
    --ports "${HOST_PORTS:-8169,8172,8269,8272}" --workers "${WORKERS:-2}"
