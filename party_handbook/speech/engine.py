# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Text to speech on the server.

``SpeechEngine`` is the interface: ``synthesize(text)`` returns WAV bytes.
``EspeakEngine`` is Debian's espeak-ng with its Northern Vietnamese voice
(``vi``), which keeps the six tones distinct; the Central voice is nearly
flat (docs/AUDIO.md gives the measurement). ``encode`` compresses WAV to
Opus in Ogg with ffmpeg (speech at 24 kbit/s, about 3 KB a second), which
every current phone browser plays. Nothing is sent off the server.

Long texts are spoken paragraph by paragraph and joined, so that one
engine call never holds a whole book in memory and a pause separates the
paragraphs.
"""
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
import wave
from collections import namedtuple

from . import normalizer

MIMETYPE = "audio/ogg"
EXTENSION = ".ogg"
BITRATE = "24k"
TIMEOUT = 600  # seconds for one engine or encoder call
MAX_UPLOAD_SECONDS = 4 * 3600
# what ffmpeg may read: sound files only, never a playlist or a list of
# other files (HLS, DASH, concat could make it open local files or URLs)
INPUT_FORMATS = "wav,ogg,mp3,mov,matroska,aac,flac"

Speech = namedtuple("Speech", "data mimetype duration seconds engine text")


class SpeechError(Exception):
    """The engine or the encoder is missing or failed (message in English
    for the log; callers show their own translated sentence)."""


class SpeechEngine(object):
    """Interface of a text-to-speech engine: WAV bytes for a text."""

    name = "none"

    def available(self):
        return False

    def synthesize(self, text):
        raise NotImplementedError


class EspeakEngine(SpeechEngine):
    """espeak-ng; ``speed`` in words (Vietnamese: syllables) a minute and
    ``gap`` the pause between words in 10 ms units.

    Chosen by measurement (scripts/speech_measure.py, docs/AUDIO.md): the
    Northern voice ``vi`` keeps the six tones twice as far apart as the
    Central one and a third farther than the Southern one, at every speed.
    espeak's default (175, no gap) says 4.1 syllables a second of party text; 140 with a
    20 ms gap says about 3.0 (2.6–2.9 with the pauses of punctuation and
    paragraphs), a quarter slower, for older listeners: each syllable and
    its tone lasts longer, while a two-syllable word still sounds as one
    (longer gaps chop "đảng viên" into two words)."""

    def __init__(self, voice="vi", speed=140, gap=2):
        self.voice = voice
        self.speed = speed
        self.gap = gap  # pause between words, in 10 ms units
        self.name = "espeak-ng/%s" % voice

    def available(self):
        return bool(shutil.which("espeak-ng"))

    def synthesize(self, text):
        if not self.available():
            raise SpeechError("espeak-ng is not installed")
        with tempfile.TemporaryDirectory(prefix="party-speech-") as folder:
            source = os.path.join(folder, "text.txt")
            target = os.path.join(folder, "speech.wav")
            with open(source, "w", encoding="utf-8") as handle:
                handle.write(text)
            command = ["espeak-ng", "-v", self.voice, "-s", str(self.speed),
                       "-g", str(self.gap), "-b", "1", "-f", source,
                       "-w", target]
            try:
                subprocess.run(command, check=True, timeout=TIMEOUT,
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
            except (OSError, subprocess.SubprocessError) as error:
                raise SpeechError("espeak-ng failed: %s" % error)
            with open(target, "rb") as handle:
                return handle.read()


DEFAULT_ENGINE = EspeakEngine()


def wav_duration(data):
    """Seconds of speech in WAV bytes."""
    with wave.open(io.BytesIO(data)) as sound:
        return sound.getnframes() / float(sound.getframerate() or 1)


def join_wavs(parts, pause=0.6):
    """One WAV of the parts (same format), with ``pause`` seconds of silence
    between them."""
    output = io.BytesIO()
    params = None
    with wave.open(output, "wb") as joined:
        for index, part in enumerate(parts):
            with wave.open(io.BytesIO(part)) as sound:
                if params is None:
                    params = sound.getparams()
                    joined.setparams(params)
                elif index:
                    joined.writeframes(b"\0" * int(
                        params.framerate * pause) * params.sampwidth *
                        params.nchannels)
                joined.writeframes(sound.readframes(sound.getnframes()))
    return output.getvalue()


def _ffmpeg():
    path = shutil.which("ffmpeg")
    if not path:
        raise SpeechError("ffmpeg is not installed")
    return path


def encode(data, bitrate=BITRATE):
    """Any audio ffmpeg reads (WAV, MP3, M4A, Ogg…) to mono Opus in Ogg.
    Raises SpeechError when the bytes are not audio."""
    with tempfile.TemporaryDirectory(prefix="party-speech-") as folder:
        source = os.path.join(folder, "input")
        target = os.path.join(folder, "speech.ogg")
        with open(source, "wb") as handle:
            handle.write(data)
        command = [_ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin",
                   "-y", "-format_whitelist", INPUT_FORMATS, "-i", source,
                   "-t", str(MAX_UPLOAD_SECONDS),
                   "-vn", "-map_metadata", "-1", "-ac", "1", "-ar", "24000",
                   "-c:a", "libopus", "-b:a", bitrate, "-application", "voip",
                   "-f", "ogg", target]
        try:
            subprocess.run(command, check=True, timeout=TIMEOUT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except subprocess.CalledProcessError as error:
            raise SpeechError("ffmpeg could not read the audio: %s" % (
                error.stderr or b"").decode("utf-8", "replace")[-300:])
        except (OSError, subprocess.SubprocessError) as error:
            raise SpeechError("ffmpeg failed: %s" % error)
        with open(target, "rb") as handle:
            encoded = handle.read()
    if not encoded:
        raise SpeechError("ffmpeg produced no audio")
    return encoded


def duration(data):
    """Seconds of any audio ffmpeg reads (decoded to the end: exact for Ogg
    and MP3 alike)."""
    if data[:4] == b"RIFF":
        return wav_duration(data)
    with tempfile.NamedTemporaryFile(prefix="party-speech-") as handle:
        handle.write(data)
        handle.flush()
        command = [_ffmpeg(), "-hide_banner", "-nostdin",
                   "-format_whitelist", INPUT_FORMATS, "-i", handle.name,
                   "-f", "null", "-"]
        try:
            result = subprocess.run(command, timeout=TIMEOUT,
                                    stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
        except (OSError, subprocess.SubprocessError) as error:
            raise SpeechError("ffmpeg failed: %s" % error)
    times = re.findall(r"time=(\d+):(\d+):(\d+(?:\.\d+)?)",
                       result.stderr.decode("utf-8", "replace"))
    if not times:
        raise SpeechError("not audio")
    hours, minutes, seconds = times[-1]
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def paragraphs(text):
    """Non-empty paragraphs of a plain text."""
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


def speak(text, engine=None, normalize=True):
    """Speech of a plain text: ``Speech(data, mimetype, duration, seconds,
    engine, text)``, where ``seconds`` is the time it took and ``text`` what
    was spoken (normalized)."""
    engine = engine or DEFAULT_ENGINE
    started = time.time()
    spoken = [normalizer.normalize(p) if normalize else p
              for p in paragraphs(text)]
    spoken = [p for p in spoken if p.strip()]
    if not spoken:
        raise SpeechError("nothing to say")
    wav = join_wavs([engine.synthesize(p) for p in spoken])
    seconds_of_speech = wav_duration(wav)
    data = encode(wav)
    return Speech(data, MIMETYPE, seconds_of_speech, time.time() - started,
                  engine.name, "\n".join(spoken))
