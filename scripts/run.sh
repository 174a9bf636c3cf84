#!/usr/bin/env bash
# `make run`: set up what is missing, create or update the demo database, start
# Odoo on http://127.0.0.1:8069 in the background. Idempotent: a second run only
# starts what is down.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh" runtime
"$ROOT/scripts/pg.sh"
mkdir -p "$DATA_DIR"

"$VENV/bin/python" "$ROOT/scripts/write_config.py" --output "$CONFIG" --db "$DEMO_DB" \
    --http-port "$HTTP_PORT" --longpolling-port "$LONGPOLLING_PORT" \
    --data-dir "$DATA_DIR" --logfile "$LOGFILE" --db-host "$PG_HOST" \
    --db-port "$PG_PORT" --db-user "$PG_ROLE" --db-password-file "$PG_PASSWORD_FILE"

# The code the database was built from: rebuild (update) only when it changed.
code_stamp() {
    (cd "$ROOT" && find party_handbook party_handbook_meetings __manifest__.py \
        -type f ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | sort -z \
        | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

# Odoo modules our manifests depend on that the database lacks (comma-separated).
missing_depends() {
    local installed
    installed="$(psql_role -d "$1" -Atc "SELECT name FROM ir_module_module WHERE state = 'installed'")"
    INSTALLED="$installed" "$VENV/bin/python" - "$ROOT" <<'PY'
import ast, os, sys
root, ours = sys.argv[1], ("party_handbook", "party_handbook_meetings")
installed = set(os.environ["INSTALLED"].split())
wanted = set()
for module in ours:
    with open(os.path.join(root, module, "__manifest__.py")) as handle:
        text = handle.read()
    wanted |= set(ast.literal_eval(text[text.index("{"):])["depends"])
print(",".join(sorted(wanted - installed - set(ours))))
PY
}

odoo_once() {
    local log="$LOCAL/install.log"
    rm -f "$log"  # Odoo appends to its log file
    if ! "$VENV/bin/python" "$ODOO_BIN" -c "$CONFIG" -d "$DEMO_DB" --logfile "$log" \
            --stop-after-init "$@"; then
        tail -n 40 "$log" >&2
        die "Odoo failed ($*); the whole log is $log"
    fi
    # While a dependency added since the database was built is not installed
    # yet, Odoo's first loading pass reports "Unmet dependencies" for our
    # modules, then installs it and updates them: the states are checked
    # after the update instead.
    local allowed="^$"
    [ -z "${ALLOW_UNMET:-}" ] || allowed="odoo\.modules\.graph: module .*: Unmet dependencies"
    if grep -E " (CRITICAL|ERROR) $DEMO_DB odoo\.(modules|tools\.convert)" "$log" \
            | grep -Ev "$allowed" >&2; then
        die "Odoo reported errors ($*); see $log"
    fi
}

# "name version" of our modules: in the code, and installed in a database
code_versions() {
    "$VENV/bin/python" - "$ROOT" <<'PY'
import ast, os, sys
for module in ("party_handbook", "party_handbook_meetings"):
    with open(os.path.join(sys.argv[1], module, "__manifest__.py")) as handle:
        text = handle.read()
    print(module, ast.literal_eval(text[text.index("{"):])["version"])
PY
}

db_versions() {
    psql_role -d "$1" -Atc "SELECT name || ' ' || latest_version FROM ir_module_module
        WHERE name IN ('party_handbook', 'party_handbook_meetings') ORDER BY name" 2>/dev/null
}

stamp="$(code_stamp)"
if pid_alive "$PIDFILE" && [ "$(db_stamp "$DEMO_DB" 2>/dev/null)" = "$stamp" ]; then
    log "Odoo is already running (pid $(cat "$PIDFILE"))"
else
    if pid_alive "$PIDFILE"; then
        log "The code changed: restarting Odoo"
        "$ROOT/scripts/stop.sh" odoo
    fi
    if db_exists "$DEMO_DB" && [ ! -d "$DATA_DIR/filestore/$DEMO_DB" ]; then
        log "The demo database has lost its filestore: rebuilding it"
        drop_db "$DEMO_DB" "$DATA_DIR"
    fi
    # Odoo loads a module's demo data fully only when it installs it: on an
    # update the demo files' <function> steps (the fee ledger's months, the
    # payments, the arrears run...) are skipped. The demo database is
    # demo: built again when our modules' versions change.
    if db_exists "$DEMO_DB" && [ "$(db_versions "$DEMO_DB")" != "$(code_versions)" ]; then
        log "The modules' versions changed: building the demo database again (an update would miss demo data)"
        drop_db "$DEMO_DB" "$DATA_DIR"
    fi
    if ! db_exists "$DEMO_DB"; then
        log "Creating the demo database $DEMO_DB (suite, demo data, Vietnamese)"
        odoo_once -i "$SUITE_MODULE" --load-language=vi_VN
        psql_role -d postgres -c "COMMENT ON DATABASE \"$DEMO_DB\" IS '$stamp'"
    elif [ "$(db_stamp "$DEMO_DB")" != "$stamp" ]; then
        log "Updating the demo database $DEMO_DB to the current code"
        # dependencies added since the database was built are installed
        # first (updating a module whose new dependency is not installed
        # yet logs "Unmet dependencies" while Odoo sorts it out)
        missing="$(missing_depends "$DEMO_DB")"
        if [ -n "$missing" ]; then
            log "Installing new dependencies: $missing"
            ALLOW_UNMET=1 odoo_once -i "$missing" -u "$OUR_MODULES"
            left="$(missing_depends "$DEMO_DB")"
            [ -z "$left" ] || die "dependencies still not installed: $left; see $LOCAL/install.log"
            not_installed="$(psql_role -d "$DEMO_DB" -Atc "SELECT string_agg(name, ',')
                FROM ir_module_module WHERE name IN ('party_handbook',
                'party_handbook_meetings', '$SUITE_MODULE') AND state != 'installed'")"
            [ -z "$not_installed" ] || die "not installed after the update: $not_installed"
        fi
        odoo_once -u "$OUR_MODULES"
        psql_role -d postgres -c "COMMENT ON DATABASE \"$DEMO_DB\" IS '$stamp'"
    fi
    if http_ok "http://127.0.0.1:$HTTP_PORT/web/login"; then
        die "port $HTTP_PORT is taken by another server (another checkout's make run?): stop it, or set HTTP_PORT"
    fi
    # wkhtmltopdf fetches the reports' CSS from the server itself
    psql_role -d "$DEMO_DB" -c "INSERT INTO ir_config_parameter (key, value, create_date,
        write_date) VALUES ('report.url', 'http://127.0.0.1:$HTTP_PORT', now(), now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value" >/dev/null
    log "Starting Odoo"
    setsid "$VENV/bin/python" "$ODOO_BIN" -c "$CONFIG" </dev/null >/dev/null 2>&1 &
    echo $! > "$PIDFILE"
fi

for _ in $(seq 1 120); do
    http_ok "http://127.0.0.1:$HTTP_PORT/web/login" && break
    pid_alive "$PIDFILE" || { tail -n 30 "$LOGFILE" >&2; die "Odoo stopped; see $LOGFILE"; }
    sleep 0.5
done
http_ok "http://127.0.0.1:$HTTP_PORT/web/login" || die "Odoo does not answer; see $LOGFILE"

cat <<TXT

  Party Handbook is running: http://127.0.0.1:$HTTP_PORT  (database $DEMO_DB)

  Demo logins (demo database only; see README.md):
    admin / admin              Administrator (all roles)
    cityofficer / cityofficer  City officer (the whole tree)
    officer / officer          Committee officer of xã Vinh Lộc
    secretary / secretary      Secretary of Chi bộ thôn Lương Viện
    supervisor / supervisor    Supervising officer of three cells
    member / member            A member (portal: http://127.0.0.1:$HTTP_PORT/my)
  (demo data only: new passwords need 12+ characters, a phrase will do,
  and may not be the login, the name or a common password)

  Log: $LOGFILE     Stop: make stop
TXT
