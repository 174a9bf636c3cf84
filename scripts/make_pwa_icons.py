"""Draw the installable web app's icons (party_handbook/static/src/img/):
the Party's red with a gold star over an open book. Run with the Odoo
virtualenv's Python (Pillow): .venv/bin/python scripts/make_pwa_icons.py"""
import math
import os

from PIL import Image, ImageDraw

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "party_handbook", "static", "src", "img")
RED = (218, 37, 29, 255)
GOLD = (255, 205, 0, 255)
SCALE = 4  # drawn larger, then reduced: smooth edges


def star(cx, cy, outer, inner):
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw(size, content, rounded):
    """``content``: the share of the side the drawing may use (maskable
    icons keep it inside the safe zone, a circle of 80 %)."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if rounded:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 6, fill=RED)
    else:
        pen.rectangle((0, 0, big, big), fill=RED)
    unit = big * content
    cx = big / 2
    top = (big - unit) / 2
    # the star, upper half
    pen.polygon(star(cx, top + unit * 0.30, unit * 0.27, unit * 0.11), fill=GOLD)
    # the open book, lower half: two pages meeting at the spine
    spine_top, spine_bottom = top + unit * 0.66, top + unit * 0.92
    edge_top, edge_bottom = top + unit * 0.60, top + unit * 0.84
    left, right = cx - unit * 0.40, cx + unit * 0.40
    gap = unit * 0.025
    pen.polygon([(left, edge_top), (cx - gap, spine_top),
                 (cx - gap, spine_bottom), (left, edge_bottom)], fill=GOLD)
    pen.polygon([(right, edge_top), (cx + gap, spine_top),
                 (cx + gap, spine_bottom), (right, edge_bottom)], fill=GOLD)
    return image.resize((size, size), Image.LANCZOS)


def main():
    os.makedirs(OUT, exist_ok=True)
    for size in (192, 512):
        draw(size, 0.78, True).save(os.path.join(OUT, "pwa-%s.png" % size),
                                    optimize=True)
        draw(size, 0.62, False).save(
            os.path.join(OUT, "pwa-maskable-%s.png" % size), optimize=True)
    draw(180, 0.70, False).save(os.path.join(OUT, "pwa-apple-touch.png"),
                                optimize=True)


if __name__ == "__main__":
    main()
