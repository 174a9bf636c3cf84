# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Feedback themes at city size (issue #17, item 3): the issuer's officer
groups 10,000 members' feedback on one document into themes.

Operations for ``scripts/bench.py`` (contract: ``operations(size)``, see
scripts/bench/core.py). The feedback are made once from the hand-labelled
set (party_handbook/tests/data/feedback_labelled.csv) with variations
(:func:`generated_feedback`: diacritics dropped, words left out, an opening
or closing sentence added), written set-wise on a document of GEN-C01 sent
to its first cell. ``run`` is the document's action as ``gen_officer``
(read the feedback the officer may read, cluster, write the draft
summary); ``floor`` reads the same bodies in one SQL query and clusters
them with the library alone: the ratio is the ORM's part.
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
LABELLED = os.path.join(
    os.path.dirname(os.path.dirname(HERE)), "party_handbook", "tests", "data",
    "feedback_labelled.csv")
COUNT = 10000
COMMUNE = "GEN-C01"
DOCUMENT = "Bench: góp ý nghị quyết (chủ đề ý kiến)"
OPENINGS = ("", "", "Ý kiến của tôi: ", "Kính gửi Đảng ủy, ", "Tôi xin góp ý: ")
CLOSINGS = ("", "", " Xin cảm ơn.", " Mong cấp ủy xem xét.", " Trân trọng.")


def labelled():
    with open(LABELLED, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def generated_feedback(count=COUNT, seed=1):
    """``count`` (theme, body) made from the labelled set, reproducibly."""
    from odoo.addons.party_handbook.library.text import unaccent
    rows = labelled()
    rng = random.Random(seed)
    result = []
    for _index in range(count):
        row = rng.choice(rows)
        words = row["body"].split()
        if len(words) > 6 and rng.random() < 0.5:   # a word left out
            del words[rng.randrange(len(words))]
        body = " ".join(words)
        if rng.random() < 0.3:                        # typed without diacritics
            body = unaccent(body)
        body = rng.choice(OPENINGS) + body + rng.choice(CLOSINGS)
        result.append((row["theme"], body))
    return result


def _setup(env):
    from core import first_cell   # noqa (scripts/bench/core.py)
    commune = env["party.organization"].search([("code", "=", COMMUNE)])
    Document = env["party.document"]
    document = Document.search([("name", "=", DOCUMENT)], limit=1)
    if not document:
        cell = first_cell(env, COMMUNE)
        document = Document.create({
            "name": DOCUMENT, "document_type": "resolution",
            "issuing_organization_id": commune.id,
            "target_ids": [(0, 0, {"organization_id": cell.id})]})
        document.action_publish()
    env.cr.execute("SELECT count(*) FROM party_document_feedback "
                   "WHERE document_id = %s", (document.id,))
    if env.cr.fetchone()[0] < COUNT:
        env.cr.execute("DELETE FROM party_document_feedback "
                       "WHERE document_id = %s", (document.id,))
        env.cr.execute("""SELECT member_id, organization_id, member_partner_id
                            FROM party_document_receipt
                           WHERE document_id = %s ORDER BY id""",
                       (document.id,))
        receipts = env.cr.fetchall()
        assert receipts, "the first cell of %s has no member" % COMMUNE
        values = []
        for index, (_theme, body) in enumerate(generated_feedback()):
            member, org, partner = receipts[index % len(receipts)]
            values.append((document.id, document.issuing_organization_id.id,
                           member, org, partner, body))
        env.cr.executemany("""
            INSERT INTO party_document_feedback
                (document_id, issuing_organization_id, member_id,
                 organization_id, member_partner_id, body, kind, state,
                 published, create_uid, write_uid, create_date, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, 'opinion', 'new', FALSE, 1, 1,
                    now() at time zone 'UTC', now() at time zone 'UTC')""",
                           values)
    return {"document_id": document.id}


def _run(env, state):
    action = env["party.document"].browse(
        state["document_id"]).action_feedback_summary()
    return env[action["res_model"]].browse(action["res_id"]).feedback_count


def _floor(cr, state):
    from odoo.addons.party_handbook.library.themes import find_themes
    cr.execute("""SELECT id, body, organization_id FROM party_document_feedback
                   WHERE document_id = %s ORDER BY id""", (state["document_id"],))
    return sum(theme["count"] for theme in find_themes(cr.fetchall()))


def operations(size):
    return [{
        "name": "feedback_themes: %s feedback of one document (commune "
                "officer)" % "{:,}".format(COUNT),
        "group": "report", "target": 3.0, "runs": 3,
        "login": "gen_officer",
        "setup": _setup, "run": _run, "floor": _floor,
    }]
