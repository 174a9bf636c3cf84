#!/usr/bin/env bash
# `make test`: set up what is missing, then run every test through pytest:
# the modules' Odoo tests (Odoo 11's runner, fresh database with demo data),
# the runner's self-test, end-to-end tests against a real server, a real
# browser, translations and lint. Arguments go to pytest (e.g. -k rpc, or
# test files). Ends with pytest's summary line; non-zero exit on any failure.
source "$(dirname "$0")/lib.sh"
export PH_TEST_STARTED="${PH_TEST_STARTED:-$(date +%s)}"
"$ROOT/scripts/setup.sh" all
"$ROOT/scripts/pg.sh"
cd "$ROOT"
exec "$VENV_TESTS/bin/pytest" "${@:-tests}"
