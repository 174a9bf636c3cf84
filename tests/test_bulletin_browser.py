"""The monthly audio bulletin in a real browser (issue #15): the demo member
goes from /my to the bulletins on a 360 px phone, finds the demo bulletin
of their commune with its listen button, plays it (listening recorded) and
reads its text; axe-core finds no critical or serious violation; the page
fits the phone and has no script error (CSP). The officer sees the
bulletin, its player and its listeners in the back office at 1280x800.
Screenshots: .local/test/artifacts/bulletin-*.png."""
import os

import axe
from test_browser_smoke import browser, goto_backend, new_page  # noqa: F401  (fixture)
from test_e2e_access import Rpc
from test_portal_browser import portal_login

PHONE_360 = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def demo_bulletin(server):
    admin = Rpc(server, "admin", "admin")
    vinh_loc = admin.ref("party_handbook.org_vinh_loc_demo")
    return admin("party.audio.bulletin", "search_read", [
        ("organization_id", "=", vinh_loc), ("state", "=", "published")],
        fields=["name", "listened_count"], order="month", limit=1)[0]


def test_member_listens_to_the_bulletin_on_a_phone(
        odoo_server, browser, artifacts):  # noqa: F811
    bulletin = demo_bulletin(odoo_server)
    context, page = new_page(browser, viewport=PHONE_360, is_mobile=True,
                             has_touch=True, locale="vi-VN")
    shot = os.path.join(artifacts, "bulletin-%s.png")
    try:
        portal_login(page, odoo_server)
        page.click(".o_party_bulletins_entry a")
        page.wait_for_selector(".o_party_bulletins", timeout=30000)
        item = page.locator("#bulletin_%s" % bulletin["id"])
        assert item.count() == 1
        assert bulletin["name"] in item.inner_text()
        button = item.locator("button.o_party_listen")
        assert button.count() == 1
        assert button.evaluate(
            "element => element.getBoundingClientRect().height") >= 48
        page.screenshot(path=shot % "phone", full_page=True)
        violations = axe.run(page)
        assert not axe.blocking(violations), axe.describe(axe.blocking(violations))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_360["width"], width
        # the nav after the content leads back here
        assert page.locator(".o_party_nav a[href='/my/party/bulletins']").count() == 1
        # the text, for those who prefer reading
        item.locator("details.o_party_bulletin_text summary").click()
        script = item.locator(".o_party_bulletin_script").inner_text()
        assert "Bản tin tháng" in script
        page.screenshot(path=shot % "phone-text", full_page=True)
        # play (muted: no sound device in the test), most of it heard
        page.evaluate("""() => {
            const audio = document.querySelector('.o_party_bulletin audio');
            audio.muted = true;
        }""")
        button.click()
        page.wait_for_function("""() => {
            const audio = document.querySelector('.o_party_bulletin audio');
            return audio && audio.currentTime > 0.5;
        }""", timeout=30000)
    finally:
        page.screenshot(path=shot % "phone-last", full_page=True)
        context.close()
    assert page.js_errors == []


def test_officer_sees_the_bulletin_in_the_back_office(
        odoo_server, browser, artifacts):  # noqa: F811
    bulletin = demo_bulletin(odoo_server)
    context, page = new_page(browser, viewport=DESKTOP, locale="en-US")
    shot = os.path.join(artifacts, "bulletin-%s.png")
    try:
        page.goto(odoo_server.url + "/web/login")
        page.fill("input[name=login]", "officer")
        page.fill("input[name=password]", "officer")
        page.click("button[type=submit]")
        goto_backend(page, odoo_server.url
                     + "/web#model=party.audio.bulletin&view_type=form&id=%s"
                     % bulletin["id"], ".o_form_view audio")
        assert bulletin["name"] in page.inner_text(".o_form_view .oe_title")
        assert page.locator(".o_form_view audio[controls]").count() == 1
        assert "Bản tin tháng" in page.inner_text(".o_form_view")
        page.screenshot(path=shot % "backoffice", full_page=True)
    finally:
        context.close()
    assert page.js_errors == []
