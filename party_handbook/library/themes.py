# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Themes of the members' feedback on a document, by the words they use.

A pure function (no ORM, no outside service): :func:`find_themes` takes
the feedback as ``(id, body, organization)`` items and returns the themes,
largest first, each with its label, its count, its feedback ids, the
feedback closest to its centre (the quotations) and the organizations it
comes from.

Word segmentation
    Vietnamese words are one or two syllables ("đảng phí", "sinh hoạt",
    "chuyển khoản"), written with spaces between the syllables. The
    statistical segmenters (pyvi, underthesea) are trained on text with
    diacritics and cut text typed without them ("dang phi dong qua chuyen
    khoan") wrongly, and members type that way on cheap phones. So the
    "words" are those of :mod:`.text`: the unaccented syllables that are
    not stop words, and every pair of consecutive syllables, which stands
    for a two-syllable word. "Đảng phí" and "dang phi" give the same terms;
    a pair that is not a word ("phí đóng") is rare across the feedback and
    weighs little.

Clustering
    TF-IDF over those terms (sublinear term frequency, terms used by at
    least two feedback, at most ``MAX_FEATURES`` terms), rows L2-normalised
    (cosine geometry); the number of themes is chosen by the silhouette on
    a sample of at most ``SILHOUETTE_SAMPLE`` rows among 2..12 (bounded by
    the number of distinct feedback); MiniBatchKMeans with a fixed seed, so
    the same feedback give the same themes. Feedback left without any term
    (only stop words, or words nobody else used) form an "other" theme.

Labels are the members' own words: the heaviest terms of the theme's
centre (two-syllable words first), each shown in the form members wrote it
most often with diacritics ("đảng phí", even when most typed "dang phi"),
never a word that no member wrote.
"""
from collections import Counter, defaultdict
from functools import lru_cache
import re
import unicodedata

from . import text

MAX_FEATURES = 20000
SILHOUETTE_SAMPLE = 1500
LSA_DIMS = 50
BATCH_SIZE = 1024
K_MIN, K_MAX = 2, 12
QUOTES = 3
LABEL_TERMS = 3
RANDOM_STATE = 0

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Words of giving feedback, said whatever the theme ("đề nghị", "tôi thấy",
# "cho hỏi", "nhất trí"): unaccented syllable sequences dropped before the
# terms are taken, pairs not bridging them.
FEEDBACK_PHRASES = tuple(tuple(p.split()) for p in """
de nghi|kien nghi|y kien|cho hoi|xin hoi|toi thay|nhat tri|dong y|
dong chi|can phai|nen co|can co|hien nay|mong muon|muon|them|nhieu|hon|nen|
can|toi|chung toi|cac|duoc|viec|tot|hop ly|cu the|ro rang
""".replace("\n", "").split("|") if p.strip())
# stop words of feedback: the shared ones and the words above' syllables
# that say nothing alone
FEEDBACK_STOP_WORDS = text.STOP_WORDS | frozenset(
    "nen can toi them nhieu hon muon".split())


# phrases by their first syllable, longest first
_PHRASES = {}
for _phrase in sorted(FEEDBACK_PHRASES, key=len, reverse=True):
    _PHRASES.setdefault(_phrase[0], []).append(_phrase)


@lru_cache(maxsize=200000)
def _token_syllables(token):
    """The syllables of one written token (:func:`text.syllables`), each
    with its written form: ``((unaccented, written), ...)``. Cached: a
    language of syllables has a few thousand of them, written a few ways,
    and 10,000 feedback hold half a million."""
    parts = text.syllables(token)
    if len(parts) == 1 and text.unaccent(token) == parts[0]:
        return ((parts[0], token),)
    return tuple((part, part) for part in parts)


def _surface_tokens(body):
    """(unaccented, as written lower-cased) for each syllable of ``body``,
    the unaccented ones being exactly those of :func:`text.syllables`
    (tested), found token by token through the cache."""
    body = unicodedata.normalize("NFC", (body or "").lower())
    result = []
    for token in _TOKEN.findall(body):
        result.extend(_token_syllables(token))
    return result


def _marks(word):
    """How many diacritics ``word`` carries."""
    return sum(1 for ch in unicodedata.normalize("NFD", word)
               if unicodedata.category(ch) == "Mn") + word.count("đ")


def _analyzer(words):
    """The terms of a feedback given as its unaccented syllables
    (:func:`text.terms`), once the words of giving feedback are taken out;
    pairs are not made across them."""
    segments, current, index = [], [], 0
    while index < len(words):
        for phrase in _PHRASES.get(words[index], ()):
            if tuple(words[index:index + len(phrase)]) == phrase:
                segments.append(current)
                current = []
                index += len(phrase)
                break
        else:
            current.append(words[index])
            index += 1
    segments.append(current)
    result = []
    for segment in segments:
        if segment:
            result.extend(text.terms_of_syllables(segment, True,
                                                  FEEDBACK_STOP_WORDS))
    return result


def _one_theme(items, ids, other=False):
    return {
        "ids": list(ids), "count": len(ids), "label": "", "terms": [],
        "quote_ids": list(ids[:QUOTES]), "other": other,
        "organizations": Counter(items[i][2] for i in ids if items[i][2]),
    }


def _kmeans(matrix, k):
    from sklearn.cluster import MiniBatchKMeans

    return MiniBatchKMeans(
        n_clusters=k, random_state=RANDOM_STATE, n_init=3,
        batch_size=BATCH_SIZE, max_no_improvement=10).fit(matrix)


def _choose_k(matrix, distinct):
    """The number of themes with the best silhouette on a sample, among
    K_MIN..K_MAX bounded by the distinct rows (at least two rows a theme on
    average). 1 when there is nothing to split."""
    from sklearn.metrics import silhouette_score
    import numpy

    k_max = min(K_MAX, distinct // 2)
    if k_max < K_MIN:
        return 1
    rows = matrix.shape[0]
    if rows > SILHOUETTE_SAMPLE:
        sample = numpy.random.RandomState(RANDOM_STATE).choice(
            rows, SILHOUETTE_SAMPLE, replace=False)
        sample.sort()
        matrix = matrix[sample]
    best_k, best_score = 1, -1.0
    for k in range(K_MIN, k_max + 1):
        labels = _kmeans(matrix, k).labels_
        found = len(set(labels.tolist()))
        if found < 2 or found >= matrix.shape[0]:
            continue
        score = silhouette_score(matrix, labels, metric="euclidean")
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    return best_k


def _is_word(pair, counts, rarity):
    """A pair of syllables is taken for a word when no pair overlapping it
    is more frequent in the theme's feedback (as frequent, and more
    frequent in all the feedback: ``rarity`` is the IDF): "sinh hoạt" and
    "chi bộ" are words, "hoạt chi" (from "sinh hoạt chi bộ") is not."""
    first, second = pair.split("_")
    own = counts.get(pair, 0)
    own_rarity = rarity.get(pair, float("inf"))
    for other, count in counts.items():
        if "_" not in other or other == pair or not (
                other.endswith("_" + first) or other.startswith(second + "_")):
            continue
        if count > own or (count == own and rarity.get(
                other, float("inf")) < own_rarity):
            return False
    return True


def _label(centre, vocabulary, surfaces, rarity):
    """The theme's words: the heaviest terms of the centre, two-syllable
    words first, none repeating a syllable of another, each in the form
    members wrote most often (with diacritics when some wrote them)."""
    counts = {term: sum(forms.values()) for term, forms in surfaces.items()}
    order = centre.argsort()[::-1]
    chosen, used = [], set()
    # pairs first, then single syllables not already in a chosen pair
    for want_pair in (True, False):
        for index in order[:60]:
            if centre[index] <= 0 or len(chosen) >= LABEL_TERMS:
                break
            term = vocabulary[index]
            is_pair = "_" in term
            if is_pair != want_pair:
                continue
            parts = set(term.split("_"))
            # a pair may hold one stop syllable ("môi trường" is "moi
            # truong", "moi" being "mọi" too), if it is a word
            if parts & used or len(parts & FEEDBACK_STOP_WORDS) > (
                    1 if is_pair else 0) or (
                    is_pair and not _is_word(term, counts, rarity)):
                continue
            chosen.append(term)
            used |= parts
    words = []
    for term in chosen:
        forms = surfaces.get(term)
        if not forms:
            continue
        # the most frequent form with diacritics, the most fully accented
        # one among equals ("bừa bãi" before the mistyped "bừa bai")
        accented = [(n, _marks(f), f) for f, n in forms.items()
                    if text.unaccent(f) != f]
        pool = accented or [(n, 0, f) for f, n in forms.items()]
        words.append(sorted(pool, key=lambda p: (-p[0], -p[1], p[2]))[0][2])
    return words, chosen


def find_themes(items):
    """See :func:`_find_themes`; OpenMP and BLAS limited to one thread: on a
    busy two-core server their spinning threads made the clustering six
    times slower, and one request should not take every core."""
    # sklearn's OpenMP runtime is loaded first, so that it is limited
    import sklearn.cluster  # noqa: F401 pylint: disable=unused-import
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _find_themes(items)


def _find_themes(items):
    """Themes of ``items``, a list of ``(id, body, organization)`` (the
    organization any hashable, or None). Returns a list of dicts, largest
    theme first (then by smallest id), each with:

    * ``ids``: the ids of its feedback, in the given order;
    * ``count``; ``other`` (True for the feedback without shared words);
    * ``label``: its words joined by " · " ("" for "other" or when the theme
      has no words); ``terms``: those words, as the members wrote them;
    * ``quote_ids``: up to ``QUOTES`` ids of the feedback closest to the
      theme's centre, distinct texts;
    * ``organizations``: Counter {organization: feedback count}.

    Deterministic: the same items in the same order give the same themes.
    """
    items = [(key, body or "", org) for key, body, org in items]
    if not items:
        return []
    positions = list(range(len(items)))
    if len(items) < 3:
        return _with_ids(items, [_one_theme(items, positions)])

    import numpy
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer=_analyzer, sublinear_tf=True, min_df=2,
        max_features=MAX_FEATURES, norm="l2", dtype=numpy.float32)
    # each feedback's syllables with their written forms, found once
    tokens = [_surface_tokens(body) for _key, body, _org in items]
    try:
        matrix = vectorizer.fit_transform(
            [[unaccented for unaccented, _written in row] for row in tokens])
    except ValueError:   # no term used twice: nothing to group by
        return _with_ids(items, [_one_theme(items, positions, other=True)])
    vocabulary = vectorizer.get_feature_names_out().tolist()
    empty = numpy.asarray(matrix.getnnz(axis=1) == 0)
    filled = numpy.flatnonzero(~empty)
    themes = []
    if len(filled):
        sub = matrix[filled]
        # distinct rows bound the number of themes (copies of one text)
        distinct = len({items[i][1].strip().lower() for i in filled.tolist()})
        dense = _lsa(sub)
        k = _choose_k(dense, distinct) if dense is not None else 1
        if k == 1:
            labels = numpy.zeros(len(filled), dtype=int)
        else:
            labels = _kmeans(dense, k).labels_
        rarity = dict(zip(vocabulary, vectorizer.idf_.tolist()))
        themes = _describe(items, tokens, filled, sub, labels, vocabulary,
                           rarity)
    left = numpy.flatnonzero(empty).tolist()
    if left:
        themes.append(_one_theme(items, left, other=True))
    themes.sort(key=lambda t: (t["other"], -t["count"], items[t["ids"][0]][0]
                               if t["ids"] else 0))
    return _with_ids(items, themes)


def _with_ids(items, themes):
    """The themes with the items' ids instead of their positions."""
    for theme in themes:
        theme["ids"] = [items[i][0] for i in theme["ids"]]
        theme["quote_ids"] = [items[i][0] for i in theme["quote_ids"]]
    return themes


def _lsa(matrix):
    """The rows in ``LSA_DIMS`` latent dimensions (truncated SVD of the
    TF-IDF matrix), L2-normalised: terms used together ("chuyển khoản",
    "ngân hàng", "đảng phí") pull their feedback together even when two
    feedback share none of them. None when there is nothing to reduce."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    dims = min(LSA_DIMS, matrix.shape[1] - 1, matrix.shape[0] - 1)
    if dims < 2:
        return None
    reduced = TruncatedSVD(
        n_components=dims, random_state=RANDOM_STATE).fit_transform(matrix)
    return normalize(reduced)


def _describe(items, tokens, filled, sub, labels, vocabulary, rarity):
    """Label, quotations and organizations of each theme, the centre being
    the mean TF-IDF row of its feedback (the words, not the latent
    dimensions)."""
    import numpy

    themes = []
    overall = numpy.asarray(sub.mean(axis=0)).ravel() \
        if len(set(labels.tolist())) > 1 else 0.0
    for label in sorted(set(labels.tolist())):
        rows = numpy.flatnonzero(labels == label)
        if not len(rows):
            continue
        positions = filled[rows].tolist()
        centre = numpy.asarray(sub[rows].mean(axis=0)).ravel()
        # where the theme's words were written, in which forms
        surfaces = defaultdict(Counter)
        for position in positions:
            row = tokens[position]
            for unaccented, written in row:
                surfaces[unaccented][written] += 1
            for (a, wa), (b, wb) in zip(row, row[1:]):
                surfaces["%s_%s" % (a, b)]["%s %s" % (wa, wb)] += 1
        # the words that tell this theme from the others: its centre less
        # the mean of all the feedback ("đảng viên", "chi bộ" are everywhere)
        words, _terms = _label(centre - overall, vocabulary, surfaces, rarity)
        # quotations: the rows closest to the centre (cosine), distinct texts
        similarity = numpy.asarray(sub[rows].dot(centre)).ravel()
        quotes, seen = [], set()
        for row in sorted(range(len(rows)),
                          key=lambda r: (-round(float(similarity[r]), 6),
                                         positions[r])):
            key = " ".join(u for u, _w in tokens[positions[row]])
            if key in seen:
                continue
            seen.add(key)
            quotes.append(positions[row])
            if len(quotes) >= QUOTES:
                break
        themes.append({
            "ids": positions, "count": len(positions),
            "label": " · ".join(words), "terms": words,
            "quote_ids": quotes, "other": False,
            "organizations": Counter(
                items[p][2] for p in positions if items[p][2] is not None),
        })
    return themes


def purity(themes, truth):
    """Share of the items that belong to their theme's majority label:
    ``truth`` maps an item id to its hand-given label."""
    total = sum(len(t["ids"]) for t in themes)
    if not total:
        return 1.0
    right = sum(Counter(truth[i] for i in t["ids"]).most_common(1)[0][1]
                for t in themes if t["ids"])
    return right / total
