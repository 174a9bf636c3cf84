#!/usr/bin/env bash
# `make clean`: drop this project's databases and remove everything generated.
source "$(dirname "$0")/lib.sh"
if [ -s "$LOCAL/pg_password" ] && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    for db in "$DEMO_DB" ph_test ph_test_template ph_selftest; do
        drop_db "$db" "$LOCAL/data" || true
    done
fi
rm -rf "$LOCAL" "$VENV" "$VENV_TESTS" "$VENV_LINT"
