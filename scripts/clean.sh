#!/usr/bin/env bash
# `make clean`: stop Odoo, drop this project's databases, remove everything
# generated (the machine-wide role password stays: other checkouts may use it).
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/stop.sh" odoo
if [ -x "$VENV/bin/python" ] || command -v psql >/dev/null 2>&1; then
    "$ROOT/scripts/pg.sh"
    for db in "$DEMO_DB" $(psql_role -d postgres -tAc "SELECT datname FROM pg_database \
            WHERE datname LIKE 'ph\_test%'"); do
        drop_db "$db" "$DATA_DIR"
    done
fi
"$ROOT/scripts/stop.sh"
rm -rf "$LOCAL" "$VENV" "$VENV_TESTS" "$VENV_LINT" "$DATA_DIR" "$STATE/test-data"
