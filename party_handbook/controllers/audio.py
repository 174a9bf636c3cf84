# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Listening (issue #15): the audio of a record its reader may read, and
the player's report that most of it was heard.

``/party_handbook/audio/<id>`` answers 404 alike for an audio that does not
exist and one the user may not hear (its holder is checked, see
models/party_audio.py). It answers byte ranges: phone browsers seek and
resume in the file with ``Range`` requests, and Safari plays nothing
without them."""
import base64
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _audio_for_user(audio_id):
    audio = request.env["party.audio"].sudo().browse(int(audio_id)).exists()
    if not audio:
        raise NotFound()
    try:
        return audio._check_listener(request.env.user)
    except AccessError:
        raise NotFound()


def audio_response(data, mimetype, filename, etag):
    """The bytes, or the asked range of them (206), kept by the user's
    browser only and asked again (a 304 while unchanged) at each play: the
    next person signed in on a shared phone is checked, not served from the
    browser's cache."""
    headers = [("Accept-Ranges", "bytes"), ("ETag", etag),
               ("Cache-Control", "private, no-cache"),
               ("X-Content-Type-Options", "nosniff"),
               ("Content-Disposition", "inline; filename=\"%s\"" % filename)]
    if request.httprequest.headers.get("If-None-Match") == etag:
        return http.Response(status=304, headers=headers)
    size = len(data)
    status = 200
    wanted = RANGE.match(request.httprequest.headers.get("Range") or "")
    if wanted and (wanted.group(1) or wanted.group(2)):
        first, last = wanted.group(1), wanted.group(2)
        if first:
            start, end = int(first), int(last) if last else size - 1
        else:  # the last N bytes
            start, end = max(size - int(last), 0), size - 1
        end = min(end, size - 1)
        if start > end or start >= size:
            return http.Response(status=416, headers=headers + [
                ("Content-Range", "bytes */%s" % size)])
        data = data[start:end + 1]
        headers.append(("Content-Range", "bytes %s-%s/%s" % (start, end, size)))
        status = 206
    headers += [("Content-Type", mimetype), ("Content-Length", str(len(data)))]
    return http.Response(data, status=status, headers=headers)


class PartyAudioController(http.Controller):

    @http.route("/party_handbook/audio/<int:audio_id>", type="http",
                auth="user", methods=["GET", "HEAD"])
    def party_audio(self, audio_id, **_kwargs):
        audio = _audio_for_user(audio_id)
        data = base64.b64decode(audio.data)
        etag = '"party-audio-%s-%s"' % (audio.id, audio.write_date or "")
        etag = etag.replace(" ", "_")
        return audio_response(data, audio.mimetype or "audio/ogg",
                              "audio-%s.ogg" % audio.id, etag)

    @http.route("/party_handbook/audio/<int:audio_id>/listened", type="json",
                auth="user", methods=["POST"])
    def party_audio_listened(self, audio_id, fraction=None, **_kwargs):
        """The player reports the share of the audio played (0–1)."""
        audio = _audio_for_user(audio_id)
        try:
            counted = audio._record_listening(fraction, request.env.user)
        except UserError as error:
            return {"counted": False, "error": error.name}
        return {"counted": bool(counted)}
