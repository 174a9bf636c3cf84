#!/usr/bin/env bash
# `make bench SIZE=100000 [WORKERS=4] [RUNS=5] [ONLY=<substring>] [REGEN=1]`:
# set up what is missing (the Odoo virtualenv, PostgreSQL, the test
# template), generate or reuse a city of SIZE members in ph_bench_<SIZE>,
# then run every operation of scripts/bench/ops_*.py beside its floor
# (scripts/bench.py). Extra arguments go to scripts/bench.py.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh" runtime
"$ROOT/scripts/pg.sh"
cd "$ROOT"
args=(--size "${SIZE:-100000}" --workers "${WORKERS:-4}")
[ -n "${RUNS:-}" ] && args+=(--runs "$RUNS")
[ -n "${ONLY:-}" ] && args+=(--only "$ONLY")
[ -n "${REGEN:-}" ] && [ "${REGEN}" != 0 ] && args+=(--regen)
exec "$VENV/bin/python" "$ROOT/scripts/bench.py" "${args[@]}" "$@"
