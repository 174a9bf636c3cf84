# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The library: the Party's and the State's texts the committee adds (the
Statute, QĐ 294, HD 42...) with their articles as sections, and every
published document, searchable in Vietnamese with or without diacritics.

The index is one table of passages (``party.library.passage``): an article
of a text, or a paragraph block of a published document. PostgreSQL keeps
a full-text vector of each passage, unaccented (``public.party_vi``, a copy
of ``simple`` with ``unaccent``), under a GIN index, and a trigram index on
the unaccented heading for typos. A search takes candidates from SQL, ranks
them by BM25 on syllables and syllable pairs (``library/text.py``), then
keeps only what the user may read: documents through the ORM as the user
(or the member's own receipts), texts when published."""
import logging
import math
import re

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..library import synonyms  # pylint: disable=missing-import-error
from ..library import text as vitext  # pylint: disable=missing-import-error
from .html_text import html_to_text  # pylint: disable=missing-import-error
from .party_integrity import internal_write  # pylint: disable=missing-import-error

_logger = logging.getLogger(__name__)

TEXT_KINDS = [
    ("statute", "Statute"),
    ("regulation", "Regulation"),
    ("guidance", "Guidance"),
    ("directive", "Directive"),
    ("resolution", "Resolution"),
    ("law", "Law or decree"),
    ("other", "Other"),
]
# A document's content is cut into passages of about this many characters,
# on paragraph ends, so a result points to the part that matches.
PASSAGE_CHARS = 900
MAX_QUERY_CHARS = 300
# Candidates taken from PostgreSQL before ranking and access filtering,
# out of at most CANDIDATE_ROWS passages holding the query's rarest terms.
CANDIDATES = 300
CANDIDATE_ROWS = 20000
# keys of party_library_term holding the number of passages and of words
TOTAL_PASSAGES = "#passages"
TOTAL_WORDS = "#words"
# BM25 (Robertson) parameters; pairs of syllables weigh more than a lone
# syllable: they stand for the two-syllable words of Vietnamese.
BM25_K1 = 1.2
BM25_B = 0.75
PAIR_WEIGHT = 1.5
HEADING_WEIGHT = 2
# A result holds at least this share of the query's syllables, weighed by
# their rarity (idf): a passage sharing one common word with a question is
# not an answer to it.
MIN_COVERAGE = 0.45
MIN_COVERAGE_FLOOR = 0.25
# A heading this similar to the query (pg_trgm word_similarity, unaccented)
# is a result even with typos in the words.
HEADING_SIMILARITY = 0.7
RELATIVE_BAR = 0.75
# Other wordings of a phrase (library/synonyms.py) weigh less than the
# member's own words.
ALTERNATIVE_WEIGHT = 0.6


def _query_words(query):
    """The unaccented syllables and pairs of a query, limited in size."""
    query = (query or "").strip()[:MAX_QUERY_CHARS]
    words = vitext.syllables(query)
    kept = [w for w in words if w not in vitext.STOP_WORDS] or words
    # pairs of content words: "biểu quyết", "quá nửa"; not "bị có"
    pairs = [(first, second) for first, second in zip(words, words[1:])
             if first not in vitext.STOP_WORDS and
             second not in vitext.STOP_WORDS]
    # a query of stop words only keeps its words
    seen = set()
    unique = [w for w in kept if not (w in seen or seen.add(w))]
    pairs = [p for p in pairs if not (p in seen or seen.add(p))]
    return unique[:24], pairs[:24]


def _edits(word):
    """The strings one letter away from ``word`` (a-z; Vietnamese typed
    without diacritics)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    result = set()
    for left, right in splits:
        if right:
            result.add(left + right[1:])
            for letter in letters:
                result.add(left + letter + right[1:])
        if len(right) > 1:
            result.add(left + right[1] + right[0] + right[2:])
        for letter in letters:
            result.add(left + letter + right)
    result.discard(word)
    return sorted(result)


def _tsquery(term):
    """A tsquery for one syllable or one pair (ASCII letters and digits only,
    from ``text.syllables``: nothing of the user's reaches the syntax)."""
    if isinstance(term, tuple):
        return "(%s <-> %s)" % term
    return term


class PartyLibraryText(models.Model):
    """A text of the Party or the State the committee adds to the library,
    with its articles as sections."""

    _name = "party.library.text"
    _description = "Library text"
    _inherit = ["party.integrity.mixin", "party.audited.thread"]
    _protected_fields = ("state",)
    _order = "sequence, date desc, id desc"

    name = fields.Char(string="Title", required=True,
                       track_visibility="onchange")
    number = fields.Char(track_visibility="onchange",
                         help="The text's number, e.g. 294-QĐ/TW.")
    kind = fields.Selection(TEXT_KINDS, required=True, default="regulation",
                            track_visibility="onchange")
    issuer = fields.Char(string="Issued by", track_visibility="onchange")
    date = fields.Date(string="Signed on", track_visibility="onchange")
    valid_from = fields.Date(string="In force from",
                             track_visibility="onchange")
    sequence = fields.Integer(default=10)
    summary = fields.Text()
    source_note = fields.Char(
        string="Copied from", track_visibility="onchange",
        help="Where the text was copied from (gazette, portal, paper copy), "
             "so that a reader can check it against the original.")
    state = fields.Selection([
        ("draft", "Draft"), ("published", "In the library"),
        ("archived", "Withdrawn"),
    ], string="Status", default="draft", required=True, readonly=True,
        index=True, copy=False, track_visibility="onchange")
    section_ids = fields.One2many("party.library.section", "text_id",
                                  string="Articles", copy=True)
    section_count = fields.Integer(compute="_compute_section_count",
                                   string="Articles")

    def _compute_section_count(self):
        if not self.ids:
            return
        self.env.cr.execute(
            "SELECT text_id, count(*) FROM party_library_section "
            "WHERE text_id IN %s GROUP BY text_id", (tuple(self.ids),))
        counts = dict(self.env.cr.fetchall())
        for text in self:
            text.section_count = counts.get(text.id, 0)

    @api.multi
    def name_get(self):
        return [(text.id, "%s %s" % (text.number, text.name) if text.number
                 else text.name) for text in self]

    def _check_manager(self):
        if self.env.uid == SUPERUSER_ID:  # data files, migrations
            return
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_manager"):
            raise UserError(_("Only the city's officers keep the library."))
        self.check_access_rule("write")

    def _move(self, state, allowed_from):
        """The state machine: ``state`` from ``allowed_from`` only, by the
        city's officers; the index follows."""
        self._check_manager()
        labels = dict(self._fields["state"]._description_selection(self.env))
        for text in self:
            if text.state not in allowed_from:
                raise UserError(_("%(text)s is %(state)s.") % {
                    "text": text.display_name, "state": labels[text.state]})
        with internal_write(self):
            self.write({"state": state})
        self.env["party.library.passage"]._sync_sections(
            self.mapped("section_ids"))
        return True

    @api.multi
    def action_publish(self):
        for text in self:
            if not text.section_ids:
                raise UserError(_("Add the text's articles before putting it "
                                  "in the library."))
        return self._move("published", ("draft",))

    @api.multi
    def action_withdraw(self):
        return self._move("archived", ("published",))

    @api.multi
    def action_reset_draft(self):
        return self._move("draft", ("archived",))

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if {"name", "number"} & set(vals):
            self.env["party.library.passage"]._sync_sections(
                self.mapped("section_ids"))
        return result

    @api.multi
    def unlink(self):
        if any(text.state != "draft" for text in self):
            raise UserError(_("A text that was in the library is withdrawn, "
                              "not deleted."))
        return super().unlink()


class PartyLibrarySection(models.Model):
    """An article (Điều), a clause or a chapter of a library text."""

    _name = "party.library.section"
    _description = "Article of a library text"
    _order = "text_id, sequence, id"

    text_id = fields.Many2one("party.library.text", string="Text",
                              required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    code = fields.Char(
        string="Article", required=True,
        help="How the text numbers it: Điều 9, Điều 9 khoản 5, Chương II.")
    heading = fields.Char(help="The article's title, if it has one.")
    body = fields.Text(string="Text", required=True)
    cite_key = fields.Char(
        string="Cited by the application", index=True, copy=False,
        help="A key the application uses to cite this article in its "
             "explanations (e.g. vote_majority: the verdicts of votes).")
    text_state = fields.Selection(related="text_id.state", readonly=True,
                                  store=True, index=True, string="Text status")

    _sql_constraints = [
        ("cite_key_uniq", "unique(cite_key)",
         "Another article is already cited by this key."),
    ]

    @api.multi
    def name_get(self):
        result = []
        for section in self:
            text = section.text_id
            label = text.number or text.name
            name = "%s, %s" % (label, section.code)
            if section.heading:
                name = "%s. %s" % (name, section.heading)
            result.append((section.id, name))
        return result

    def portal_url(self):
        self.ensure_one()
        return "/my/party/library/article/%s" % self.id

    @api.model
    def cited(self, key):
        """The published article the application cites by ``key`` (as
        superuser: a citation is the same for everyone), or an empty
        recordset."""
        return self.sudo().search([("cite_key", "=", key),
                                   ("text_state", "=", "published")], limit=1)

    def _check_text_editable(self):
        if self.env.uid == SUPERUSER_ID:
            return
        for section in self:
            if section.text_id.state != "draft" and not self.env.user.has_group(
                    "party_handbook.group_party_handbook_manager"):
                raise AccessError(_("Only the city's officers change a text "
                                    "in the library."))

    def _check_cite_key(self, vals):
        """Which article the verdicts cite is the administrators' choice
        (as the kinds of decision's keys)."""
        if "cite_key" in vals and self.env.uid != SUPERUSER_ID and \
                not self.env.user.has_group(
                    "party_handbook.group_party_handbook_admin"):
            raise AccessError(_("Only the administrators choose the article "
                                "the application cites."))

    @api.model
    def create(self, vals):
        if vals.get("cite_key"):
            self._check_cite_key(vals)
        section = super().create(vals)
        section._check_text_editable()
        self.env["party.library.passage"]._sync_sections(section)
        return section

    @api.multi
    def write(self, vals):
        self._check_cite_key(vals)
        self._check_text_editable()
        old_texts = self.mapped("text_id")
        result = super().write(vals)
        self._check_text_editable()
        if {"code", "heading", "body", "text_id", "sequence"} & set(vals):
            self.env["party.library.passage"]._sync_sections(self)
        if "text_id" in vals and old_texts != self.mapped("text_id"):
            self.env["party.library.passage"]._sync_sections(
                old_texts.mapped("section_ids"))
        return result

    @api.multi
    def unlink(self):
        self._check_text_editable()
        self.env["party.library.passage"].sudo().search(
            [("section_id", "in", self.ids)]).unlink()
        return super().unlink()


class PartyLibraryPassage(models.Model):
    """The search index: one row per article, or per block of a published
    document. Written only by the synchronisation (as superuser); nobody
    reads it directly: ``search_library`` filters what it returns by what
    the user may read."""

    _name = "party.library.passage"
    _description = "Library passage (search index)"
    _order = "id"
    _log_access = False

    section_id = fields.Many2one("party.library.section", index=True,
                                 ondelete="cascade")
    document_id = fields.Many2one("party.document", index=True,
                                  ondelete="cascade")
    part = fields.Integer(default=0, help="Block number in a document.")
    heading = fields.Char()
    body = fields.Text()

    @api.model_cr
    def init(self):
        """Extensions, the unaccented text-search configuration, the
        immutable unaccent wrapper and the indexes (also run on update)."""
        cr = self.env.cr
        cr.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cr.execute("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_ts_config
                              WHERE cfgname = 'party_vi') THEN
                CREATE TEXT SEARCH CONFIGURATION public.party_vi
                    (COPY = pg_catalog.simple);
                ALTER TEXT SEARCH CONFIGURATION public.party_vi
                  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart,
                                    word, hword, hword_part, numword,
                                    numhword, hword_numpart
                  WITH public.unaccent, pg_catalog.simple;
              END IF;
            END $$""")
        cr.execute("""
            CREATE OR REPLACE FUNCTION public.party_unaccent(text)
            RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
            $$ SELECT public.unaccent('public.unaccent'::regdictionary,
                                     lower($1)) $$""")
        cr.execute("""
            SELECT 1 FROM information_schema.columns
             WHERE table_name = 'party_library_passage' AND column_name = 'tsv'
        """)
        if not cr.fetchone():
            cr.execute("""
                ALTER TABLE party_library_passage ADD COLUMN tsv tsvector
                GENERATED ALWAYS AS (
                  setweight(to_tsvector('public.party_vi',
                                        coalesce(heading, '')), 'A') ||
                  setweight(to_tsvector('public.party_vi',
                                        coalesce(body, '')), 'B')) STORED""")
        # how many passages hold each syllable and each pair of syllables
        # ("bieu_quyet"): the ranking's statistics and the vocabulary of
        # the typo correction, kept by every change of the passages
        cr.execute("""
            CREATE TABLE IF NOT EXISTS party_library_term (
                term varchar PRIMARY KEY,
                df integer NOT NULL DEFAULT 0)""")
        # the same counts over the articles of texts only (what every
        # member may read): the typo correction's vocabulary, which must
        # not tell what words documents a member did not receive hold
        cr.execute("""
            ALTER TABLE party_library_term
              ADD COLUMN IF NOT EXISTS df_articles integer NOT NULL DEFAULT 0
        """)
        cr.execute("""
            CREATE INDEX IF NOT EXISTS party_library_passage_tsv_idx
                ON party_library_passage USING gin (tsv)""")
        cr.execute("""
            CREATE INDEX IF NOT EXISTS party_library_passage_heading_trgm
                ON party_library_passage
             USING gin (public.party_unaccent(heading) gin_trgm_ops)""")

    # -- keeping the index -------------------------------------------------
    @api.model
    def _sync_sections(self, sections):
        """Index the articles of published texts; drop the others."""
        sections = sections.sudo().exists()
        if not sections:
            return
        self.sudo().search([("section_id", "in", sections.ids)]).unlink()
        rows = []
        for section in sections.filtered(
                lambda s: s.text_id.state == "published"):
            heading = "%s, %s" % (section.text_id.display_name, section.code)
            if section.heading:
                heading = "%s. %s" % (heading, section.heading)
            rows.append({"section_id": section.id, "heading": heading,
                         "body": section.body or ""})
        self._add(rows)

    @api.model
    def _sync_documents(self, documents):
        """Index the published documents' title and content by blocks of
        paragraphs; drop the others (drafts, archived, superseded)."""
        documents = documents.sudo().exists()
        if not documents:
            return
        self.sudo().search([("document_id", "in", documents.ids)]).unlink()
        rows = []
        for document in documents.filtered(lambda d: d.state == "published"):
            heading = " ".join(filter(None, [document.number, document.name]))
            for part, body in enumerate(self._blocks(
                    html_to_text(document.content or ""))):
                rows.append({"document_id": document.id, "part": part,
                             "heading": heading, "body": body})
        self._add(rows)

    @api.model
    def _add(self, rows):
        passages = self.sudo()
        for vals in rows:
            passages.create(vals)
        self._count_terms(rows, 1)

    @api.multi
    def unlink(self):
        self.env.cr.execute(
            "SELECT heading, body, section_id FROM party_library_passage "
            "WHERE id IN %s", (tuple(self.ids) or (0,),))
        self._count_terms([{"heading": heading, "body": body,
                            "section_id": section}
                           for heading, body, section
                           in self.env.cr.fetchall()], -1)
        return super().unlink()

    @staticmethod
    def _passage_terms(heading, body):
        """The distinct terms of a passage: syllables, and pairs written
        ``a_b`` (as the ranking counts them)."""
        terms = set()
        for sequence in (vitext.syllables(heading), vitext.syllables(body)):
            terms.update(sequence)
            terms.update("%s_%s" % pair for pair in zip(sequence,
                                                        sequence[1:]))
        return terms

    @api.model
    def _count_terms(self, rows, sign):
        """Add (``sign`` 1) or remove (-1) the passages ``rows`` (dicts with
        heading and body) in the terms' counts, in one statement."""
        counts, articles = {}, {}
        for vals in rows:
            terms = self._passage_terms(vals.get("heading"), vals.get("body"))
            for term in terms:
                counts[term] = counts.get(term, 0) + sign
                if vals.get("section_id"):
                    articles[term] = articles.get(term, 0) + sign
        if rows:
            # the totals the ranking needs, under keys no syllable has
            counts[TOTAL_PASSAGES] = sign * len(rows)
            counts[TOTAL_WORDS] = sign * sum(
                len((vals.get("body") or "").split()) for vals in rows)
        if counts:
            terms = sorted(counts)
            self.env.cr.execute("""
                INSERT INTO party_library_term AS t (term, df, df_articles)
                SELECT term, df, df_articles
                  FROM unnest(%s::varchar[], %s::integer[], %s::integer[])
                       AS x(term, df, df_articles)
                ON CONFLICT (term) DO UPDATE
                   SET df = t.df + EXCLUDED.df,
                       df_articles = t.df_articles + EXCLUDED.df_articles""",
                                (terms, [counts[t] for t in terms],
                                 [articles.get(t, 0) for t in terms]))

    @api.model
    def _rebuild_terms(self, batch=5000):
        """Count every passage's terms again (migration, passages written
        in SQL), in batches."""
        cr = self.env.cr
        cr.execute("DELETE FROM party_library_term")
        last = 0
        while True:
            cr.execute("""
                SELECT id, heading, body, section_id
                  FROM party_library_passage
                 WHERE id > %s ORDER BY id LIMIT %s""", (last, batch))
            rows = cr.fetchall()
            if not rows:
                break
            last = rows[-1][0]
            self._count_terms([{"heading": h, "body": b, "section_id": sec}
                               for _i, h, b, sec in rows], 1)

    @staticmethod
    def _blocks(text):
        """``text`` cut on paragraph ends into blocks of about
        PASSAGE_CHARS characters (never an empty list)."""
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text or "")
                      if p.strip()]
        blocks, current = [], ""
        for paragraph in paragraphs:
            if current and len(current) + len(paragraph) > PASSAGE_CHARS:
                blocks.append(current)
                current = paragraph
            else:
                current = "%s\n%s" % (current, paragraph) if current \
                    else paragraph
        if current or not blocks:
            blocks.append(current)
        return blocks

    @api.model
    def _reindex_all(self):
        """Index every published text and document again (migration,
        manual repair)."""
        self._sync_sections(self.env["party.library.section"].sudo().search([]))
        documents = self.env["party.document"].sudo().search([])
        for start in range(0, len(documents), 500):
            self._sync_documents(documents[start:start + 500])
        self._rebuild_terms()

    # -- searching ---------------------------------------------------------
    @api.model
    def _known_words(self, words):
        """The ``words`` some article of a text in the library holds (never
        the documents': a correction would tell a member what a document
        they did not receive says)."""
        if not words:
            return set()
        self.env.cr.execute(
            "SELECT term FROM party_library_term WHERE term = ANY(%s) "
            "AND df_articles > 0", (list(words),))
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _corrections(self, words):
        """{typed word: known word} for the typed words that are no
        Vietnamese syllable and no passage holds, one letter away (deleted,
        added, changed or swapped) from a known word, the most frequent
        when several are. A real syllable is never changed: "nuôi" typed
        "nuoi" stays, even if no text holds it."""
        unknown = [w for w in words if len(w) >= 3 and not w.isdigit()
                   and not vitext.is_syllable(w)]
        unknown = set(unknown) - self._known_words(unknown)
        result = {}
        for word in sorted(unknown):
            candidates = sorted(self._known_words(_edits(word)))
            if not candidates:
                continue
            counts = self._frequencies(candidates)
            result[word] = max(candidates, key=lambda c: (counts[c], c))
        return result

    @api.model
    def _frequencies(self, terms):
        """{term: number of passages holding it} (the terms' table)."""
        terms = list(terms)
        if not terms:
            return {}
        keys = ["%s_%s" % t if isinstance(t, tuple) else t for t in terms]
        self.env.cr.execute(
            "SELECT term, df FROM party_library_term WHERE term = ANY(%s)",
            (keys,))
        counts = dict(self.env.cr.fetchall())
        return {term: max(counts.get(key, 0), 0)
                for term, key in zip(terms, keys)}

    @api.model
    def _plan(self, query):
        """What a query looks for: its words (typos corrected) and pairs,
        and the other wordings of its phrases (library/synonyms.py)."""
        sequence = vitext.syllables((query or "")[:MAX_QUERY_CHARS])[:60]
        corrections = self._corrections(
            {w for w in sequence if w not in vitext.STOP_WORDS})
        sequence = [corrections.get(w, w) for w in sequence]
        words, pairs = _query_words(" ".join(sequence))
        alternatives = []
        padded = " %s " % " ".join(sequence)
        for group in synonyms.GROUPS:
            for phrase in group:
                if " %s " % phrase not in padded:
                    continue
                held = tuple(w for w in phrase.split() if w in words)
                for other in group:
                    if other != phrase:
                        alt_words, alt_pairs = _query_words(other)
                        alternatives.append((held, alt_words, alt_pairs))
        return {"words": words, "pairs": pairs,
                "alternatives": alternatives, "corrections": corrections}

    @api.model
    def _candidates(self, plan, readable):
        """(passage ids ranked by PostgreSQL, passage ids whose heading looks
        like the query, document frequency of each term, number of
        passages, average length) for the plan's terms."""
        terms = list(plan["words"]) + list(plan["pairs"])
        for _held, alt_words, alt_pairs in plan["alternatives"]:
            terms += [t for t in alt_words + alt_pairs if t not in terms]
        frequencies = self._frequencies(terms)
        cr = self.env.cr
        cr.execute("SELECT term, df FROM party_library_term WHERE term IN %s",
                   ((TOTAL_PASSAGES, TOTAL_WORDS),))
        totals = dict(cr.fetchall())
        total = max(totals.get(TOTAL_PASSAGES, 0), 1)
        average = max(totals.get(TOTAL_WORDS, 0), 1) / total
        # the rarest terms first, as long as the passages they bring stay
        # within CANDIDATE_ROWS: the commonest words ("đảng", "chi bộ")
        # rank the candidates but do not bring every passage in
        chosen, rows = [], 0
        for term in sorted((t for t in terms if frequencies.get(t)),
                           key=lambda t: (frequencies[t], str(t))):
            if chosen and rows + frequencies[term] > CANDIDATE_ROWS:
                break
            chosen.append(term)
            rows += frequencies[term]
        if not chosen:
            chosen = terms
        query = " | ".join(_tsquery(t) for t in chosen)
        # only passages the user may read compete: a passage of a document
        # the user did not receive must not push a readable one out, nor
        # set the bar below
        cr.execute("""
            SELECT id FROM party_library_passage
             WHERE tsv @@ to_tsquery('public.party_vi', %s)
               AND (section_id IS NOT NULL OR document_id = ANY(%s))
             ORDER BY ts_rank_cd(tsv, to_tsquery('public.party_vi', %s))
                      DESC, id
             LIMIT %s""", (query, readable, query, CANDIDATES))
        ids = [row[0] for row in cr.fetchall()]
        # typos: headings that look like the query once unaccented, when
        # a typed word was corrected or is held by no passage
        if not plan["corrections"] and all(
                frequencies.get(w) for w in plan["words"]):
            return ids, [], frequencies, total, float(average)
        typed = " ".join(plan["words"])
        cr.execute("""
            SELECT id, word_similarity(%s, public.party_unaccent(heading))
              FROM party_library_passage
             WHERE %s <%% public.party_unaccent(heading)
               AND (section_id IS NOT NULL OR document_id = ANY(%s))
             ORDER BY 2 DESC, id
             LIMIT 20""", (typed, typed, readable))
        fuzzy = [row[0] for row in cr.fetchall()
                 if row[1] >= HEADING_SIMILARITY]
        return ids, fuzzy, frequencies, total, float(average or 1)

    @api.model
    def _score(self, passage, plan, frequencies, total, average,
               fuzzy=False):
        """(BM25 of the passage for the query's syllables and pairs, and for
        the other wordings of its phrases at ALTERNATIVE_WEIGHT; share of
        the query's syllables it holds, weighed by idf, a phrase counting
        as held when another wording of it is). The heading's terms count
        HEADING_WEIGHT times."""
        body_terms = vitext.syllables(passage.body)
        head_terms = vitext.syllables(passage.heading)
        counts = {}
        for weight, sequence in ((1, body_terms),
                                 (HEADING_WEIGHT, head_terms)):
            for word in sequence:
                counts[word] = counts.get(word, 0) + weight
            for pair in zip(sequence, sequence[1:]):
                counts[pair] = counts.get(pair, 0) + weight
        size = max(len(body_terms), 1)

        def idf(term):
            df = frequencies.get(term) or 0
            return math.log(1 + (total - df + 0.5) / (df + 0.5))

        def bm25(term):
            tf = counts.get(term, 0)
            if not tf:
                return 0.0
            return idf(term) * tf * (BM25_K1 + 1) / (
                tf + BM25_K1 * (1 - BM25_B + BM25_B * size / average))

        words, pairs = plan["words"], plan["pairs"]
        score = sum(bm25(w) for w in words) + PAIR_WEIGHT * sum(
            bm25(p) for p in pairs)
        held = {w for w in words if counts.get(w)}
        seen = set(words) | set(pairs)
        for phrase, alt_words, alt_pairs in plan["alternatives"]:
            if alt_words and all(counts.get(w) for w in alt_words):
                held.update(phrase)
            for term in alt_words + alt_pairs:
                if term not in seen:
                    seen.add(term)
                    score += ALTERNATIVE_WEIGHT * bm25(term) * (
                        PAIR_WEIGHT if isinstance(term, tuple) else 1)
        weight = sum(idf(w) for w in words)
        coverage = sum(idf(w) for w in held) / weight if weight else 0.0
        if fuzzy:
            score += 1.0
            coverage = max(coverage, MIN_COVERAGE)
        return score, coverage

    @api.model
    def _readable_document_ids(self):
        """The published documents the current user may read: through the
        ORM (officers, secretaries: their record rules), or received as a
        member (receipts)."""
        user = self.env.user
        ids = set()
        Document = self.env["party.document"].sudo(user.id)
        if Document.check_access_rights("read", raise_exception=False):
            ids.update(Document.search([("state", "=", "published")]).ids)
        member = self.env["party.member"].sudo().search(
            [("partner_id", "=", user.partner_id.id)], limit=1)
        if member:
            self.env.cr.execute("""
                SELECT r.document_id FROM party_document_receipt r
                  JOIN party_document d ON d.id = r.document_id
                 WHERE r.member_id = %s AND d.state = 'published'""",
                                (member.id,))
            ids.update(row[0] for row in self.env.cr.fetchall())
        return sorted(ids)

    @api.model
    def _visible(self, passages, readable=None):
        """The passages the current user may read: articles of texts in the
        library (the only ones indexed) for the members' group, documents
        of ``_readable_document_ids``."""
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_member"):
            return passages.browse()
        documents = set(readable if readable is not None else
                        self._readable_document_ids()) \
            if passages.filtered("document_id") else set()
        return passages.filtered(
            lambda p: (p.section_id and p.section_id.text_id.state ==
                       "published") or p.document_id.id in documents)

    @api.model
    def _search_passages(self, query, limit=10, per_source=2, plan=None):
        """The best passages for ``query`` that the current user may read,
        as (passage, score) pairs, best first, at most ``per_source`` per
        article or document."""
        plan = plan or self._plan(query)
        if not plan["words"]:
            return []
        readable = self._readable_document_ids()
        ids, fuzzy, frequencies, total, average = self._candidates(
            plan, readable)
        fuzzy_ids = set(fuzzy)
        # what the user may not read is dropped before anything is
        # compared (the candidates' query already kept to it)
        passages = self._visible(self.sudo().browse(
            ids + [i for i in fuzzy if i not in ids]), readable)
        scored = []
        for passage in passages:
            score, coverage = self._score(
                passage, plan, frequencies, total, average,
                fuzzy=passage.id in fuzzy_ids)
            scored.append((passage, score, coverage))
        if not scored:
            return []
        # the best coverage sets the bar: a question in the member's own
        # words rarely holds all of them, a result must hold most of what
        # the best one holds
        best = max(coverage for _p, _s, coverage in scored)
        bar = max(MIN_COVERAGE_FLOOR, min(MIN_COVERAGE, best * RELATIVE_BAR))
        scored = [(p, s) for p, s, coverage in scored if coverage >= bar]
        scored.sort(key=lambda item: (-item[1], item[0].id))
        result, per = [], {}
        for passage, score in scored:
            key = ("s", passage.section_id.id) if passage.section_id \
                else ("d", passage.document_id.id)
            if per.get(key, 0) >= per_source:
                continue
            per[key] = per.get(key, 0) + 1
            result.append((passage, score))
            if len(result) >= limit:
                break
        return result

    @api.model
    def _result(self, passage, words, pairs=()):
        """What is shown of a result: the source, the link, the passage's
        best window with the query's syllables marked."""
        window, spans, before, after = vitext.snippet(
            passage.body, words, query_pairs=pairs)
        if passage.section_id:
            section = passage.section_id
            source = {"kind": "article", "id": section.id,
                      "text": section.text_id.display_name,
                      "article": section.code,
                      "heading": section.heading or "",
                      "portal_url": section.portal_url(),
                      "text_id": section.text_id.id}
        else:
            document = passage.document_id
            source = {"kind": "document", "id": document.id,
                      "text": document.display_name,
                      "article": _("Part %s") % (passage.part + 1)
                      if passage.part else "",
                      "heading": document.issuing_organization_id.name,
                      "portal_url": "/my/party/documents/%s" % document.id,
                      "text_id": False}
        source.update({"passage_id": passage.id,
                       "snippet": window, "spans": spans,
                       "cut_before": before, "cut_after": after})
        return source


class PartyLibrarySearchApi(models.AbstractModel):
    """The library's search for members and officers (RPC, portal and
    back office call the same method)."""

    _name = "party.library"
    _description = "Library search"

    @api.model
    def search_library(self, query, limit=10):
        """Passages matching ``query`` the user may read, best first: a list
        of dicts (source, article, link, snippet and spans to mark)."""
        if not isinstance(query, str):
            raise ValidationError(_("Type the words to look for."))
        try:
            limit = max(1, min(int(limit), 50))
        except (TypeError, ValueError):
            raise ValidationError(_("The number of results is a number."))
        passages = self.env["party.library.passage"]
        plan = passages._plan(query)
        words, pairs = self._marked_words(plan)
        found = passages._search_passages(query, limit=limit, plan=plan)
        return [passages._result(p, words, pairs) for p, _s in found]

    @staticmethod
    def _marked_words(plan):
        """(syllables, pairs) to mark: the query's and their other
        wordings'."""
        words, pairs = list(plan["words"]), list(plan["pairs"])
        for _held, alt_words, alt_pairs in plan["alternatives"]:
            words += [w for w in alt_words if w not in words]
            pairs += [p for p in alt_pairs if p not in pairs]
        return words, pairs

    @api.model
    def _query_marks(self, query):
        """(syllables, pairs) of ``query`` to mark in a text."""
        if not (query or "").strip():
            return [], []
        return self._marked_words(self.env["party.library.passage"]._plan(
            query))

    @api.model
    def ask(self, question):
        """The few passages that best answer ``question`` (retrieval: every
        answer is a passage of a text with its article and link; nothing is
        written that is not in a text)."""
        return self.search_library(question, limit=3)


class PartyDocument(models.Model):
    """A published document is in the library: its passages follow its
    title, content and state."""

    _inherit = "party.document"

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if {"name", "number", "content", "state"} & set(vals):
            self.env["party.library.passage"]._sync_documents(self)
        return result


class PartyLibraryBookmark(models.Model):
    """"Đọc sau": an article or a document a user keeps to read later.
    Each user sees and keeps only their own."""

    _name = "party.library.bookmark"
    _description = "Library bookmark"
    _order = "create_date desc, id desc"

    user_id = fields.Many2one("res.users", required=True, index=True,
                              ondelete="cascade", readonly=True,
                              default=lambda self: self.env.uid)
    section_id = fields.Many2one("party.library.section", index=True,
                                 ondelete="cascade")
    document_id = fields.Many2one("party.document", index=True,
                                  ondelete="cascade")
    note = fields.Char(size=200)

    _sql_constraints = [
        ("one_target", "CHECK ((section_id IS NULL) <> (document_id IS NULL))",
         "A bookmark keeps one article or one document."),
        ("section_uniq", "unique(user_id, section_id)",
         "This article is already in your reading list."),
        ("document_uniq", "unique(user_id, document_id)",
         "This document is already in your reading list."),
    ]

    @api.multi
    def _first_passages(self):
        """{bookmark: its text's first passage the user may still read}, in
        one search and one access check for the whole list."""
        Passage = self.env["party.library.passage"]
        found = Passage.sudo().search(
            ["|", ("section_id", "in", self.mapped("section_id").ids),
             ("document_id", "in", self.mapped("document_id").ids)],
            order="part, id")
        visible = Passage._visible(found)
        first = {}
        for passage in visible:
            key = ("s", passage.section_id.id) if passage.section_id \
                else ("d", passage.document_id.id)
            first.setdefault(key, passage)
        return {bookmark: first.get(
            ("s", bookmark.section_id.id) if bookmark.section_id
            else ("d", bookmark.document_id.id)) for bookmark in self}

    @api.model
    def _check_target_readable(self, vals):
        """Only an article or a document the user may read is kept."""
        passages = self.env["party.library.passage"]
        section, document = vals.get("section_id"), vals.get("document_id")
        found = passages.browse()
        if bool(section) != bool(document):
            try:
                domain = ([("section_id", "=", int(section))] if section else
                          [("document_id", "=", int(document))])
            except (TypeError, ValueError):
                raise ValidationError(_("Nothing to keep."))
            found = passages.sudo().search(domain, limit=1)
        if not found or not passages._visible(found):
            raise UserError(_("This text is not in your library."))

    @api.model
    def create(self, vals):
        # always the caller's own list, whatever the values or context say,
        # and only what the caller may read (checked before anything is
        # written)
        vals = dict(vals, user_id=self.env.uid)
        self._check_target_readable(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if {"user_id", "section_id", "document_id"} & set(vals):
            raise UserError(_("A bookmark keeps its text; remove it and add "
                              "another one."))
        return super().write(vals)

    @api.model
    def toggle(self, kind, res_id):
        """Add the article (``kind`` 'article') or document ('document') to
        the user's reading list, or remove it: True when it is now kept."""
        field = {"article": "section_id", "document": "document_id"}.get(kind)
        try:
            res_id = int(res_id)
        except (TypeError, ValueError):
            field = None
        if not field:
            raise ValidationError(_("Nothing to keep."))
        existing = self.search([("user_id", "=", self.env.uid),
                                (field, "=", res_id)])
        if existing:
            existing.unlink()
            return False
        self.create({field: res_id})
        return True


class PartyLibrarySearchWizard(models.TransientModel):
    """The library's search box in the back office (also on phones): the
    results follow what is typed, with the same ranking and the same access
    as the portal."""

    _name = "party.library.search.wizard"
    _description = "Search the library"

    query = fields.Char(string="Words or question", size=MAX_QUERY_CHARS)
    result_html = fields.Html(string="Results", compute="_compute_results",
                              sanitize=False)

    @api.depends("query")
    def _compute_results(self):
        library = self.env["party.library"]
        for wizard in self:
            if not (wizard.query or "").strip():
                wizard.result_html = ""
                continue
            results = library.search_library(wizard.query, limit=10)
            wizard.result_html = self._render(results)

    @staticmethod
    def _render(results):
        """Results as HTML built from escaped parts only."""
        if not results:
            return "<p class='o_party_library_none'>%s</p>" % tools.html_escape(
                _("Nothing found. Try other words, or fewer of them."))
        items = []
        for result in results:
            snippet, position, parts = result["snippet"], 0, []
            for start, end in result["spans"]:
                parts.append(tools.html_escape(snippet[position:start]))
                parts.append("<mark>%s</mark>" % tools.html_escape(
                    snippet[start:end]))
                position = end
            parts.append(tools.html_escape(snippet[position:]))
            if result["kind"] == "article":
                link = "/web#model=party.library.section&id=%s" % result["id"]
            else:
                link = "/web#model=party.document&id=%s" % result["id"]
            title = result["text"] + (
                ", " + result["article"] if result["article"] else "")
            items.append(
                "<li class='o_party_library_result'><p><a href='%s'>"
                "<strong>%s</strong></a><br/><small>%s</small></p>"
                "<p>%s%s%s</p></li>" % (
                    link, tools.html_escape(title),
                    tools.html_escape(result["heading"]),
                    "… " if result["cut_before"] else "", "".join(parts),
                    " …" if result["cut_after"] else ""))
        return "<ol class='o_party_library_results'>%s</ol>" % "".join(items)
