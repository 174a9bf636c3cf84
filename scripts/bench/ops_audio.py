# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark operations: the audio of a city-wide document (issue #15).
See docs/AUDIO.md ("What audio costs") and the contract in core.py.

* making the audio of a long resolution of the generated city (3,000 words
  from 50,000 members up, 120 below so that the tiny bench of the tests
  stays quick): the audio job's own step, ``party.audio._make()`` on the
  pending audio (normalizer, espeak-ng, Opus, stored in the database); it is
  made ONCE per document whatever the number of its recipients. Floor: the
  same normalized text through one ``espeak-ng | ffmpeg`` shell pipeline.
  Each run also prints, on stderr, the seconds of audio, the bytes and the
  CPU seconds (this process and its children) per minute of audio;
* publishing that resolution to the whole city as the city officer with its
  audio requested: the publishing does not wait for the speech (the
  request stores the text and leaves the audio pending for the job).
  Floor: the same publishing, with the audio request left out.
"""
import sys

from odoo import SUPERUSER_ID, api
from odoo.tools import html2plaintext

import speech_cost

from bench import core

DOCUMENT = "Bench: city-wide resolution with audio (%d words)"


def _words(size):
    return 3000 if size >= 50000 else 120


def operations(size):
    words = _words(size)
    return [
        {"name": "audio: make the audio of a %d-word resolution (once per "
                 "document)" % words,
         "group": "cron", "target": None, "runs": 1, "login": None,
         "setup": lambda env: setup_document(env, words, pending=True),
         "run": make_run, "floor": make_floor},
        {"name": "publish a %d-word resolution to the whole city with its "
                 "audio requested (city officer)" % words,
         "group": "cron", "target": None, "runs": 3, "warmup": True,
         "login": "gen_city_officer",
         "setup": lambda env: setup_document(env, words),
         "run": publish_run, "floor": publish_floor},
    ]


def _text(document):
    return "%s\n%s" % (document.name, html2plaintext(document.content or ""))


def setup_document(env, words, pending=False):
    """A draft resolution of the generated city to its whole tree, with
    ``words`` words (kept between bench runs; each run is rolled back); with
    ``pending``, its audio requested and not yet made (committed)."""
    city = env["party.organization"].search([("code", "=", "GEN")])
    Documents = env["party.document"]
    name = DOCUMENT % words
    document = Documents.search([("name", "=", name), ("state", "=", "draft")],
                                limit=1)
    if not document:
        text = speech_cost.long_resolution(words)
        document = Documents.create({
            "name": name, "document_type": "resolution",
            "issuing_organization_id": city.id,
            "content": "".join("<p>%s</p>" % line.replace("&", "&amp;")
                               .replace("<", "&lt;")
                               for line in text.split("\n")),
            "target_ids": [(0, 0, {"organization_id": city.id,
                                   "include_subtree": True})]})
    state = {"document": document.id, "words": words}
    if pending:
        audio = env["party.audio"]._request(document, "document",
                                            _text(document), document.name)
        state.update(audio=audio.id)
    return state


def _say(message):
    print("==> %s" % message, file=sys.stderr, flush=True)


def _report(what, wall_cpu, seconds_of_audio, size):
    wall, used = wall_cpu
    minutes = seconds_of_audio / 60.0 or 1.0
    _say("%s: %.0f s of audio, %s bytes (%.0f KB a minute), %.1f s wall, "
         "%.1f s CPU (%.2f s CPU a minute of audio)" % (
             what, seconds_of_audio, "{:,}".format(size),
             size / 1024.0 / minutes, wall, used, used / minutes))


def make_run(env, state):
    audio = env["party.audio"].browse(state["audio"])
    assert audio.state == "pending", audio.state
    (done,), wall, used = speech_cost.measure(lambda: (audio._make(),))
    assert done == 1 and audio.state == "ready", (audio.state, audio.error)
    _report("audio job", (wall, used), audio.duration, audio.file_size)
    return state["words"]


def make_floor(cr, state):
    env = api.Environment(cr, SUPERUSER_ID, {})
    audio = env["party.audio"].browse(state["audio"])
    engine = speech_cost.load_engine()
    spoken = " ".join(engine.normalizer.normalize(p)
                      for p in engine.paragraphs(audio.text))
    voice = engine.DEFAULT_ENGINE
    data, wall, used = speech_cost.measure(lambda: speech_cost.pipeline(
        spoken, voice.voice, voice.speed, voice.gap))
    _report("shell pipeline", (wall, used), engine.duration(data), len(data))
    return state["words"]


def _request_audio(document):
    """What publishing with audio does: the holder's request when the
    document is an audio holder, else the audio core's request."""
    if "document" in getattr(document, "_party_audio_purposes", ()):
        document._party_audio_request(["document"])
    else:
        document.env["party.audio"]._request(document, "document",
                                             _text(document), document.name)


def publish_run(env, state):
    document = env["party.document"].browse(state["document"])
    document.action_publish()
    _request_audio(document)
    audio = env["party.audio"].sudo().search([
        ("res_model", "=", "party.document"), ("res_id", "=", document.id)])
    assert audio.state == "pending", "publishing waited for the speech"
    return document.recipient_count


def publish_floor(cr, state):
    """The same publishing, the audio request left out (the request
    method is replaced by a no-op for this rolled-back run only)."""
    env = core.as_user(api.Environment(cr, SUPERUSER_ID, {}),
                       "gen_city_officer")
    Audio = type(env["party.audio"])
    own = vars(Audio).get("_request")
    Audio._request = lambda self, *args, **kwargs: self.browse()
    try:
        document = env["party.document"].browse(state["document"])
        document.action_publish()
        return document.recipient_count
    finally:
        if own is None:
            del Audio._request
        else:
            Audio._request = own
