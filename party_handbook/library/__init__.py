# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vietnamese text tools for the library, the feedback themes and the draft
minutes: plain Python, no ORM, no outside service (party texts and members'
opinions never leave the server)."""
