# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Party texts as a Vietnamese reader says them aloud (issue #15).

``normalize(text)`` turns what a speech engine would misread into words:
numbers (Vietnamese rules: mốt, lăm, tư, linh, mươi/mười, nghìn, triệu,
tỷ; "1.250.000", "2,5"), ordinals, Roman numerals in headings, dates and
times, fractions, ratios and percentages, money, document numbers
("294-QĐ/TW"), the usual abbreviations (``ABBREVIATIONS``: data, easy to
extend), URLs and e-mail addresses; punctuation becomes pauses. Words in
other languages stay as they are (espeak-ng reads them with its English
rules). Pure Python 3, no dependency: it runs on Odoo's Python 3.7 and on
the tests' 3.11.

The choices (docs/AUDIO.md gives them with their reasons):

- "linh" (Northern) for a zero ten: 105 "một trăm linh năm"; "nghìn";
  "tư" for a 4 after "mươi" (24 "hai mươi tư"), "bốn" after "mười";
- "TU" is "Thành ủy": Huế is a centrally-run city since 2025;
- a document number ``12-NQ/TU`` is read number first, then its kind and
  its issuer: "mười hai, nghị quyết Thành ủy"; a leading zero is said
  ("01-QĐ/TW": "không một, quyết định Trung ương");
- ``a/b`` is a date (day/month, or month/year when ``b`` is a year) after
  "ngày", "hôm", "mồng", "sáng", "chiều", "tối", "từ", "đến" or before
  "năm"/a range to a date; a fraction after a whole number ("10 2/3"),
  before "số", "tổng số", "đảng viên", "thành viên", "đại biểu" or after
  "ít nhất", "quá", "trên", "dưới", "tán thành", "đồng ý", "hơn", "chiếm"
  and whenever it cannot be a date; otherwise (no clue) a fraction.
"""
import re
import unicodedata

# --- numbers -----------------------------------------------------------------

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám",
          "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]


def _tens_units(tens, units, after_hundreds):
    """The last two digits of a group (``after_hundreds``: a hundreds word
    was said, so a zero ten is "linh")."""
    words = []
    if tens == 0:
        if units:
            if after_hundreds:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
        if units == 5:
            words.append("lăm")
        elif units:
            words.append(DIGITS[units])
        return words
    words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt")
    elif units == 4:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _group(value, full):
    """Words of 0 < value < 1000; ``full``: not the leading group, so the
    hundreds are said even when zero ("không trăm linh năm")."""
    hundreds, rest = divmod(value, 100)
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    words += _tens_units(rest // 10, rest % 10, bool(words))
    return words


def cardinal(number):
    """Vietnamese words of an integer: 21 "hai mươi mốt", 105 "một trăm
    linh năm", 1005 "một nghìn không trăm linh năm", -3 "âm ba"."""
    number = int(number)
    if number < 0:
        return "âm " + cardinal(-number)
    if number == 0:
        return DIGITS[0]
    if number >= 10 ** 9:
        high, low = divmod(number, 10 ** 9)
        words = cardinal(high) + " tỷ"
        if low:
            words += " " + _below_billion(low, full=True)
        return words
    return _below_billion(number, full=False)


def _below_billion(number, full):
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        leading = not words and not full
        words += _group(group, not leading)
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)


def digits(text):
    """Digit by digit: "0234" "không hai ba bốn"."""
    return " ".join(DIGITS[int(d)] for d in text if d.isdigit())


def number_words(text):
    """A number as written: "1.250.000", "2,5", "0,75", "015" (leading
    zero: digit by digit)."""
    text = text.strip()
    negative = text.startswith(("-", "−"))
    text = text.lstrip("-−")
    whole, _sep, decimals = text.partition(",")
    whole = re.sub(r"\D", "", whole)
    decimals = re.sub(r"\D", "", decimals)
    if len(whole) > 1 and whole.startswith("0"):
        words = digits(whole)
    else:
        words = cardinal(whole or "0")
    if decimals:
        if decimals.startswith("0") or len(decimals) > 3:
            words += " phẩy " + digits(decimals)
        else:
            words += " phẩy " + cardinal(decimals)
    return ("âm " + words) if negative else words


def ordinal(number):
    """thứ nhất, thứ hai, thứ tư, thứ mười bốn (the word after "thứ")."""
    number = int(number)
    if number == 1:
        return "nhất"
    if number == 4:
        return "tư"
    return cardinal(number)


def month_name(number):
    """tháng một … tháng tư … tháng mười hai."""
    return "tư" if int(number) == 4 else cardinal(number)


ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500,
                "M": 1000}


def roman(text):
    """The value of a Roman numeral, or None."""
    if not text or not ROMAN.match(text):
        return None
    total = 0
    for index, char in enumerate(text):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


# --- the tables (data: add a row, not code) ------------------------------------

# All-caps abbreviations, matched as whole words, case-sensitive.
ABBREVIATIONS = {
    # kinds of documents
    "NQ": "nghị quyết", "CT": "chỉ thị", "QĐ": "quyết định",
    "HD": "hướng dẫn", "KH": "kế hoạch", "TB": "thông báo",
    "BC": "báo cáo", "CV": "công văn", "KL": "kết luận", "QC": "quy chế",
    "QyĐ": "quy định", "TTr": "tờ trình", "BB": "biên bản",
    "NĐ": "nghị định", "TT": "thông tư", "CĐ": "công điện",
    "CTr": "chương trình",
    # issuers and bodies
    "TW": "Trung ương", "TƯ": "Trung ương",
    "TU": "Thành ủy",  # Huế: a centrally-run city since 2025
    "ĐU": "Đảng ủy", "ĐUK": "Đảng ủy khối",
    "HU": "Huyện ủy", "QU": "Quận ủy", "ĐB": "đảng bộ",
    "BTV": "Ban Thường vụ", "BCH": "Ban Chấp hành",
    "BCT": "Bộ Chính trị", "BBT": "Ban Bí thư",
    "BTC": "Ban Tổ chức", "BTCTW": "Ban Tổ chức Trung ương",
    "BTG": "Ban Tuyên giáo", "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTGDV": "Ban Tuyên giáo và Dân vận",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BDV": "Ban Dân vận", "BNC": "Ban Nội chính",
    "UBKT": "Ủy ban Kiểm tra", "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "VPTW": "Văn phòng Trung ương", "VPTU": "Văn phòng Thành ủy",
    "HĐND": "Hội đồng nhân dân", "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc", "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "QH": "Quốc hội", "CP": "Chính phủ", "TTg": "Thủ tướng",
    "BNV": "Bộ Nội vụ", "ĐCSVN": "Đảng Cộng sản Việt Nam",
    "ĐCS": "Đảng Cộng sản", "CHXHCN": "Cộng hòa xã hội chủ nghĩa",
    "CNXH": "chủ nghĩa xã hội", "XHCN": "xã hội chủ nghĩa",
    "HCM": "Hồ Chí Minh", "TNCS": "Thanh niên Cộng sản",
    "ĐTN": "Đoàn Thanh niên", "CCB": "Cựu chiến binh",
    "LHPN": "Liên hiệp Phụ nữ", "HND": "Hội Nông dân",
    "HTX": "hợp tác xã", "CLB": "câu lạc bộ",
    # people and units
    "ĐV": "đảng viên", "CB": "chi bộ", "UV": "ủy viên",
    "BT": "Bí thư", "PBT": "Phó Bí thư", "ĐBQH": "đại biểu Quốc hội",
    "CBCC": "cán bộ, công chức", "CCVC": "công chức, viên chức",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "TP": "thành phố", "TX": "thị xã",
    "TDP": "tổ dân phố",
    # everyday terms of the texts
    "CSDL": "cơ sở dữ liệu", "KT": "kinh tế", "XH": "xã hội",
    "VH": "văn hóa", "QP": "quốc phòng",
    "ANQP": "an ninh, quốc phòng", "QPAN": "quốc phòng, an ninh",
    "HTCT": "hệ thống chính trị", "CNH": "công nghiệp hóa",
    "HĐH": "hiện đại hóa", "CCHC": "cải cách hành chính",
    "TTHC": "thủ tục hành chính", "CCCD": "căn cước công dân",
    "BHXH": "bảo hiểm xã hội", "BHYT": "bảo hiểm y tế",
    "THPT": "trung học phổ thông", "THCS": "trung học cơ sở",
    "VN": "Việt Nam", "STĐVĐT": "sổ tay đảng viên điện tử",
    "SHCB": "sinh hoạt chi bộ", "VNĐ": "đồng", "VND": "đồng",
    "ĐT": "điện thoại", "GD": "giáo dục", "YT": "y tế",
}

# Abbreviations written with a dot or a slash, or in lower case (matched
# as they are written, before a word boundary).
WRITTEN = [
    (r"\b[Đđ]/[Cc]\b", "đồng chí"),
    (r"\bv\.v\.?", "vân vân"),
    (r"\bTP\.\s*", "thành phố "),
    (r"\bTT\.\s*(?=[A-ZĐ])", "thị trấn "),
    (r"\bP\.\s*(?=[A-ZĐ])", "phường "),
    (r"\bX\.\s*(?=[A-ZĐ])", "xã "),
    (r"\bQ\.\s*(?=[A-ZĐ0-9])", "quận "),
    (r"\bH\.\s*(?=[A-ZĐ])", "huyện "),
    (r"\bTh[Ss]\.\s*", "thạc sĩ "),
    (r"\bPGS\.\s*", "phó giáo sư "),
    (r"\bGS\.\s*", "giáo sư "),
    (r"\bTS\.\s*", "tiến sĩ "),
    (r"\b[Tt]r\.\s*(?=\d)", "trang "),
    (r"\bSĐT\b", "số điện thoại"),
    (r"\bđ/tháng\b", "đồng mỗi tháng"),
    (r"\bvà/hoặc\b", "và hoặc"),
    # "ngày 05 tháng 01", "lúc 08 giờ 00": a leading zero is not said
    (r"\b([Nn]gày|[Mm]ồng|[Mm]ùng|[Tt]háng|[Ll]úc)\s+0(\d)\b", r"\1 \2"),
    (r"\b0(\d)(?=\s*(?:giờ|phút)\b)", r"\1"),
    (r"\b(giờ)\s+00\b", r"\1"),
    # "ngày 30-4", "ngày 2-9": a date written with a dash
    (r"\b([Nn]gày|[Mm]ồng|[Mm]ùng|[Hh]ôm)\s+(\d{1,2})-(\d{1,2})\b(?![-/]\d)",
     r"\1 \2/\3"),
]

# "lần/tháng", "đồng/người": a slash before a unit is "mỗi"
PER = re.compile(r"(?<=\w)\s*/\s*(?=(?:tháng|năm|quý|ngày|tuần|lần|người|hộ"
                 r"|buổi|kỳ|nhiệm kỳ|đảng viên|chi bộ)\b)")

# Units after a number (money: "đ", "đồng", "VNĐ", "VND" have their rule).
UNITS = {
    "km": "ki lô mét", "m2": "mét vuông", "m²": "mét vuông", "m": "mét",
    "ha": "héc ta", "kg": "ki lô gam", "cm": "xăng ti mét",
    "USD": "đô la Mỹ", "tr": "triệu", "trđ": "triệu đồng",
    "°C": "độ xê", "kWh": "ki lô oát giờ",
}

# Foreign words written in capitals that are said as words, not spelled
# (espeak-ng reads the lower-case word with its English rules).
WORDS = {"COVID": "Covid", "ASEAN": "Asean", "UNESCO": "Unesco",
         "NATO": "Nato", "OK": "ô kê", "PDF": "pê đê ép", "ID": "ai đi",
         "IT": "ai ti", "AI": "ây ai"}

# Vietnamese names of the letters, to spell an unknown abbreviation.
LETTERS = {
    "A": "a", "Ă": "á", "Â": "ớ", "B": "bê", "C": "xê", "D": "dê",
    "Đ": "đê", "E": "e", "Ê": "ê", "F": "ép", "G": "giê", "H": "hát",
    "I": "i", "J": "gi", "K": "ca", "L": "e lờ", "M": "em mờ", "N": "en nờ",
    "O": "o", "Ô": "ô", "Ơ": "ơ", "P": "pê", "Q": "quy", "R": "e rờ",
    "S": "ét xì", "T": "tê", "U": "u", "Ư": "ư", "V": "vê", "W": "vê kép",
    "X": "ích xì", "Y": "i dài", "Z": "dét",
}

# --- Vietnamese syllables (is an all-caps word a word or an abbreviation?) ----

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(uyê|uya|oai|oay|oao|oeo|uôi|ươi|ươu|iêu|yêu|ưu|ươ|uô|iê|yê|ia|ua|ưa"
    r"|oa|oă|oe|uâ|uê|uy|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|"
    r"[aăâeêioôơuưy])"
    r"(ng|nh|ch|[cmnpt])?$")


def is_syllable(word):
    """True when the (any case) word is one Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = unicodedata.normalize("NFC", "".join(
        c for c in decomposed if c not in TONE_MARKS))
    return bool(SYLLABLE.match(bare))


def spell(word):
    return " ".join(LETTERS.get(c, c) for c in word)


# --- the rules -------------------------------------------------------------------

NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
UPPER = "A-ZĐĂÂÊÔƠƯ"
DATE_BEFORE = ("ngày", "hôm", "mồng", "mùng", "sáng", "chiều", "tối", "trưa",
               "đêm", "từ", "đến", "tới", "hạn", "kể")
FRACTION_BEFORE = ("nhất", "quá", "trên", "dưới", "thành", "ý", "hơn",
                   "chiếm", "đạt", "khoảng", "gần", "bằng", "được")
FRACTION_AFTER = ("số", "tổng", "đảng", "thành", "đại", "đơn", "cử", "phiếu",
                  "ủy", "cấp", "chi")
YEAR = re.compile(r"^(1[89]\d\d|2[01]\d\d)$")


def _previous_word(text, start):
    words = re.findall(r"[\w]+", text[max(0, start - 30):start])
    return words[-1].lower() if words else ""


def _next_word(text, end):
    words = re.findall(r"[\w]+", text[end:end + 30])
    return words[0].lower() if words else ""


def _year_words(year):
    return cardinal(year)


def _date(day, month, year=None, prefix=""):
    words = "%s%s tháng %s" % (prefix, cardinal(day), month_name(month))
    if year:
        words += " năm " + _year_words(year)
    return words


def _day_prefix(text, start):
    before = _previous_word(text, start)
    return "" if before in ("ngày", "mồng", "mùng", "hôm") else "ngày "


def _full_date(match):
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    text = match.string
    return _date(day, month, year, _day_prefix(text, match.start()))


def _fraction(numerator, denominator):
    return "%s phần %s" % (number_words(numerator), number_words(denominator))


def _is_date(match, day, month):
    """The a/b heuristic (module docstring)."""
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    text = match.string
    before = _previous_word(text, match.start())
    after = _next_word(text, match.end())
    if re.search(r"\d\s+$", text[:match.start()]):
        return False  # 10 2/3
    if before in FRACTION_BEFORE or after in FRACTION_AFTER:
        return False
    if before in DATE_BEFORE or after == "năm":
        return True
    # a range to a full date: "1/7 – 15/8/2025"
    return bool(re.match(r"\s*(?:[-–—]|đến|tới)\s*(?:ngày\s|\d{1,2}/\d{1,2}/"
                         r"\d{4})", text[match.end():]))


def _slash(match):
    """a/b: month/year, date or fraction."""
    first, second = match.group(1), match.group(2)
    text = match.string
    if "." not in first + second and "," not in first + second:
        a, b = int(first), int(second)
        if YEAR.match(second) and 1 <= a <= 12:
            before = _previous_word(text, match.start())
            if before == "quý":
                return "%s năm %s" % (cardinal(a), _year_words(b))
            prefix = "" if before == "tháng" else "tháng "
            return "%s%s năm %s" % (prefix, month_name(a), _year_words(b))
        if _is_date(match, a, b):
            return _date(a, b, prefix=_day_prefix(text, match.start()))
    if re.search(r"\d\s+$", text[:match.start()]):
        return "và " + _fraction(first, second)
    return _fraction(first, second)


def _time(match):
    hours, minutes = int(match.group(1)), match.group(2)
    if hours > 24 or (minutes and int(minutes) > 59):
        # not a time: the letter stays, apart from the numbers
        return re.sub(r"(?<=\d)(?=\D)|(?<=\D)(?=\d)", " ", match.group(0))
    words = cardinal(hours) + " giờ"
    if minutes and int(minutes):
        words += " " + cardinal(int(minutes))
        if int(minutes) < 10:
            words += " phút"
    return words


def _colon(match):
    """14:00 a time, 1:2 a ratio."""
    left, right = match.group(1), match.group(2)
    if re.match(r"^\d\d$", right) and int(left) <= 24 and int(right) <= 59:
        return _time(match)
    return "%s trên %s" % (number_words(left), number_words(right))


def _expand_code(code):
    """NQ, QĐ-TTg, NĐ-CP, QH15, BTCTW: words of a document code."""
    parts = []
    for piece in re.split(r"[-–]", code):
        known = ABBREVIATIONS.get(piece)
        if known:
            parts.append(known)
            continue
        letters = re.match(r"^([%s]+[a-z]*)(\d+)$" % UPPER, piece)
        if letters and letters.group(1) == "QH":
            parts.append("Quốc hội khóa " + cardinal(letters.group(2)))
        elif letters:
            parts.append("%s %s" % (_expand_code(letters.group(1)),
                                    cardinal(letters.group(2))))
        else:
            parts.append(spell(piece))
    return " ".join(parts)


def _document(match):
    """294-QĐ/TW; 91/2025/QH15; 356/2025/NĐ-CP; 05/2023/TT-BNV."""
    number, year, kind, issuer = match.groups()
    words = number_words(number)
    if year:
        words += ", năm " + _year_words(year)
    words += ", " + _expand_code(kind)
    if issuer:
        words += " " + _expand_code(issuer)
    return words


def _roman_after(match):
    value = roman(match.group(2))
    if value is None:
        return match.group(0)
    word = match.group(1)
    if word.lower().endswith("thứ"):
        return "%s %s" % (word, ordinal(value))
    return "%s %s" % (word, cardinal(value))


def _roman_heading(match):
    value = roman(match.group(2))
    if value is None:
        return match.group(0)
    return "%s%s." % (match.group(1), cardinal(value).capitalize())


def _in_capitals(text, start, end):
    """The word stands among words in capitals (a heading: "TU DƯỠNG")."""
    around = re.findall(r"[^\W\d_]+", text[max(0, start - 20):start])[-1:]
    around += re.findall(r"[^\W\d_]+", text[end:end + 20])[:1]
    return any(w.isupper() and len(w) > 1 and is_syllable(w)
               and w not in ABBREVIATIONS for w in around)


def _caps(match):
    """An all-caps word: an abbreviation, a word said as a word, a syllable
    of a heading in capitals, a Roman numeral or letters to spell."""
    word = match.group(0)
    if not (word.isupper() or word in ABBREVIATIONS):
        return word
    if word in ABBREVIATIONS and not (
            is_syllable(word) and _in_capitals(match.string, match.start(),
                                               match.end())):
        return ABBREVIATIONS[word]
    if word in WORDS:
        return WORDS[word]
    if len(word) == 1:
        if is_syllable(word) and _in_capitals(match.string, match.start(),
                                              match.end()):
            return word.lower()
        return word
    if is_syllable(word):
        return word.lower()
    value = roman(word)
    if value is not None and len(word) > 1:
        return cardinal(value)
    return spell(word)


def _url(match):
    text = match.group(0).rstrip(".,;:")
    tail = match.group(0)[len(text):]
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^www\.", "", text).split("/")[0]
    return "trang " + " chấm ".join(text.split(".")) + tail


def _email(match):
    user, domain = match.group(1), match.group(2)
    user = re.sub(r"\d+", lambda m: " %s " % digits(m.group(0)), user)
    user = re.sub(r"[._-]", " ", user)
    return "%s a còng %s" % (" ".join(user.split()),
                             " chấm ".join(domain.split(".")))


def _money(match):
    amount, unit = match.group(1), match.group(2)
    return "%s %s" % (number_words(amount), UNITS.get(unit, unit))


def _plain_number(match):
    return number_words(match.group(0))


def _range(match):
    return "%s đến %s" % (match.group(1), match.group(2))


def _thu(match):
    return "%s %s" % (match.group(1), ordinal(match.group(2)))


def _month(match):
    return "%s %s" % (match.group(1), month_name(match.group(2)))


SUBSTITUTIONS = [
    # addresses first: their dots and digits are not numbers
    (re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)"), _email),
    (re.compile(r"\b(?:https?://|www\.)\S+"), _url),
    # telephone numbers: 0234 3822 123, 0905.123.456, 0905123456
    (re.compile(r"(?<![\d.,])0\d{2,4}(?:[ .]\d{2,4}){1,3}(?![\d,])"
                r"|(?<![\d.,])0\d{8,10}(?![\d,])"),
     lambda m: ", ".join(digits(g) for g in re.split(r"[ .]", m.group(0)))),
    # document numbers: 294-QĐ/TW, 01-QĐ/TW, 91/2025/QH15, 356/2025/NĐ-CP
    (re.compile(r"\b(\d+)(?:/(\d{4}))?[-/]((?:[%s][%s\da-z]*)(?:-[%s][%s\da-z]*)*)"
                r"(?:/([%s][%s\dA-Za-z-]*))?\b" % ((UPPER,) * 6)), _document),
    (re.compile(r"(\d{1,2}/\d{1,2}(?:/\d{4})?)\s*[–—-]\s*"
                r"(?=\d{1,2}/\d{1,2}/\d{4})"),
     r"\1 đến "),
    # dates and month/year
    (re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b"), _full_date),
    # ranges of numbers: 18–60, 2026-2027
    (re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)*)(?:[–—-]|\s+[–—-]\s+)(?=\d)"),
     r"\1 đến "),
    # times: 19h30, 8h, 7g30
    (re.compile(r"\b(\d{1,2})[hg](\d{2})?\b"), _time),
    (re.compile(r"\b(\d{1,3})\s*:\s*(%s)(?![\d.])" % NUM), _colon),
    # percentages and money
    (re.compile(r"(%s)\s*%%" % NUM), lambda m: number_words(m.group(1))
     + " phần trăm"),
    (re.compile(r"(%s)\s*(triệu|tỷ|nghìn)?\s*(?:đồng|đ|VNĐ|VND)\b"
                r"(?!\w)" % NUM),
     lambda m: number_words(m.group(1)) + (" " + m.group(2) if m.group(2)
                                           else "") + " đồng"),
    (re.compile(r"(%s)\s*(%s)(?![\w²])" % (NUM, "|".join(
        re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True)))),
     _money),
    # a/b: date, month/year or fraction (after the document numbers)
    (re.compile(r"(?<![\w/])(\d+(?:[.,]\d+)?)/(\d+(?:[.,]\d+)?)(?![\w/])"),
     _slash),
    # ordinals and months
    (re.compile(r"\b([Tt]hứ)\s+(\d+)\b"), _thu),
    (re.compile(r"\b([Tt]háng)\s+(\d{1,2})\b"), _month),
    # Roman numerals: after a heading word, and heading bullets
    (re.compile(r"\b((?:[Pp]hần|[Cc]hương|[Mm]ục|[Đđ]ại hội|[Kk]hóa|[Kk]hoá"
                r"|[Tt]hứ|[Tt]hế kỷ|[Qq]uý|[Ll]oại|[Hh]ạng|[Bb]ậc|[Cc]ấp"
                r"|[Hh]ội nghị Trung ương|[Đđ]ợt|[Tt]ập|[Kk]ỳ))\s+"
                r"([IVXLCDM]+)\b"), _roman_after),
    (re.compile(r"(^|\n)\s*([IVXLC]+)\s*[.)]"), _roman_heading),
    # a number stuck to letters: COVID-19, QH15, F0
    (re.compile(r"(?<=[%s%s])-(?=\d)" % (UPPER, UPPER.lower())), " "),
    (re.compile(r"(?<=[%s])(?=\d)" % UPPER), " "),
]

AFTER_NUMBERS = [
    # what is left of digits stuck to letters is said apart: "7b" "bảy b"
    (re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])"), " "),
    (re.compile(r"(?<!\w)[-−](?=\d)"), "âm "),
    (re.compile(NUM.replace(r"\d+(?:,\d+)?", r"\d+(?:,\d+)?(?:\.\d+)?")),
     lambda m: _dotted(m.group(0))),
]


def _dotted(text):
    """A number left after the rules: 1.250.000, 2,5, 9.3 (a section
    number: "chín chấm ba")."""
    section = re.match(r"^\d+\.\d+$", text)
    if section and not re.match(r"^\d{1,3}\.\d{3}$", text):
        left, right = text.split(".")
        return "%s chấm %s" % (number_words(left), number_words(right))
    return number_words(text)


def _symbols(text):
    text = text.replace("&", " và ").replace("§", " mục ")
    text = text.replace("≥", " lớn hơn hoặc bằng ").replace(
        "≤", " nhỏ hơn hoặc bằng ")
    text = re.sub(r"\s<\s", " nhỏ hơn ", text)
    text = re.sub(r"\s>\s", " lớn hơn ", text)
    text = re.sub(r"\s=\s", " bằng ", text)
    text = re.sub(r"(?<=\d)\s*\+\s*(?=\d)", " cộng ", text)
    text = text.replace("~", " khoảng ")
    return text


def _pauses(line):
    """Punctuation a speech engine pauses on; the line ends a sentence."""
    line = re.sub(r"^\s*(?:[-–—•*+●▪◦·]|\d+[.)](?=\s))\s*", "", line)
    line = re.sub(r"[\"“”«»„‘’`]", "", line)
    line = re.sub(r"(?<!\w)'|'(?!\w)", "", line)
    line = re.sub(r"\s*[()\[\]{}]\s*", ", ", line)
    line = re.sub(r"\s[–—-]+\s|[–—]", ", ", line)
    line = line.replace("…", ".").replace("...", ".")
    line = re.sub(r"\s*[;:]\s*", ", ", line)
    line = PER.sub(" mỗi ", line)
    line = re.sub(r"(?<=\w)/(?=\w)", " hoặc ", line)
    line = re.sub(r"[/\\|_*#^]", " ", line)
    line = re.sub(r"\s+", " ", line).strip(" ,-")
    line = re.sub(r"\s+([,.!?])", r"\1", line)
    line = re.sub(r",(\s*,)+", ",", line)
    line = re.sub(r",\s*([.!?])", r"\1", line)
    line = re.sub(r"([.!?])[.,]+", r"\1", line)
    if line and line[-1] not in ".!?":
        line += "."
    return line


def normalize(text):
    """The spoken form of a plain text (one line, sentences ending with a
    full stop; a line of the text, a heading or a bullet, is a sentence)."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\u00a0", " ").replace("\r", "\n")
    for pattern, words in WRITTEN:
        text = re.sub(pattern, words, text)
    for pattern, replacement in SUBSTITUTIONS:
        text = pattern.sub(replacement, text)
    text = _symbols(text)
    for pattern, replacement in AFTER_NUMBERS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^\W\d_]+", _caps, text)
    text = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", text)
    lines = [_pauses(line) for line in text.split("\n")]
    return " ".join(line for line in lines if line.strip(" ."))
