#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which espeak-ng Vietnamese voice and speed speak party texts most
clearly? (issue #15; the figures are in docs/AUDIO.md)

    python3 scripts/speech_measure.py [--voices vi,vi-vn-x-central,...]
        [--speeds 120,135,150,175] [--json FILE]

For each voice and speed:

1. **Tones**: the six tones of a few syllable sets (ma mà má mả mã mạ, ...)
   are synthesized one by one; the pitch (F0) of each 10 ms frame is found
   by autocorrelation (voiced frames only: energy and a correlation peak),
   the contour is put in semitones around the speaker's median over the six
   tones and resampled to 10 points in time. Tone distinctness is the mean
   absolute difference between two tones' contours (semitones), averaged
   over the 15 pairs; the smallest pair tells the tones most easily
   confused. A flat voice scores near 0.
2. **Pace**: a paragraph of a demo document (normalized) is synthesized;
   its syllables per second and words a minute are computed from the WAV's
   duration.

Pure Python (no numpy): only espeak-ng is needed.
"""
import argparse
import array
import io
import json
import math
import os
import re
import subprocess
import sys
import time
import wave
from itertools import combinations

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

VOICES = ["vi", "vi-vn-x-central", "vi-vn-x-south"]
SPEEDS = [110, 120, 135, 150, 175]
TONE_SETS = [
    ["ma", "mà", "má", "mả", "mã", "mạ"],
    ["ba", "bà", "bá", "bả", "bã", "bạ"],
    ["la", "là", "lá", "lả", "lã", "lạ"],
    ["mai", "mài", "mái", "mải", "mãi", "mại"],
    ["hô", "hồ", "hố", "hổ", "hỗ", "hộ"],
]
TONE_NAMES = ["ngang", "huyền", "sắc", "hỏi", "ngã", "nặng"]
# the demo resolution, as the normalizer leaves it
PARAGRAPH = (
    "Ban Chấp hành Đảng bộ thành phố quyết nghị tiếp tục nâng cao chất lượng "
    "sinh hoạt chi bộ, nội dung sinh hoạt thiết thực, gắn với nhiệm vụ chính "
    "trị của địa phương, mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần mỗi "
    "quý. Các chi bộ quán triệt đến từng đảng viên và báo cáo kết quả thực "
    "hiện theo Quy định hai trăm chín mươi tư, quyết định Trung ương, ngày "
    "hai mươi sáu tháng năm năm hai nghìn không trăm hai mươi lăm.")
FRAME = 0.010
WINDOW = 0.030
F0_MIN, F0_MAX = 60.0, 400.0


def synthesize(text, voice, speed, gap=0):
    """WAV bytes from espeak-ng (the engine's own options)."""
    command = ["espeak-ng", "-v", voice, "-s", str(speed), "-g", str(gap),
               "-b", "1", "--stdout", text]
    return subprocess.run(command, check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL).stdout


def samples(data):
    """Mono 16-bit samples (as floats) and the rate, halved to ~11 kHz
    (pairs averaged: pitch up to 400 Hz needs no more)."""
    with wave.open(io.BytesIO(data)) as sound:
        rate = sound.getframerate()
        raw = array.array("h", sound.readframes(sound.getnframes()))
    if sys.byteorder == "big":
        raw.byteswap()
    halved = [(raw[i] + raw[i + 1]) / 2.0 for i in range(0, len(raw) - 1, 2)]
    return halved, rate / 2.0


def pitch_track(signal, rate):
    """F0 (Hz) of each 10 ms frame, None where unvoiced."""
    step, size = int(rate * FRAME), int(rate * WINDOW)
    low, high = int(rate / F0_MAX), int(rate / F0_MIN)
    peak = max((abs(v) for v in signal), default=0) or 1.0
    track = []
    for start in range(0, len(signal) - size - high, step):
        frame = signal[start:start + size + high]
        head = frame[:size]
        energy = sum(v * v for v in head)
        if math.sqrt(energy / size) < 0.05 * peak:
            track.append(None)
            continue
        best, best_lag = 0.0, 0
        for lag in range(low, high):
            other = frame[lag:lag + size]
            corr = sum(map(float.__mul__, head, other))
            norm = math.sqrt(energy * sum(v * v for v in other)) or 1.0
            value = corr / norm
            if value > best:
                best, best_lag = value, lag
        track.append(rate / best_lag if best > 0.5 and best_lag else None)
    return track


def contour(track, points=10):
    """The voiced part in ``points`` steps (semitones re 100 Hz)."""
    voiced = [12 * math.log2(f / 100.0) for f in track if f]
    if len(voiced) < 3:
        return None
    # a median of 5 frames removes the octave errors of autocorrelation
    windows = [sorted(voiced[max(0, i - 2):i + 3]) for i in range(len(voiced))]
    voiced = [w[len(w) // 2] for w in windows]
    return [voiced[int(i * (len(voiced) - 1) / (points - 1))]
            for i in range(points)]


def tone_distinctness(voice, speed):
    """Mean and smallest pairwise distance of the six tones' contours
    (semitones), averaged over the syllable sets; and the pitch range."""
    means, smallest, ranges, confused = [], [], [], {}
    for syllables in TONE_SETS:
        contours = []
        for syllable in syllables:
            signal, rate = samples(synthesize(syllable, voice, speed))
            contours.append(contour(pitch_track(signal, rate)))
        if any(c is None for c in contours):
            continue
        centre = sorted(v for c in contours for v in c)[len(contours) * 5]
        contours = [[v - centre for v in c] for c in contours]
        pairs = {}
        for (i, a), (j, b) in combinations(enumerate(contours), 2):
            pairs[(i, j)] = sum(abs(x - y) for x, y in zip(a, b)) / len(a)
        means.append(sum(pairs.values()) / len(pairs))
        pair = min(pairs, key=pairs.get)
        smallest.append(pairs[pair])
        name = "%s/%s" % (TONE_NAMES[pair[0]], TONE_NAMES[pair[1]])
        confused[name] = confused.get(name, 0) + 1
        flat = [v for c in contours for v in c]
        ranges.append(max(flat) - min(flat))
    count = len(means) or 1
    return {"tone_distance": sum(means) / count,
            "closest_pair_distance": sum(smallest) / count,
            "closest_pairs": confused,
            "pitch_range_semitones": sum(ranges) / count,
            "syllable_sets": len(means)}


def pace(voice, speed, gap=6):
    """Syllables a second and words a minute of the demo paragraph."""
    data = synthesize(PARAGRAPH, voice, speed, gap)
    with wave.open(io.BytesIO(data)) as sound:
        # espeak-ng's header on --stdout does not know the length: count
        frames = len(sound.readframes(sound.getnframes())) // (
            sound.getsampwidth() * sound.getnchannels())
        seconds = frames / float(sound.getframerate())
    syllables = len(re.findall(r"\w+", PARAGRAPH))
    return {"seconds": round(seconds, 2), "syllables": syllables,
            "syllables_per_second": round(syllables / seconds, 2),
            "syllables_per_minute": round(syllables / seconds * 60)}


def pace_table(voice, speeds, gaps):
    """Syllables a second of the paragraph for each speed and word gap."""
    print("| %s: speed \\ gap | %s |" % (voice, " | ".join(
        "%d ms" % (g * 10) for g in gaps)))
    print("|---|%s" % ("---:|" * len(gaps)))
    for speed in speeds:
        print("| %d | %s |" % (speed, " | ".join(
            "%.2f" % pace(voice, speed, gap)["syllables_per_second"]
            for gap in gaps)), flush=True)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voices", default=",".join(VOICES))
    parser.add_argument("--speeds", default=",".join(map(str, SPEEDS)))
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--gaps", help="only the pace of the first voice at "
                        "each speed with these word gaps (10 ms units), "
                        "e.g. 0,3,6")
    args = parser.parse_args(argv)
    started = time.time()
    if args.gaps:
        return pace_table(args.voices.split(",")[0],
                          [int(s) for s in args.speeds.split(",")],
                          [int(g) for g in args.gaps.split(",")])
    rows = []
    print("| voice | speed (espeak wpm) | tone distance (st) | closest pair "
          "(st) | pitch range (st) | syllables/s | s for %d syllables |" %
          len(re.findall(r"\w+", PARAGRAPH)))
    print("|---|---:|---:|---:|---:|---:|---:|")
    for voice in args.voices.split(","):
        for speed in [int(s) for s in args.speeds.split(",")]:
            row = dict(voice=voice, speed=speed)
            row.update(tone_distinctness(voice, speed))
            row.update(pace(voice, speed))
            rows.append(row)
            print("| %s | %d | %.2f | %.2f (%s) | %.1f | %.2f | %.1f |" % (
                voice, speed, row["tone_distance"],
                row["closest_pair_distance"],
                ", ".join(sorted(row["closest_pairs"])),
                row["pitch_range_semitones"], row["syllables_per_second"],
                row["seconds"]), flush=True)
    print("\n%.0f s; espeak-ng: %s" % (time.time() - started, subprocess.run(
        ["espeak-ng", "--version"], stdout=subprocess.PIPE,
        universal_newlines=True).stdout.strip()))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(rows, handle, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
