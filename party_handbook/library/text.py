# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vietnamese words for search and grouping, without a segmenter.

Vietnamese is written in syllables separated by spaces; a word is one to
three syllables ("đảng viên", "biểu quyết"). Members often type without
diacritics ("bieu quyet qua nua"), where the statistical segmenters
(pyvi, underthesea) fail. So the terms used everywhere are:

- the syllables, lower-cased and unaccented (``unaccent``: diacritics
  removed, đ → d), exactly as PostgreSQL's ``unaccent`` dictionary does for
  the full-text index;
- the pairs of consecutive syllables, which stand for two-syllable words
  and tell "quá nửa" (more than half) apart from "quá" and "nửa" anywhere.

Stop words are the function syllables that carry no topic ("của", "và",
"được", "không"...), unaccented."""
import re
import unicodedata

# Syllables that do not tell one passage from another (unaccented).
# Question words are here: "có được ... không" asks, it does not say what.
STOP_WORDS = frozenset("""
a ai ay bao boi cac cai can cho chu co cua cung da de den deu do duoc gi
ha hay hoac khi khong la lai lam len ma minh mot moi nao neu nhu nhung nay
no o phai ra rang rat roi sao se thi the theo toi tren trong tuc va vao
van ve vi voi vay xin
nhieu muon may lau dau giup hoi
""".split())
# The last line are the words of asking ("bao nhiêu", "muốn", "mấy", "bao
# lâu", "ở đâu", "giúp", "hỏi"): a question's topic is in its other words.
# Not stop words although they look so once unaccented: "dang" is Đảng
# (the Party) as well as "đang"; "qua" is "quá" (more than, in "quá
# nửa"); "chi" is "chi bộ"; "bi" is "dự bị".

_WORD = re.compile(r"[0-9a-zđ]+", re.UNICODE)
# The shape of a Vietnamese syllable once unaccented: initial consonant,
# one to three vowels, final consonant (the accented form is in
# speech/normalizer.py). A typed word of another shape is a typo.
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$")


def is_syllable(word):
    """True when the unaccented ``word`` has the shape of a Vietnamese
    syllable ("nuoi", "trung"; not "trug", "qau")."""
    return bool(_SYLLABLE.match(word or ""))


def unaccent(text):
    """``text`` lower-cased, without diacritics, đ → d (as PostgreSQL's
    ``unaccent`` dictionary, on the syllables that matter)."""
    text = unicodedata.normalize("NFD", (text or "").lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("đ", "d")


def syllables(text):
    """The unaccented syllables of ``text``, in order (numbers kept)."""
    return _WORD.findall(unaccent(text))


def terms(text, pairs=True, stop_words=STOP_WORDS):
    """Search and grouping terms of ``text``: the syllables that are not stop
    words, and (``pairs``) every pair of consecutive syllables written
    ``a_b`` where at least one is not a stop word."""
    return terms_of_syllables(syllables(text), pairs, stop_words)


def terms_of_syllables(words, pairs=True, stop_words=STOP_WORDS):
    """:func:`terms` of a text given as its unaccented syllables (for who
    already has them: not unaccented again)."""
    result = [w for w in words if w not in stop_words]
    if pairs:
        result.extend("%s_%s" % (first, second)
                      for first, second in zip(words, words[1:])
                      if first not in stop_words or second not in stop_words)
    return result


def sentences(text):
    """``text`` cut into sentences (on . ! ? ; and line ends), stripped."""
    parts = re.split(r"(?<=[.!?;])\s+|\n+", text or "")
    return [part.strip() for part in parts if part and part.strip()]


def highlight_spans(text, query_words, query_pairs=()):
    """(start, end) spans of ``text`` to mark for a query, merged when
    adjacent. With ``query_pairs`` (pairs of unaccented syllables) and one
    of them in ``text``, only the pairs are marked ("biểu quyết", not every
    "quyết" of "nghị quyết"); otherwise the syllables among
    ``query_words``. Positions are positions in ``text``: the original
    diacritics are kept in what is shown."""
    tokens = [(match.span(), unaccent(match.group()))
              for match in re.finditer(r"\w+", text or "", re.UNICODE)]
    pairs = set(query_pairs)
    marked = set()
    for index in range(len(tokens) - 1):
        if (tokens[index][1], tokens[index + 1][1]) in pairs:
            marked.update((index, index + 1))
    if not marked:
        wanted = set(query_words)
        marked = {i for i, (_span, word) in enumerate(tokens) if word in wanted}
    spans = []
    for index in sorted(marked):
        start, end = tokens[index][0]
        if spans and not text[spans[-1][1]:start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def snippet(text, query_words, width=240, query_pairs=()):
    """The window of ``text`` (about ``width`` characters) holding the most
    marked words, and the spans to mark inside it, relative to the window:
    ``(window, spans, cut_before, cut_after)``."""
    text = text or ""
    spans = highlight_spans(text, query_words, query_pairs)
    if len(text) <= width or not spans:
        start = 0
    else:
        best, start = -1, 0
        for first, _end in spans:
            begin = max(0, first - width // 4)
            count = sum(1 for s, e in spans if s >= begin and e <= begin + width)
            if count > best:
                best, start = count, begin
        # start on a word boundary
        if start:
            space = text.find(" ", start)
            if 0 <= space < start + 20:
                start = space + 1
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start + width // 2:
            end = space
    window = text[start:end]
    inside = [(s - start, e - start) for s, e in spans
              if s >= start and e <= end]
    return window, inside, start > 0, end < len(text)
