# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The meeting's page plays its spoken notice (once announced) and its
spoken minutes (once approved), issue #15. The meeting was looked up among
the member's own meetings (``_meeting_or_404``) before the page is
rendered; the audio route checks the meeting again for every request."""
from odoo.http import request

from . import portal_meetings

MEETING_PAGE = "party_handbook_meetings.portal_party_meeting"


class PartyMeetingAudioPortal(portal_meetings.PartyMeetingPortal):

    @staticmethod
    def _meeting_audio_values(meeting):
        """{notice_audio, notice_listened, minutes_audio, minutes_listened}
        of a meeting the member may read (audios as superuser)."""
        values = {}
        meeting = meeting.sudo()
        mine = request.env["party.meeting"].browse(meeting.id)
        Listen = request.env["party.audio.listen"].sudo()
        for purpose in meeting._party_audio_purposes:
            audio = meeting._party_audio(purpose)
            if audio and not mine._party_audio_may_listen(purpose):
                audio = audio.browse()
            values["%s_audio" % purpose] = audio
            values["%s_listened" % purpose] = bool(audio) and bool(
                Listen.search_count([("audio_id", "=", audio.id),
                                     ("user_id", "=", request.env.uid)]))
        return values

    def _party_render(self, template, member, page_name, **values):
        if template == MEETING_PAGE and values.get("meeting"):
            values.update(self._meeting_audio_values(values["meeting"]))
        return super()._party_render(template, member, page_name, **values)
