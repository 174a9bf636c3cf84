# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.1.1.0: secret ballots are encrypted (ballot_crypto) instead of
stored in plain text in a pool of blank ballots.

* Closed votes keep the counts frozen on their motion: their plain-text
  ballots are deleted. (The register of who voted stays; for these past
  votes the ballot table no longer holds one row per voter.)
* Votes still open are carried over: each gets a key (file and public key)
  as if it opened now, and each ballot already cast is encrypted for it;
  the blank ballots go. Members go on voting after the upgrade.
* Draft motions have no ballots.

The table is emptied with TRUNCATE, which gives it new files: the old rows,
dead versions included, leave the table's files when this commits. What
the old scheme wrote to the write-ahead log, to replicas and to backups
before the upgrade stays there until they are recycled.

Everything happens here, in one transaction with the rest of the update
(the motion's new column is added now, not by the ORM later), so that an
interrupted upgrade changes nothing but leaves a key file the collector
removes.
"""
import importlib.util
import logging
import os

import psycopg2

_logger = logging.getLogger(__name__)
MODELS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "models")


def _load(name):
    """The module's plain Python helpers, without importing the addon
    (its models are loaded by Odoo after this script)."""
    spec = importlib.util.spec_from_file_location(
        "party_ballot_migration_%s" % name, os.path.join(MODELS, "%s.py" % name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'party_meeting_ballot' AND column_name = 'choice'""")
    if not cr.fetchone():
        return
    crypto, keys = _load("ballot_crypto"), _load("ballot_keys")
    cr.execute("""
        SELECT m.id, b.choice
          FROM party_meeting_motion m
          LEFT JOIN party_meeting_ballot b
            ON b.motion_id = m.id AND b.choice IS NOT NULL
         WHERE m.state = 'open' AND m.method = 'secret'
         ORDER BY m.id""")
    open_votes = {}
    for motion_id, choice in cr.fetchall():
        open_votes.setdefault(motion_id, [])
        if choice:
            open_votes[motion_id].append(choice)
    cr.execute("SELECT count(*) FROM party_meeting_ballot")
    old = cr.fetchone()[0]
    cr.execute("TRUNCATE party_meeting_ballot")
    cr.execute("""
        ALTER TABLE party_meeting_ballot
            DROP COLUMN choice,
            ADD COLUMN yes_a bytea, ADD COLUMN yes_b bytea,
            ADD COLUMN no_a bytea, ADD COLUMN no_b bytea""")
    cr.execute("ALTER TABLE party_meeting_motion "
               "ADD COLUMN IF NOT EXISTS ballot_public_key varchar")
    # Odoo 11 keeps the description of a field removed from the code (its
    # xml id has noupdate NULL, which the end-of-update cleanup skips)
    cr.execute("""
        SELECT id FROM ir_model_fields
         WHERE model = 'party.meeting.ballot' AND name = 'choice'""")
    stale = tuple(row[0] for row in cr.fetchall())
    if stale:
        cr.execute("DELETE FROM ir_model_data WHERE model = 'ir.model.fields' "
                   "AND res_id IN %s", (stale,))
        cr.execute("DELETE FROM ir_translation WHERE name = "
                   "'party.meeting.ballot,choice' OR (name LIKE 'ir.model.fields,%%' "
                   "AND res_id IN %s)", (stale,))
        cr.execute("DELETE FROM ir_model_fields WHERE id IN %s", (stale,))
    carried = 0
    for motion_id, choices in open_votes.items():
        private, public = crypto.keygen()
        keys.write_key(cr.dbname, motion_id, private, public)
        del private
        cr.execute("UPDATE party_meeting_motion SET ballot_public_key = %s "
                   "WHERE id = %s", ("%x" % public, motion_id))
        for choice in choices:
            cr.execute("""
                INSERT INTO party_meeting_ballot (motion_id, yes_a, yes_b,
                       no_a, no_b)
                VALUES (%s, %s, %s, %s, %s)""", (motion_id,) + tuple(
                    psycopg2.Binary(component)
                    for component in crypto.encrypt_ballot(public, choice)))
            carried += 1
    _logger.info("secret ballots: %s plain-text ballot rows removed, %s cast "
                 "ballots of %s open votes encrypted", old, carried,
                 len(open_votes))
