# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A demo database made before issue #15 gets what a new one has: the
month's audio bulletin, a poster of the city's resolution and one of a
month of meetings, and the audio of its documents, notices and minutes.

Odoo 11 skips the ``<function>`` tags of demo files when a module is
updated (demo data are ``noupdate``), so ``make run`` on an existing demo
database would not run them: this script does, once, at the end of the
update (an "end" script: after every module's data, demo data and
translations are loaded, so that titles and key points are in Vietnamese,
and after post-meeting-audio.py, whose requested audio is made here too).
Production databases (no demo data) are left alone."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    module = env["ir.module.module"].search([("name", "=", "party_handbook")])
    if not module.demo:
        return
    # titles and key points in the members' language, as a new demo has them
    if env["res.lang"].search([("code", "=", "vi_VN")]):
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "vi_VN"})
    env["party.audio.bulletin"]._create_demo_bulletin()
    Poster = env["party.poster"]
    resolution = env.ref("party_handbook.document_resolution_demo",
                         raise_if_not_found=False)
    if resolution and resolution.state != "draft" and not Poster.search(
            [("document_id", "=", resolution.id)]):
        Poster._demo_posters([resolution.id])
    commune = env.ref("party_handbook.org_vinh_loc_demo",
                      raise_if_not_found=False)
    if commune and not Poster.search([("organization_id", "=", commune.id),
                                      ("kind", "=", "month")]):
        Poster._demo_month_poster(commune.id)
    done = env["party.audio"]._cron_make_audio(commit=False)
    _logger.info("demo database brought to issue #15: %s audio versions made",
                 done)
