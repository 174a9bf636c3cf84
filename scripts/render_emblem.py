"""Render the Party emblem (party_handbook/static/src/img/party_emblem.svg)
to the PNG files the module ships: the company logo (512 px) and the
favicon (64 px). Run with the tests' virtualenv (Playwright, Debian's
Chromium): ``.venv-tests/bin/python scripts/render_emblem.py``. The PNG
files are committed; run this only after changing the SVG."""
import os

from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMG = os.path.join(ROOT, "party_handbook", "static", "src", "img")
SIZES = {"party_emblem.png": 512, "party_emblem_favicon.png": 64}


def main():
    with open(os.path.join(IMG, "party_emblem.svg"), encoding="utf-8") as handle:
        svg = handle.read()
    svg = svg[svg.index("<svg"):]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, size in SIZES.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            sized = svg.replace('width="512" height="512" viewBox',
                                'width="%d" height="%d" viewBox' % (size, size), 1)
            page.set_content(
                "<html><body style='margin:0;background:transparent'>%s</body></html>"
                % sized)
            page.locator("svg").screenshot(
                path=os.path.join(IMG, name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
