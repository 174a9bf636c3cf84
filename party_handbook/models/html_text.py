# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""HTML as a reader sees it."""
import re

import lxml.html
from lxml.etree import ParserError

# elements that are content even without text
CONTENT_TAGS = ("img", "table", "video", "audio", "iframe", "object")
_BLANKS = re.compile(r"[\s\u00a0\u200b\ufeff]+")


def is_html_empty(html):
    """True when ``html`` shows nothing to a reader: False or None, ``""``,
    whitespace, or markup without text (``<p><br></p>``, ``&nbsp;``, what a
    cleared editor leaves behind)."""
    if not html:
        return True
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    if not _BLANKS.sub("", html):
        return True
    try:
        tree = lxml.html.fromstring("<div>%s</div>" % html)
    except (ParserError, ValueError):
        return False
    if any(tree.iter(*CONTENT_TAGS)):
        return False
    return not _BLANKS.sub("", tree.text_content())


BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "blockquote", "pre", "dt", "dd")


def html_to_text(html):
    """The text of ``html`` as a reader sees it, one line per paragraph,
    list item, heading or table row (for the library's passages)."""
    if is_html_empty(html):
        return ""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    try:
        tree = lxml.html.fromstring("<div>%s</div>" % html)
    except (ParserError, ValueError):
        return ""
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for element in tree.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.text is not None or len(element):
            element.text = "\n" + (element.text or "")
    lines = (_BLANKS.sub(" ", line).strip()
             for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
