# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The speech engine with the system's espeak-ng and ffmpeg (issue #15):
the demo documents' texts become Opus audio whose duration is consistent
with their syllable count at the chosen voice and speed (docs/AUDIO.md:
"How intelligibility was judged").

The speech package is loaded by its file path: importing party_handbook
would import Odoo, and the engine is pure Python."""
import html
import importlib.util
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ElementTree

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SPEECH = os.path.join(ROOT, "party_handbook", "speech")
DEMO = os.path.join(ROOT, "party_handbook", "demo", "party_document_demo.xml")

# the pace the engine must keep (syllables a second of speech, pauses
# included): docs/AUDIO.md
SLOWEST, FASTEST = 2.2, 3.6

pytestmark = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
    reason="espeak-ng or ffmpeg is not installed (scripts/setup.sh installs "
           "both: under make test this test runs)")


def _load():
    spec = importlib.util.spec_from_file_location(
        "party_speech", os.path.join(SPEECH, "__init__.py"),
        submodule_search_locations=[SPEECH])
    package = importlib.util.module_from_spec(spec)
    sys.modules["party_speech"] = package
    spec.loader.exec_module(package)
    return importlib.import_module("party_speech.engine")


engine = _load()


def demo_documents():
    """(name, plain text) of the demo documents that have content."""
    documents = []
    for record in ElementTree.parse(DEMO).getroot().iter("record"):
        fields = {f.get("name"): f.text or "" for f in record.iter("field")}
        if fields.get("content"):
            body = re.sub(r"</p>|<br\s*/?>", "\n", fields["content"])
            body = html.unescape(re.sub(r"<[^>]+>", "", body))
            documents.append((fields["name"], fields["name"] + "\n" + body))
    return documents


def syllables(text):
    return len(re.findall(r"[^\W\d_]+", text))


def test_the_engine_keeps_its_interface():
    assert isinstance(engine.DEFAULT_ENGINE, engine.EspeakEngine)
    assert issubclass(engine.EspeakEngine, engine.SpeechEngine)
    for name in ("speak", "encode", "duration", "SpeechError", "Speech"):
        assert hasattr(engine, name), name


@pytest.mark.parametrize("name,text", demo_documents())
def test_demo_document_audio_matches_its_syllables(name, text):
    spoken = engine.speak(text)
    assert spoken.mimetype == "audio/ogg"
    assert spoken.data[:4] == b"OggS"
    assert spoken.engine == "espeak-ng/%s" % engine.DEFAULT_ENGINE.voice
    count = syllables(spoken.text)
    assert count >= 10, spoken.text
    pace = count / spoken.duration
    assert SLOWEST <= pace <= FASTEST, (
        "%s: %d syllables in %.2f s = %.2f syllables/s, outside %.1f–%.1f" % (
            name, count, spoken.duration, pace, SLOWEST, FASTEST))
    # the Ogg file lasts what was spoken, and costs about 3 KB a second
    assert abs(engine.duration(spoken.data) - spoken.duration) < 0.3
    assert len(spoken.data) / spoken.duration < 4500


def test_the_normalized_text_is_what_is_spoken():
    spoken = engine.speak("Nghị quyết 12-NQ/TU: ít nhất 2/3 số đảng viên.")
    assert spoken.text == ("Nghị quyết mười hai, nghị quyết Thành ủy, ít nhất "
                           "hai phần ba số đảng viên.")
    raw = engine.speak("Nghị quyết 12-NQ/TU", normalize=False)
    assert raw.text == "Nghị quyết 12-NQ/TU"


def test_paragraphs_are_joined_with_a_pause():
    one = engine.speak("Chi bộ sinh hoạt định kỳ.")
    two = engine.speak("Chi bộ sinh hoạt định kỳ.\nChi bộ sinh hoạt định kỳ.")
    assert two.duration > 2 * one.duration + 0.4


def test_nothing_to_say_is_an_error():
    with pytest.raises(engine.SpeechError):
        engine.speak(" \n ")
    with pytest.raises(engine.SpeechError):
        engine.encode(b"not audio at all")
