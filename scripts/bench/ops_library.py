# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark operations: the library's search (issue #17) on a library of
city size.

``setup`` adds (once, committed) a text of up to ``MAX_PASSAGES`` articles
to the
library, written in SQL from the demo library's articles with a number in
each heading, so that every query term is frequent, as in a library of
years of documents; the demo's texts stay. ``run`` asks every question of
party_handbook/tests/data/library_questions.yaml as the generated member
(ranking and access filtering included); ``floor`` runs, for each question,
PostgreSQL's own ranking of the same full-text query (top 10 by
``ts_rank_cd``), with no access filtering and no reranking."""
import os

import yaml

# the library does not grow with the members: 100,000 passages from a city
# of 100,000 members on (decades of a city's documents); fewer for the
# tiny city of tests/test_bench.py
MAX_PASSAGES = 100000
BENCH_TEXT = "Benchmark: library of %s articles"
HERE = os.path.dirname(os.path.abspath(__file__))
QUESTIONS = os.path.join(os.path.dirname(os.path.dirname(HERE)),
                         "party_handbook", "tests", "data",
                         "library_questions.yaml")


def operations(size):
    passages = max(1000, min(MAX_PASSAGES, size))
    return [
        {"name": "library: %s questions, %s articles (member)" % (
            len(_questions()), passages),
         "group": "report", "target": None, "runs": None,
         "login": "gen_member", "floor": floor, "run": run,
         "setup": lambda env: setup(env, passages)},
    ]


def _questions():
    with open(QUESTIONS, encoding="utf-8") as handle:
        return [item["q"] for item in yaml.safe_load(handle)]


def setup(env, passages):
    Text = env["party.library.text"]
    name = BENCH_TEXT % passages
    text = Text.search([("name", "=", name)])
    if not text:
        text = Text.create({"name": name, "kind": "other"})
    cr = env.cr
    cr.execute("SELECT count(*) FROM party_library_section WHERE text_id = %s",
               (text.id,))
    if cr.fetchone()[0] < passages:
        cr.execute("DELETE FROM party_library_section WHERE text_id = %s",
                   (text.id,))
        # the demo articles, over and over, each with its own heading
        cr.execute("""
            WITH demo AS (
                SELECT row_number() OVER (ORDER BY s.id) - 1 AS n,
                       s.heading, s.body
                  FROM party_library_section s
                  JOIN party_library_text t ON t.id = s.text_id
                 WHERE t.id != %(text)s),
            total AS (SELECT count(*) AS c FROM demo)
            INSERT INTO party_library_section
                   (text_id, sequence, code, heading, body, text_state)
            SELECT %(text)s, g, 'Mục ' || g,
                   coalesce(demo.heading, '') || ' (' || g || ')', demo.body,
                   'draft'
              FROM generate_series(1, %(count)s) g, total
              JOIN demo ON TRUE
             WHERE demo.n = g %% total.c""", {"text": text.id,
                                              "count": passages})
    if text.state != "published":
        # publish indexes the articles: in SQL here, as _sync_sections would
        cr.execute("UPDATE party_library_text SET state = 'published' "
                   "WHERE id = %s", (text.id,))
        cr.execute("UPDATE party_library_section SET text_state = 'published' "
                   "WHERE text_id = %s", (text.id,))
        cr.execute("DELETE FROM party_library_passage WHERE section_id IN "
                   "(SELECT id FROM party_library_section WHERE text_id = %s)",
                   (text.id,))
        cr.execute("""
            INSERT INTO party_library_passage (section_id, part, heading, body)
            SELECT s.id, 0, %s || ', ' || s.code || '. ' || s.heading, s.body
              FROM party_library_section s WHERE s.text_id = %s""",
                   (name, text.id))
        cr.execute("ANALYZE party_library_passage")
    # the terms' counts of the passages written in SQL (the ORM keeps them)
    env["party.library.passage"]._rebuild_terms()
    return {"questions": _questions()}


def run(env, state):
    library = env["party.library"]
    for question in state["questions"]:
        library.search_library(question, limit=10)
    return len(state["questions"])


def floor(cr, state):
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)),
                                    "party_handbook", "library"))
    import text as vitext  # pylint: disable=import-error
    for question in state["questions"]:
        words = [w for w in vitext.syllables(question)
                 if w not in vitext.STOP_WORDS][:24]
        if not words:
            continue
        query = " | ".join(words)
        cr.execute("""
            SELECT id FROM party_library_passage
             WHERE tsv @@ to_tsquery('public.party_vi', %s)
             ORDER BY ts_rank_cd(tsv, to_tsquery('public.party_vi', %s)) DESC
             LIMIT 10""", (query, query))
        cr.fetchall()
    return len(state["questions"])
