"""Posters (issue #15) against a real server: the commune's officer makes a
poster of a published document, edits its key points and publishes it; the
server renders the PDF with wkhtmltopdf and the PNG with pdftoppm. A member
who received the document sees it on the document's page and in
/my/party/posters and downloads both files; a member of another cell gets
404 for the files and the page. The portal pages pass axe at 360x740 with
no JavaScript or CSP error. Screenshots (the poster's PNG, the pages) go to
.local/test/artifacts/poster-*.png."""
import os
import re
import struct
import subprocess
import time
import zlib

import pytest
import requests

import axe
import harness
from test_browser_smoke import browser, new_page  # noqa: F401  (fixture)
from test_e2e_access import Rpc

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
POINTS = [
    "Mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần mỗi quý.",
    "Đảng viên gương mẫu thực hiện, báo cáo kết quả với chi bộ.",
    "Cấp ủy kiểm tra, giám sát việc thực hiện hằng tháng.",
]


def portal_session(server, login):
    session = requests.Session()
    page = session.get(server.url + "/web/login", timeout=harness.REQUEST_TIMEOUT)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(server.url + "/web/login", data={
        "login": login, "password": login, "csrf_token": token,
        "redirect": "/my"}, timeout=harness.REQUEST_TIMEOUT)
    home = session.get(server.url + "/my", timeout=harness.REQUEST_TIMEOUT)
    assert "/web/login" not in home.url, "login %s refused" % login
    return session


def png_rows(data, count):
    """The first ``count`` rows of an 8-bit RGB PNG, as lists of (r, g, b)
    (no imaging library in the tests' environment)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, __, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 2), (depth, colour)
    chunks, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"IDAT":
            chunks.append(data[offset + 8:offset + 8 + length])
        offset += 12 + length
    raw = zlib.decompressobj().decompress(b"".join(chunks), (width * 3 + 1) * count)
    stride, rows, previous = width * 3, [], bytearray(width * 3)
    for index in range(count):
        line = raw[index * (stride + 1):(index + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            left = row[i - 3] if i >= 3 else 0
            up = previous[i]
            corner = previous[i - 3] if i >= 3 else 0
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                           (abs(guess - corner), 2, corner))[2]
                row[i] = (row[i] + near) & 255
        rows.append([tuple(row[i:i + 3]) for i in range(0, stride, 3)])
        previous = row
    return rows


def pdf_text(content):
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content,
                          capture_output=True, check=True).stdout.decode()


@pytest.fixture(scope="module")
def poster(odoo_server):
    """A document of the commune Vinh Lộc sent to the demo member's cell,
    acknowledged by one member, and its published poster."""
    admin = Rpc(odoo_server, "admin", "admin")
    tag = "%x" % int(time.time() * 1000)
    commune = admin.ref("party_handbook.org_vinh_loc_demo")
    cell = admin.ref("party_handbook.org_vinh_loc_cell_1_demo")
    officer = Rpc(odoo_server, "officer", "officer")
    document = officer("party.document", "create", {
        "name": "Áp phích E2E %s: sinh hoạt chi bộ" % tag,
        "document_type": "resolution", "issuing_organization_id": commune,
        "content": "<ul>%s</ul>" % "".join("<li>%s</li>" % p for p in POINTS),
        "target_ids": [(0, 0, {"organization_id": cell})]})
    officer("party.document", "action_publish", [document])
    # the member acknowledges it in the portal
    member = portal_session(odoo_server, "member")
    page = member.get(odoo_server.url + "/my/party/documents/%s" % document,
                      timeout=harness.REQUEST_TIMEOUT)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    done = member.post(
        odoo_server.url + "/my/party/documents/%s/acknowledge" % document,
        data={"csrf_token": token}, timeout=harness.REQUEST_TIMEOUT)
    assert done.status_code == 200 and "acknowledged=1" in done.url
    action = officer("party.document", "action_make_poster", [document])
    poster_id = action["res_id"]
    values = officer("party.poster", "read", [poster_id],
                     ["key_points", "figures", "name"])[0]
    assert values["key_points"].splitlines() == POINTS
    started = time.time()
    officer("party.poster", "action_publish", [poster_id])
    seconds = time.time() - started
    counts = admin("party.document", "read", [document],
                   ["recipient_count", "acknowledged_count", "number"])[0]
    return {"id": poster_id, "document": document, "name": values["name"],
            "seconds": seconds, "counts": counts, "tag": tag}


def test_the_poster_is_a_real_pdf_and_a_phone_image(
        odoo_server, poster, artifacts):
    member = portal_session(odoo_server, "member")
    base = odoo_server.url + "/my/party/posters/%s" % poster["id"]
    pdf = member.get(base + "/download", timeout=harness.REQUEST_TIMEOUT)
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content[:5] == b"%PDF-"
    text = " ".join(pdf_text(pdf.content).split())
    counts = poster["counts"]
    rate = 100.0 * counts["acknowledged_count"] / counts["recipient_count"]
    for expected in (poster["tag"].upper(), "ĐẢNG BỘ XÃ VINH LỘC",
                     counts["number"], POINTS[0],
                     ("%.1f" % rate).rstrip("0").rstrip("."),
                     str(counts["recipient_count"])):
        assert expected.replace(".", ",") in text or expected in text, (
            expected, text)
    path = os.path.join(artifacts, "poster-e2e.pdf")
    with open(path, "wb") as out:
        out.write(pdf.content)
    info = subprocess.run(["pdfinfo", path], check=True,
                          capture_output=True).stdout.decode()
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"^Page size:\s+595(\.\d+)? x 842", info, re.M), info
    png = member.get(base + "/image.png", timeout=harness.REQUEST_TIMEOUT)
    assert png.status_code == 200
    assert png.headers["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png.content[16:24])
    assert width == 1080 and 1500 < height < 1560, (width, height)
    with open(os.path.join(artifacts, "poster-e2e.png"), "wb") as out:
        out.write(png.content)
    # the Party's red band at the top (with the gold emblem and name),
    # then the gold rule: not a blank page
    rows = png_rows(png.content, 260)
    red = rows[20][540]
    assert red[0] > 150 and red[1] < 60 and red[2] < 60, red
    colours = {pixel for row in rows[::5] for pixel in row[::5]}
    assert len(colours) > 50, "a nearly blank image"
    gold = [pixel for row in rows[::5] for pixel in row[::5]
            if pixel[0] > 200 and 150 < pixel[1] < 220 and pixel[2] < 120]
    assert len(gold) > 100, "no gold in the band"
    assert len(png.content) > 30000
    print("poster published (PDF + PNG) in %.1f s; PDF %s bytes, PNG %s bytes"
          % (poster["seconds"], len(pdf.content), len(png.content)))


def test_another_cell_gets_404(odoo_server, poster):
    other = portal_session(odoo_server, "thuanloc1")
    base = odoo_server.url + "/my/party/posters/%s" % poster["id"]
    for path in ("/download", "/image.png"):
        assert other.get(base + path, timeout=harness.REQUEST_TIMEOUT
                         ).status_code == 404, path
    assert other.get(odoo_server.url + "/my/party/posters/999999/download",
                     timeout=harness.REQUEST_TIMEOUT).status_code == 404
    listing = other.get(odoo_server.url + "/my/party/posters",
                        timeout=harness.REQUEST_TIMEOUT)
    assert listing.status_code == 200
    assert poster["tag"] not in listing.text
    # nor over RPC, nor its files
    rpc = Rpc(odoo_server, "thuanloc1", "thuanloc1")
    assert rpc("party.poster", "search", [("id", "=", poster["id"])]) == []
    assert rpc("ir.attachment", "search", [
        ("res_model", "=", "party.poster"), ("res_id", "=", poster["id"])]) == []


def test_the_portal_shows_the_poster(odoo_server, poster, browser,  # noqa: F811
                                     artifacts):
    for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        context, page = new_page(browser, viewport=size)
        try:
            page.goto(odoo_server.url + "/web/login?redirect=/my")
            page.fill("input[name=login]", "member")
            page.fill("input[name=password]", "member")
            page.click("button[type=submit]")
            page.wait_for_selector(".o_portal_my_home", timeout=60000)
            for path, label in (("/my/party/documents/%s" % poster["document"],
                                 "document"), ("/my/party/posters", "list")):
                page.goto(odoo_server.url + path)
                image = page.wait_for_selector(
                    "#poster_%s img.o_party_poster_image" % poster["id"])
                page.wait_for_function(
                    "img => img.complete && img.naturalWidth === 1080", arg=image)
                alt = image.get_attribute("alt")
                assert poster["name"] in alt and POINTS[1] in alt, alt
                assert page.query_selector(
                    "#poster_%s a[href$='/download']" % poster["id"])
                page.screenshot(path=os.path.join(
                    artifacts, "poster-%s-%s.png" % (label, name)),
                    full_page=True)
                if size is PHONE:
                    violations = axe.run(page)
                    assert not axe.blocking(violations), "%s: %s" % (
                        path, axe.describe(axe.blocking(violations)))
                    assert page.evaluate(
                        "document.documentElement.scrollWidth") <= size["width"]
            assert not page.js_errors, page.js_errors
        finally:
            context.close()
