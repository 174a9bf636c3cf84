#!/usr/bin/env bash
# Regenerate each module's .pot from a database where the modules are installed
# (default: the test database that `make test` leaves behind), and merge it into
# the module's vi.po. New strings then show up untranslated in vi.po: translate
# them; the i18n tests fail until every string is translated.
# Usage: scripts/i18n.sh [config] [database]
source "$(dirname "$0")/lib.sh"
CONF="${1:-$LOCAL/test/odoo.conf}"
DB="${2:-ph_test}"
[ -f "$CONF" ] || die "no configuration $CONF: run make test first"
for module in party_handbook party_handbook_meetings; do
    pot="$ROOT/$module/i18n/$module.pot"
    po="$ROOT/$module/i18n/vi.po"
    mkdir -p "$(dirname "$pot")"
    "$VENV/bin/python" "$ODOO_BIN" -c "$CONF" -d "$DB" --log-level=warn \
        --i18n-export="$pot.po" --modules="$module" --stop-after-init
    # Odoo only writes .po: keep dates out of the template so it diffs cleanly.
    sed -e '/^"POT-Creation-Date:/d' -e '/^"PO-Revision-Date:/d' "$pot.po" > "$pot"
    rm -f "$pot.po"
    if [ -f "$po" ]; then
        msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$po" "$pot"
        msgattrib --no-obsolete --no-wrap -o "$po" "$po"
    else
        sed -e 's/^"Language-Team: \\n"/"Language-Team: Vietnamese\\n"\n"Language: vi\\n"/' \
            -e 's/^"Plural-Forms: \\n"/"Plural-Forms: nplurals=1; plural=0;\\n"/' "$pot" > "$po"
    fi
    log "$module: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
done
