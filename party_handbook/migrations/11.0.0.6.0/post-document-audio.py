# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.0.6.0 gives documents an audio version, asked for when a document is
published (issue #15). The documents published before the update get theirs
now: their text is stored and the scheduled action speaks them in the
background, in batches (about a second of work each). Archived and
superseded documents are left without (they are no longer current)."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    documents = env["party.document"].search([("state", "=", "published")])
    documents._party_audio_request(["document"])
    _logger.info("audio asked for %s published documents", len(documents))
