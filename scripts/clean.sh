#!/usr/bin/env bash
# `make clean`: drop this project's databases and remove everything generated
# (the machine-wide role password stays: other checkouts may use it).
source "$(dirname "$0")/lib.sh"
if [ -s "$PG_PASSWORD_FILE" ] && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    for db in "$DEMO_DB" ph_test ph_test_template ph_selftest; do
        drop_db "$db" "$DATA_DIR" || true
    done
fi
rm -rf "$LOCAL" "$VENV" "$VENV_TESTS" "$VENV_LINT" "$DATA_DIR" "$STATE/test-data"
