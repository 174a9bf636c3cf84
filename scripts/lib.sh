# Shared settings and helpers for the project's scripts. Source it, don't run it.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"                 # generated for this checkout (git-ignored)
# Machine-wide state, shared by every checkout on this machine like the
# PostgreSQL cluster itself: the role's password and the databases' filestores.
STATE="${PARTY_HANDBOOK_STATE:-${XDG_DATA_HOME:-$HOME/.local/share}/party-handbook}"
DATA_DIR="$STATE/data"
PG_PASSWORD_FILE="$STATE/pg_password"
TOOLS="$LOCAL/tools"
VENV="$ROOT/.venv"                   # Odoo 11 runtime, Python 3.7
VENV_TESTS="$ROOT/.venv-tests"       # repository-level tests, system Python 3.11
VENV_LINT="$ROOT/.venv-lint"         # flake8 + pylint-odoo, Python 3.7
ODOO_BIN="$ROOT/scripts/odoo-bin"

PG_VERSION="${PG_VERSION:-15}"
PG_CLUSTER="${PG_CLUSTER:-main}"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_ROLE="${PG_ROLE:-party_handbook}"

DEMO_DB="${DEMO_DB:-party_handbook_demo}"
HTTP_PORT="${HTTP_PORT:-8069}"
LONGPOLLING_PORT="${LONGPOLLING_PORT:-8072}"
CONFIG="$LOCAL/odoo.conf"
PIDFILE="$LOCAL/odoo.pid"
LOGFILE="$LOCAL/odoo.log"

# The suite (repository root) is exposed to Odoo under this module name.
SUITE_MODULE="party_handbook_suite"
OUR_MODULES="party_handbook,party_handbook_meetings,$SUITE_MODULE"

export PATH="$TOOLS/wkhtmltox/bin:$TOOLS/node/node_modules/.bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

python37() {
    local py
    if command -v pyenv >/dev/null 2>&1 && [ -x "$(pyenv root)/versions/3.7.16/bin/python" ]; then
        py="$(pyenv root)/versions/3.7.16/bin/python"
    elif command -v python3.7 >/dev/null 2>&1; then
        py="$(command -v python3.7)"
    else
        die "Python 3.7 is required (Odoo 11); install it with: pyenv install 3.7.16"
    fi
    printf '%s' "$py"
}

# A stable digest of files (used for "rebuild only when this changed" stamps).
digest() { cat "$@" | sha256sum | cut -c1-16; }

pg_password() { cat "$PG_PASSWORD_FILE"; }

psql_role() {
    PGPASSWORD="$(pg_password)" psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" \
        -U "$PG_ROLE" "$@"
}

db_exists() {
    [ "$(psql_role -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

# The database comment holds a stamp, e.g. the digest a template was built from.
db_stamp() {
    psql_role -d postgres -tAc "SELECT shobj_description(oid, 'pg_database') \
        FROM pg_database WHERE datname = '$1'"
}

drop_db() {
    local name="$1"
    if db_exists "$name"; then
        psql_role -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
            WHERE datname = '$name' AND pid <> pg_backend_pid()" >/dev/null
        psql_role -d postgres -c "DROP DATABASE \"$name\""
    fi
    rm -rf "$2/filestore/$name" "$2/party_ballot_keys/$name"
}

http_ok() { curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
