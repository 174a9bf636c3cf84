#!/usr/bin/env bash
# `make stop`: stop what `make run` started: Odoo, and PostgreSQL if make run
# started it. `scripts/stop.sh odoo` stops only Odoo.
source "$(dirname "$0")/lib.sh"
if pid_alive "$PIDFILE"; then
    pid="$(cat "$PIDFILE")"
    log "Stopping Odoo (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
fi
rm -f "$PIDFILE"
if [ "${1:-all}" = all ] && [ -f "$LOCAL/pg_started" ]; then
    log "Stopping PostgreSQL $PG_VERSION/$PG_CLUSTER (started by make run)"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" stop || true
    rm -f "$LOCAL/pg_started"
fi
