# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The main points of a discussion, taken word for word from the notes.

An extractive condenser, in plain Python and numpy, that runs on the
organization's own server (no outside service, no model to download):

1. the notes of one agenda item are cut into sentences
   (``party_handbook.library.text.sentences``); each sentence keeps the
   key of the note it comes from;
2. each sentence becomes a TF-IDF vector over the library's terms
   (unaccented syllables and pairs of syllables, so notes typed without
   diacritics weigh the same); the IDF is computed over every sentence of
   the meeting, so what every item repeats ("chi bộ", "đồng chí") weighs
   little;
3. a sentence's importance is its centrality in the graph of the item's
   sentences (TextRank: PageRank over cosine similarities), raised for
   sentences that carry what minutes keep (proposals, decisions,
   assignments, figures), lowered for very short remarks; a remark that
   only agrees with another ("Nhất trí.", "tôi cũng đề nghị như vậy") or
   thanks is never a point;
4. the points are chosen one by one by maximal marginal relevance: the
   most important sentence that is not a near-duplicate of a point already
   kept (cosine ≥ ``DUPLICATE``, dropped), up to a number bounded by the
   length of the discussion (1 to ``MAX_POINTS``);
5. the kept sentences are returned in the order they were noted, verbatim
   (a short one with the sentence before it in its note, consecutive
   sentences of a note as one point).

Deterministic: no randomness, ties broken by the order of the notes.
"""
import logging
import math
import re
from collections import Counter, namedtuple

try:
    import numpy
except ImportError:  # pragma: no cover (numpy is in requirements.txt)
    logging.getLogger(__name__).debug("numpy is missing: no draft minutes")

# pylint: disable=missing-import-error
from odoo.addons.party_handbook.library.text import sentences, syllables, terms

MAX_POINTS = 4
# one more point for every SENTENCES_PER_POINT sentences of discussion
SENTENCES_PER_POINT = 2
# cosine similarity from which two sentences say the same thing
DUPLICATE = 0.6
# weight of importance against novelty in the choice (MMR)
MMR_LAMBDA = 0.7
DAMPING = 0.85
ITERATIONS = 50
# sentences shorter than this (in syllables) are weak points
SHORT = 6
# a point shorter than this (in syllables) that follows another sentence of
# its note ("Đề nghị chi bộ kiến nghị xã sớm khắc phục.") is given with the
# sentence before it, which says what it is about
CONTEXT = 12
# unaccented words and pairs that mark what minutes keep: proposals,
# decisions, assignments, deadlines, shortcomings, figures
CUES = frozenset("""
de_nghi kien_nghi de_xuat thong_nhat quyet_dinh giao phan_cong chiu_trach
trach_nhiem thoi_han truoc_ngay hoan_thanh chi_tieu ke_hoach can_phai
phai_khac han_che ton_tai yeu_cau kiem_diem xu_ly ket_qua dat vuot
""".split())
_NUMBER = re.compile(r"\d")
# how a remark that only agrees with another begins (unaccented): "Nhất
# trí.", "Tôi đồng ý với ý kiến...", "Thống nhất với đề nghị..."; it adds
# no point of its own (a decision, "Chi bộ thống nhất giao...", does not
# begin so)
_ECHO = re.compile(
    r"^(toi |em |chung toi )?(cung )?(hoan toan )?"
    r"(nhat tri|dong y|tan thanh|thong nhat voi|khong co y kien"
    r"|y kien cua toi cung|cam on)\b"
    # "..., tôi cũng đề nghị như vậy", "tôi cũng thấy vậy"
    r"|\b(toi|em|chung toi) cung (de nghi|thay|nhat tri|dong y|co y kien)\b")

Point = namedtuple("Point", "key text score")


def _sentence_units(notes):
    """[(note key, note index, sentence index, sentence)] of ``notes``
    (an iterable of (key, text)), without empty sentences."""
    units = []
    for note_index, (key, text) in enumerate(notes):
        for index, sentence in enumerate(sentences(text or "")):
            if syllables(sentence):
                units.append((key, note_index, index, sentence))
    return units


def _idf(documents):
    """Smoothed inverse document frequency of each term of ``documents``
    (lists of terms)."""
    frequency = Counter()
    for document in documents:
        frequency.update(set(document))
    count = len(documents)
    return {term: math.log((1.0 + count) / (1.0 + df)) + 1.0
            for term, df in frequency.items()}


def _vectors(documents, idf):
    """L2-normalised TF-IDF rows (sublinear TF) of ``documents``."""
    vocabulary = {}
    for document in documents:
        for term in document:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = numpy.zeros((len(documents), max(len(vocabulary), 1)))
    for row, document in enumerate(documents):
        for term, count in Counter(document).items():
            matrix[row, vocabulary[term]] = (1.0 + math.log(count)) * idf.get(
                term, 1.0)
    norms = numpy.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    return matrix / norms[:, None]


def _centrality(similarity):
    """TextRank: the stationary scores of a random walk over the sentence
    graph weighted by similarity (power iteration, fixed steps)."""
    size = similarity.shape[0]
    weights = similarity.copy()
    numpy.fill_diagonal(weights, 0.0)
    totals = weights.sum(axis=1)
    # a sentence that resembles none links to all (no dead ends)
    weights[totals == 0] = 1.0 / max(size - 1, 1)
    numpy.fill_diagonal(weights, 0.0)
    totals = weights.sum(axis=1)
    totals[totals == 0] = 1.0
    transition = weights / totals[:, None]
    scores = numpy.full(size, 1.0 / size)
    for __ in range(ITERATIONS):
        scores = (1.0 - DAMPING) / size + DAMPING * transition.T.dot(scores)
    return scores / scores.max()


def _weight(sentence, sentence_terms):
    """What the sentence carries besides its centrality: cue words of
    decisions and proposals, figures, enough words to be a point; nothing
    when it only agrees with another remark or thanks."""
    words = len(syllables(sentence))
    weight = 1.0
    if _ECHO.search(" ".join(syllables(sentence))):
        return 0.0
    if CUES.intersection(sentence_terms):
        weight += 0.5
    if _NUMBER.search(sentence):
        weight += 0.25
    if words < SHORT:
        weight *= words / float(SHORT)
    return weight


def point_count(sentence_count, max_points=MAX_POINTS):
    """How many points a discussion of ``sentence_count`` sentences gets:
    one point for every SENTENCES_PER_POINT sentences, the last ones
    rounded up (1 or 2 sentences: all of them; 5: 3), at most
    ``max_points``."""
    if not sentence_count:
        return 0
    return max(1, min(max_points, int(math.ceil(
        (sentence_count + 1) / float(SENTENCES_PER_POINT)))))


def condense(notes, background=(), max_points=MAX_POINTS):
    """The main points of ``notes`` (an iterable of (key, text), in the
    order they were written): a list of ``Point(key, text, score)``, each
    ``text`` a sentence of the note ``key`` word for word, in the notes'
    order. ``background``: the texts of the other notes of the meeting
    (they weigh the terms, they are never returned)."""
    units = _sentence_units(notes)
    if not units:
        return []
    documents = [terms(unit[3]) for unit in units]
    other = [terms(sentence) for text in background
             for sentence in sentences(text or "")]
    idf = _idf(documents + [doc for doc in other if doc])
    matrix = _vectors(documents, idf)
    similarity = matrix.dot(matrix.T)
    importance = _centrality(similarity) * numpy.array([
        _weight(unit[3], set(document))
        for unit, document in zip(units, documents)])
    if not importance.max():
        return []   # nothing but agreement and thanks
    importance = importance / importance.max()
    # a remark that only agrees or thanks is never a point
    candidates = [index for index in range(len(units)) if importance[index]]
    wanted = point_count(len(units), max_points)
    chosen = []
    while candidates and len(chosen) < wanted:
        best, best_value = None, None
        for index in candidates:
            redundancy = max((similarity[index, other_index]
                              for other_index in chosen), default=0.0)
            value = MMR_LAMBDA * importance[index] - \
                (1.0 - MMR_LAMBDA) * redundancy
            # strict comparison: ties go to the earlier sentence
            if best_value is None or value > best_value + 1e-12:
                best, best_value = index, value
        chosen.append(best)
        # near-duplicates of a kept point are never points themselves
        candidates = [index for index in candidates if index != best and
                      similarity[index, best] < DUPLICATE]
    return _points(units, chosen, importance)


def _points(units, chosen, importance):
    """The chosen sentences as points in the notes' order: a short sentence
    comes with the one before it in its note; sentences of one note that
    follow each other make one point."""
    indexes = set(chosen)
    for index in chosen:
        key, note, position, sentence = units[index]
        if position and len(syllables(sentence)) < CONTEXT and \
                units[index - 1][1] == note:
            indexes.add(index - 1)
    points, previous = [], None
    for index in sorted(indexes):
        key, note, position, sentence = units[index]
        score = float(round(importance[index], 6))
        if previous is not None and units[previous][1] == note and \
                units[previous][2] == position - 1:
            last = points[-1]
            points[-1] = Point(key, last.text + " " + sentence,
                               max(last.score, score))
        else:
            points.append(Point(key, sentence, score))
        previous = index
    return points
