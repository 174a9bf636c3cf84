#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What audio costs (issue #15; figures in docs/AUDIO.md).

    python3 scripts/speech_cost.py [--words 3000] [--runs 1] [--json FILE]

Speaks a long city-wide resolution (``--words`` syllables of party text
with numbers, dates and document numbers) with the product's engine
(``party_handbook/speech/engine.py``: normalizer, espeak-ng paragraph by
paragraph, WAV joined, ffmpeg to Opus) and, in the same run, with a plain
shell pipeline of the same normalized text (``espeak-ng --stdout | ffmpeg``,
one process pair for the whole text). For each: wall seconds, CPU seconds
(this process and its children), seconds of audio, bytes, and per minute
of audio: CPU seconds and kilobytes.

The bench suite (scripts/bench/ops_audio.py) imports ``long_resolution``
and ``pipeline`` from here. Pure Python; needs espeak-ng and ffmpeg.
"""
import argparse
import importlib
import importlib.util
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SPEECH = os.path.join(ROOT, "party_handbook", "speech")

# paragraphs of a resolution of the city committee (real phrasing of the
# demo documents and of the rules in force), repeated with their numbers
# changed until the text has the words asked for
PARAGRAPHS = [
    "Điều {n}. Ban Chấp hành Đảng bộ thành phố quyết nghị tiếp tục nâng cao "
    "chất lượng sinh hoạt chi bộ: nội dung sinh hoạt thiết thực, gắn với "
    "nhiệm vụ chính trị của địa phương; mỗi chi bộ sinh hoạt chuyên đề ít "
    "nhất một lần mỗi quý.",
    "Thực hiện Quy định 294-QĐ/TW ngày 26/5/2025 và Hướng dẫn 42-HD/BTCTW "
    "ngày 28/10/2025, các chi bộ sinh hoạt thường kỳ ít nhất {m} phút, gửi "
    "tài liệu đến đảng viên trước ít nhất 1 ngày.",
    "Phấn đấu đến tháng {month}/2026 có trên 95% đảng viên tham gia sinh "
    "hoạt đầy đủ; ít nhất 2/3 số chi bộ đạt chất lượng tốt; {n} chi bộ "
    "hoàn thành việc cập nhật CSDL đảng viên.",
    "Đảng phí thực hiện theo Quy định 01-QĐ/TW ngày 3/2/2026: đảng viên có "
    "lương đóng 1% tiền lương, học sinh, sinh viên đóng 5.000 đ/tháng; tổng "
    "số thu dự kiến {money} đồng.",
    "- Các cấp ủy chủ động phương án \"bốn tại chỗ\", rà soát các hộ dân "
    "vùng thấp trũng, ven sông Hương và đầm phá Tam Giang trước ngày "
    "{day}/9.",
    "BTV TU giao UBKT Thành ủy và BTC Thành ủy theo dõi, đôn đốc; các ĐU "
    "trực thuộc báo cáo kết quả trước 17h00 ngày {day}/12/2026.",
]


def long_resolution(words=3000):
    """A resolution of about ``words`` syllables (as written)."""
    lines, count, index = [], 0, 0
    while count < words:
        text = PARAGRAPHS[index % len(PARAGRAPHS)].format(
            n=index // len(PARAGRAPHS) + 1, m=90 + index % 4 * 10,
            month=index % 12 + 1, money="{:,}".format(
                1250000 * (index + 1)).replace(",", "."),
            day=index % 28 + 1)
        lines.append(text)
        count += len(text.split())
        index += 1
    return "\n".join(lines)


def load_engine():
    """party_handbook/speech/engine.py, loaded by path (no Odoo import)."""
    if "party_speech" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "party_speech", os.path.join(SPEECH, "__init__.py"),
            submodule_search_locations=[SPEECH])
        package = importlib.util.module_from_spec(spec)
        sys.modules["party_speech"] = package
        spec.loader.exec_module(package)
    return importlib.import_module("party_speech.engine")


def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (own.ru_utime + own.ru_stime + children.ru_utime +
            children.ru_stime)


def pipeline(spoken_text, voice, speed, gap, bitrate="24k"):
    """The same normalized text through one ``espeak-ng | ffmpeg`` shell
    pipeline: the Ogg bytes."""
    command = (
        "espeak-ng -v {voice} -s {speed} -g {gap} -b 1 --stdout | "
        "ffmpeg -hide_banner -loglevel error -nostdin -y -i - -ac 1 "
        "-ar 24000 -c:a libopus -b:a {bitrate} -application voip -f ogg -"
    ).format(voice=voice, speed=speed, gap=gap, bitrate=bitrate)
    return subprocess.run(command, shell=True, check=True,
                          input=spoken_text.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout


def measure(function):
    wall, used = time.perf_counter(), cpu()
    result = function()
    return result, time.perf_counter() - wall, cpu() - used


def figures(name, wall, cpu_seconds, audio_seconds, size, syllables):
    minutes = audio_seconds / 60.0
    return {"name": name, "wall_seconds": round(wall, 2),
            "cpu_seconds": round(cpu_seconds, 2),
            "audio_seconds": round(audio_seconds, 1), "bytes": size,
            "syllables": syllables,
            "cpu_seconds_per_audio_minute": round(cpu_seconds / minutes, 2),
            "kilobytes_per_audio_minute": round(size / 1024.0 / minutes, 1),
            "realtime_factor": round(audio_seconds / wall, 1)}


def run(words=3000):
    engine = load_engine()
    text = long_resolution(words)
    voice = engine.DEFAULT_ENGINE
    spoken, wall, used = measure(lambda: engine.speak(text))
    syllables = len(re.findall(r"[^\W\d_]+", spoken.text))
    rows = [figures("engine.speak (normalizer, espeak-ng per paragraph, "
                    "ffmpeg Opus)", wall, used, spoken.duration,
                    len(spoken.data), syllables)]
    flat = spoken.text.replace("\n", " ")
    data, wall, used = measure(lambda: pipeline(flat, voice.voice,
                                                voice.speed, voice.gap))
    rows.append(figures("shell: espeak-ng --stdout piped to ffmpeg (same text)",
                        wall, used, engine.duration(data), len(data),
                        syllables))
    return {"words_written": len(text.split()), "voice": voice.name,
            "speed": voice.speed, "gap": voice.gap, "rows": rows,
            "machine": {"cpus": os.cpu_count(), "load": os.getloadavg(),
                        "cpu": platform.processor() or platform.machine()}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    result = run(args.words)
    result["load_at_start"] = load
    print("%d words written, %s at speed %s gap %s; load %s → %s" % (
        result["words_written"], result["voice"], result["speed"],
        result["gap"], " ".join("%.1f" % v for v in load),
        " ".join("%.1f" % v for v in result["machine"]["load"])))
    print("| way | wall s | CPU s | audio s | bytes | CPU s / audio min | "
          "KB / audio min | × real time |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in result["rows"]:
        print("| {name} | {wall_seconds} | {cpu_seconds} | {audio_seconds} | "
              "{bytes:,} | {cpu_seconds_per_audio_minute} | "
              "{kilobytes_per_audio_minute} | {realtime_factor} |".format(**row))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
