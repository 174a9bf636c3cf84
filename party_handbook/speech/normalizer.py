# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Party texts as they are read aloud in Vietnamese (placeholder: the
normalizer of issue #15 part A replaces this)."""


def normalize(text):
    return " ".join((text or "").split())
