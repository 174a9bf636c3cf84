"""The members' installable web app (issue #14) in a real browser (Debian's
Chromium): the manifest is valid and its icons load, the service worker
registers and controls /my, a document read online opens again offline,
a page never read shows the offline page (which lists what is saved), and
signing out leaves nothing of the member's on the device."""
import json
import os
import struct
import urllib.request

from test_browser_smoke import browser, new_page  # noqa: F401
from test_portal_browser import portal_login

PHONE = {"width": 360, "height": 740}

# the web app's caches (static/src/pwa/sw.js): the member's pages and who
# is signed in
CACHES = "caches.keys()"
WAIT_CONTROLLED = """async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100 && !navigator.serviceWorker.controller; i++) {
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    return navigator.serviceWorker.controller
        ? navigator.serviceWorker.controller.scriptURL : null;
}"""
SAVED_PAGES = """async () => {
    const names = await caches.keys();
    const pages = [];
    for (const name of names.filter(n => n.startsWith('ph-pages-u'))) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            pages.push(new URL(request.url).pathname);
        }
    }
    return pages;
}"""


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.headers, answer.read()


def test_manifest_and_icons(odoo_server):
    headers, body = fetch(odoo_server.url + "/party_handbook/manifest.webmanifest")
    assert headers["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(body.decode("utf-8"))
    assert manifest["name"] == "Sổ tay đảng viên"
    assert manifest["short_name"] and len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == "/my"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "vi"
    assert manifest["theme_color"].startswith("#")
    sizes = {}
    for icon in manifest["icons"]:
        headers, data = fetch(odoo_server.url + icon["src"])
        assert headers["Content-Type"] == "image/png", icon["src"]
        width, height = png_size(data)
        assert "%sx%s" % (width, height) == icon["sizes"], icon["src"]
        sizes.setdefault(icon["purpose"], set()).add(width)
    assert {192, 512} <= sizes["any"]
    assert 512 in sizes["maskable"]
    headers, body = fetch(odoo_server.url + "/party_handbook_sw.js")
    assert headers["Content-Type"].startswith("application/javascript")
    assert b"addEventListener(\"fetch\"" in body


def document_links(page):
    return page.eval_on_selector_all(
        "a[href^='/my/party/documents/']",
        "links => links.map(a => a.getAttribute('href'))"
        ".filter(h => /^\\/my\\/party\\/documents\\/\\d+$/.test(h))")


def test_last_documents_read_offline_and_nothing_left_at_logout(
        odoo_server, browser, artifacts):  # noqa: F811
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True, locale="vi-VN")
    shot = os.path.join(artifacts, "pwa-%s.png")
    try:
        portal_login(page, odoo_server)
        # the portal's head names the manifest; the worker controls /my
        assert page.get_attribute("link[rel=manifest]", "href") == \
            "/party_handbook/manifest.webmanifest"
        assert page.evaluate(WAIT_CONTROLLED).endswith("/party_handbook_sw.js")
        page.goto(odoo_server.url + "/my/party/documents")
        links = list(dict.fromkeys(document_links(page)))
        assert len(links) >= 2, "the demo member needs two documents"
        read, unread = links[0], links[1]
        page.goto(odoo_server.url + read)
        title = page.title()
        heading = page.inner_text("main h1, main h2")
        assert page.evaluate(SAVED_PAGES) == [read]
        # the profile is never kept on the device
        page.goto(odoo_server.url + "/my/party/profile")
        assert page.evaluate(SAVED_PAGES) == [read]

        context.set_offline(True)
        page.goto(odoo_server.url + read)
        assert page.title() == title
        assert page.inner_text("main h1, main h2") == heading
        page.screenshot(path=shot % "offline-document", full_page=True)
        # a page never read: the offline page, which lists the saved one
        page.goto(odoo_server.url + unread)
        page.wait_for_selector("#o_party_offline_pages a")
        assert page.get_attribute("#o_party_offline_pages a", "href").endswith(read)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=shot % "offline-page", full_page=True)

        context.set_offline(False)
        page.goto(odoo_server.url + "/web/session/logout?redirect=/web/login")
        page.wait_for_selector("input[name=login]")
        assert page.evaluate(SAVED_PAGES) == []
        assert [name for name in page.evaluate(CACHES)
                if name.startswith("ph-pages") or name == "ph-user"] == []
        # after sign-out, offline, the document is not shown any more
        context.set_offline(True)
        page.goto(odoo_server.url + read)
        assert page.inner_text("body").find(heading) == -1
        context.set_offline(False)
        assert [e for e in page.js_errors if "net::ERR_INTERNET_DISCONNECTED"
                not in e] == []
    finally:
        context.close()


def test_a_session_ended_without_sign_out_leaves_nothing_for_the_next_user(
        odoo_server, browser):  # noqa: F811
    """A shared phone: the member's session ends without a sign-out (it
    expired, the cookies were cleared), the next person opens the sign-in
    page, maybe for the back office: the member's pages are gone."""
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True, locale="vi-VN")
    try:
        portal_login(page, odoo_server)
        page.evaluate(WAIT_CONTROLLED)
        page.goto(odoo_server.url + "/my/party/documents")
        read = document_links(page)[0]
        page.goto(odoo_server.url + read)
        assert page.evaluate(SAVED_PAGES) == [read]
        context.clear_cookies()
        page.goto(odoo_server.url + "/web/login")
        page.wait_for_selector("input[name=login]")
        assert page.evaluate(SAVED_PAGES) == []
        context.set_offline(True)
        page.goto(odoo_server.url + read)
        assert page.locator("#o_party_offline_pages a").count() == 0
        context.set_offline(False)
    finally:
        context.close()
