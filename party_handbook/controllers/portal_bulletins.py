# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member's monthly audio bulletins (issue #15): the published
bulletins of the committees above the member's organization, newest first,
each with the listen button. What the member may read is the record rules'
answer (the search runs as the member); the audios are found for those
bulletins only."""
from odoo import http
from odoo.http import request

from . import portal_shortcuts

BULLETINS_SHOWN = 24  # two years of one committee's months


class PartyBulletinPortal(portal_shortcuts.PartyShortcutPortal):

    @http.route("/my/party/bulletins", type="http", auth="user", website=False,
                methods=["GET"])
    def party_bulletins(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        Bulletin = request.env["party.audio.bulletin"]
        bulletins = Bulletin.search([("state", "=", "published")],
                                    order="month desc, id desc",
                                    limit=BULLETINS_SHOWN)
        audios = Bulletin._party_audio_map(bulletins, "bulletin")
        listened = set()
        if audios:
            listened = set(request.env["party.audio.listen"].sudo().search([
                ("audio_id", "in", [a.id for a in audios.values()]),
                ("user_id", "=", request.env.uid)]).mapped("audio_id").ids)
        items = []
        for bulletin in bulletins:
            month = bulletin.month and bulletin.month.split("-") or ["", "", ""]
            audio = audios.get(bulletin.id)
            items.append({
                "bulletin": bulletin, "audio": audio,
                "month_label": "%s/%s" % (month[1], month[0]),
                "listened": bool(audio and audio.id in listened),
            })
        return self._party_render(
            "party_handbook.portal_party_bulletins", member, "party_bulletins",
            items=items)
