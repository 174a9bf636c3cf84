"""scripts/generate_data.py on a copy of the test database: counts, states,
the nested sets, and --drop-existing removing exactly what it generated."""
import os
import subprocess
from datetime import date

import pytest

import harness

MEMBERS = 2000


def generate(config, db, *extra):
    return subprocess.run(
        [harness.PYTHON, os.path.join(harness.ROOT, "scripts", "generate_data.py"),
         "-c", config, "-d", db, "--members", str(MEMBERS), "--seed", "7"]
        + list(extra), check=True, capture_output=True, text=True,
        env=harness.odoo_env(), timeout=600).stdout


def copy_db(source, name):
    """Like harness.clone_db, but while the end-to-end server holds
    connections to the source (CREATE DATABASE ... TEMPLATE refuses then).
    No filestore copy: the generator touches no attachment."""
    harness.drop_db(name)
    harness.psql('CREATE DATABASE "%s"' % name)
    connection = ["-h", harness.PG_HOST, "-p", harness.PG_PORT, "-U",
                  harness.PG_ROLE, "-d"]
    dump = subprocess.Popen(["pg_dump", "--no-owner"] + connection + [source],
                            stdout=subprocess.PIPE, env=harness.pg_env())
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"] + connection
                   + [name], stdin=dump.stdout, stdout=subprocess.DEVNULL,
                   env=harness.pg_env(), check=True)
    dump.stdout.close()
    assert dump.wait() == 0


@pytest.fixture(scope="module")
def generated_db(odoo_db):
    db = harness.TEST_DB + "_gen"
    copy_db(odoo_db, db)
    config = harness.write_config(
        os.path.join(harness.TEST_DIR, "generator.conf"), db)
    try:
        yield config, db, generate(config, db)
    finally:
        harness.drop_db(db)


def test_members_per_state_and_organization(generated_db):
    _config, db, output = generated_db
    assert "total (%d members, 100 cells" % MEMBERS in output
    states = dict(row.split("|") for row in harness.psql(
        "SELECT state, count(*) FROM party_member WHERE record_number LIKE "
        "'GEN-%' GROUP BY state", db=db).splitlines())
    assert sum(int(n) for n in states.values()) == MEMBERS
    assert set(states) == {"official", "probationary", "exempted",
                           "transferred_out", "left", "deceased"}
    assert int(states["official"]) > MEMBERS * 0.8
    levels = dict(row.split("|") for row in harness.psql(
        "SELECT level, count(*) FROM party_organization WHERE code LIKE 'GEN%' "
        "GROUP BY level", db=db).splitlines())
    assert levels["city"] == "1" and levels["commune"] == "40"
    assert levels["cell"] == "100" and int(levels["grassroots"]) > 0
    # every member is in a generated cell, with its contact and its history
    assert harness.psql("""
        SELECT count(*) FROM party_member m
          JOIN party_organization o ON o.id = m.organization_id
          JOIN res_partner p ON p.id = m.partner_id AND p.ref = m.record_number
         WHERE o.level = 'cell' AND o.code LIKE 'GEN-%'
           AND EXISTS (SELECT 1 FROM party_member_history h
                        WHERE h.member_id = m.id)""", db=db) == str(MEMBERS)
    # consistent derived columns
    assert harness.psql("""
        SELECT count(*) FROM party_member WHERE record_number LIKE 'GEN-%' AND (
            (state = 'probationary') <> (probation_end_date IS NOT NULL)
            OR (state IN ('left', 'deceased', 'transferred_out')) = active
            OR admission_date < date_of_birth + interval '18 years'
            OR age_band IS NULL)""", db=db) == "0"


def test_nested_sets_are_consistent(generated_db):
    _config, db, _output = generated_db
    # every member's organization lies inside the generated city's range
    assert harness.psql("""
        SELECT count(*) FROM party_member m
          JOIN party_organization o ON o.id = m.organization_id,
               party_organization city
         WHERE city.code = 'GEN' AND m.record_number LIKE 'GEN-%'
           AND o.parent_left > city.parent_left
           AND o.parent_right < city.parent_right""", db=db) == str(MEMBERS)
    # and every organization inside its parent's range, complete name included
    assert harness.psql("""
        SELECT count(*) FROM party_organization o
          JOIN party_organization p ON p.id = o.parent_id
         WHERE o.code LIKE 'GEN-%' AND NOT (
               o.parent_left > p.parent_left AND o.parent_right < p.parent_right
               AND o.complete_name = p.complete_name || ' / ' || o.name)
        """, db=db) == "0"


# the generated rows, without ids and creation times
ROWS = """
    SELECT md5(string_agg(concat_ws('|', m.record_number, p.name, p.lang,
               m.active, m.state, m.gender, m.date_of_birth, m.admission_date,
               m.official_date, m.card_number, m.age_band, m.probation_end_date,
               m.occupation, m.education_level, o.code, (
                   SELECT string_agg(concat_ws('|', h.date, h.event,
                                               h.from_state, h.to_state),
                                     ';' ORDER BY h.id)
                     FROM party_member_history h WHERE h.member_id = m.id)),
               ',' ORDER BY m.record_number))
      FROM party_member m
      JOIN res_partner p ON p.id = m.partner_id
      JOIN party_organization o ON o.id = m.organization_id
     WHERE m.record_number LIKE 'GEN-%'"""


def test_drop_existing_replaces_only_generated_data(generated_db):
    config, db, _output = generated_db
    before = harness.psql("SELECT count(*) FROM party_member "
                          "WHERE record_number NOT LIKE 'GEN-%'", db=db)
    rows, day = harness.psql(ROWS, db=db), date.today()
    with pytest.raises(subprocess.CalledProcessError):
        generate(config, db)  # refuses to generate twice
    # the same seed gives the same rows, whatever the chunks streamed to COPY
    generate(config, db, "--drop-existing", "--chunk", "300")
    if date.today() == day:  # the ages and dates count from today
        assert harness.psql(ROWS, db=db) == rows
    assert harness.psql("SELECT count(*) FROM party_member "
                        "WHERE record_number LIKE 'GEN-%'", db=db) == str(MEMBERS)
    assert harness.psql("SELECT count(*) FROM party_member "
                        "WHERE record_number NOT LIKE 'GEN-%'", db=db) == before
