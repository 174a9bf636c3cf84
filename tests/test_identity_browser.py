"""Each demo role signs in with a real browser (Debian's headless Chromium)
and lands on its own home, not Discuss (issue #14): a member on the portal
(/my), a cell secretary on their cell, a committee or city officer on the
acknowledgements dashboard, a supervisor on the day view of today's
meetings. Every page shows the organization's emblem, never Odoo's "Your
logo" placeholder, the tab is not titled "Odoo", and Discuss's request for
desktop notifications is not shown. Screenshots of each home at 1280x800
and 360x740 are kept in .local/test/artifacts/identity-<login>-<width>.png."""
import os
import re

import pytest

from test_browser_smoke import browser, new_page  # noqa: F401  (fixture)

# login -> (what the home is, a test on the page's URL)


def on_my(url):
    return re.search(r"/my/?(\?|#|$)", url)


def on_cell(url):
    return "model=party.organization" in url and "view_type=form" in url


def on_dashboard(url):
    return "model=party.document.receipt" in url


HOMES = {
    "member": ("the member portal", on_my),
    "thuanloc1": ("the member portal", on_my),
    "secretary": ("the secretary's cell", on_cell),
    "thuanloc": ("the secretary's cell", on_cell),
    "officer": ("the officer's dashboard", on_dashboard),
    "cityofficer": ("the officer's dashboard", on_dashboard),
    "supervisor": ("the day view", None),
}
SIZES = {"desktop": {"width": 1280, "height": 800},
         "phone": {"width": 360, "height": 740}}


def sign_in(page, server, login):
    page.goto(server.url + "/web/login")
    assert "Odoo" not in page.title(), page.title()
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")


def wait_for_home(page, login):
    what, url_test = HOMES[login]
    if what == "the member portal":
        page.wait_for_url(re.compile(r".*/my/?(\?.*)?$"), timeout=60000)
    elif what == "the day view":
        page.wait_for_selector(".o_party_day_view", timeout=60000)
    else:
        model = "party.organization" if "cell" in what else "party.document.receipt"
        page.wait_for_function("(model) => location.href.includes('model=' + model)",
                               arg=model, timeout=60000)
        page.wait_for_selector(".o_content .o_view_manager_content > *", timeout=60000)
    # the web client keeps a long poll open: no "network idle"; wait for
    # its loading indicator to go
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => !Array.from(document.querySelectorAll('.o_loading'))"
        ".some(e => e.offsetParent)", timeout=60000)
    if url_test:
        assert url_test(page.url), "%s should land on %s, not %s" % (
            login, what, page.url)
    return what


def check_identity(page, login):
    # the company logo is the emblem, not Odoo's "Your logo" image
    logos = page.locator("img[src*='company_logo'], .navbar-brand.logo img, "
                         "img[src*='/res.company/']")
    assert logos.count(), "no company logo on %s's home" % login
    assert page.evaluate(
        "() => Array.from(document.images).filter("
        "i => /company_logo|res\\.company/.test(i.src)).every(i => i.naturalWidth > 0)")
    if HOMES[login][0] != "the member portal":
        # the portal pages' titles are the portal's (their own work)
        assert "Odoo" not in page.title(), page.title()
        assert "Discuss" not in page.title()
    assert not page.locator(".o_mail_chat").count(), "%s landed in Discuss" % login
    assert not page.locator(".o_mail_annoying_notification_bar:visible").count()
    text = page.inner_text("body")
    for word in ("YourCompany", "Your logo", "Scranton", "Administrator"):
        assert word not in text, "%r on %s's home" % (word, login)


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("login", sorted(HOMES))
def test_each_role_lands_on_its_home(
        odoo_server, browser, artifacts, login, size):  # noqa: F811
    options = {"viewport": SIZES[size], "locale": "vi-VN"}
    if size == "phone":
        options.update(is_mobile=True, has_touch=True)
    context, page = new_page(browser, **options)
    path = os.path.join(artifacts, "identity-%s-%s.png" % (login, SIZES[size]["width"]))
    try:
        sign_in(page, odoo_server, login)
        wait_for_home(page, login)
        page.screenshot(path=path)
        check_identity(page, login)
        assert page.js_errors == []
    finally:
        if not os.path.exists(path):
            page.screenshot(path=path)
        context.close()


def test_the_favicon_is_the_emblem(odoo_server, browser):  # noqa: F811
    context, page = new_page(browser, viewport=SIZES["desktop"])
    try:
        page.goto(odoo_server.url + "/web/login")
        href = page.get_attribute("link[rel='shortcut icon']", "href")
        assert href == "/party_handbook/static/src/img/party_emblem_favicon.png"
        response = page.request.get(odoo_server.url + href)
        assert response.status == 200
        assert response.body()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        context.close()
