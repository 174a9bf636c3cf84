"""Spoken notices and minutes in a real browser (issue #15, part C).

The demo's approved meetings get their audio at install (their notice and
their minutes). At 360x740, the demo member opens last month's meeting of
their cell: both players are there, the page passes axe (no critical or
serious violation) and has no JavaScript or CSP error; the member plays the
minutes (fast) and the listening is recorded on their roster line. A member
of another cell (thuanloc1) gets 404 for the same audio and for reporting
it. Screenshots: .local/test/artifacts/meeting-audio-*.png."""
import os

import pytest

import axe
from test_browser_smoke import browser, goto_backend, new_page  # noqa: F401  (fixture)
from test_e2e_access import Rpc

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def admin(odoo_server):
    return Rpc(odoo_server, "admin", "admin")


@pytest.fixture(scope="module")
def demo(admin):
    """Last month's approved meeting of the demo member's cell, its two
    audios (made at install), the member's roster line."""
    cell = admin.ref("party_handbook.org_vinh_loc_cell_1_demo")
    member = admin.ref("party_handbook.party_member_member_demo")
    lines = admin("party.meeting.attendance", "search_read", [
        ("member_id", "=", member), ("meeting_id.state", "=", "approved"),
        ("meeting_id.organization_id", "=", cell)], ["meeting_id"],
        order="id desc", limit=1)
    assert lines, "the demo member has no approved meeting"
    meeting = lines[0]["meeting_id"][0]
    audios = {a["purpose"]: a for a in admin("party.audio", "search_read", [
        ("res_model", "=", "party.meeting"), ("res_id", "=", meeting)],
        ["purpose", "state", "duration", "file_size", "seconds_to_make"])}
    assert {p: a["state"] for p, a in audios.items()} == {
        "notice": "ready", "minutes": "ready"}, audios
    other = admin("res.users", "search_read", [("login", "=", "thuanloc1")],
                  ["partner_id"])[0]
    other_cells = admin("party.member", "search_read", [
        ("partner_id", "=", other["partner_id"][0])], ["organization_id"])
    assert other_cells and other_cells[0]["organization_id"][0] != cell
    return {"meeting": meeting, "line": lines[0]["id"], "audios": audios}


def login(page, server, user):
    page.goto(server.url + "/web/login?redirect=/my")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", user)
    page.click("button[type=submit]")
    page.wait_for_selector(".o_portal_my_home", timeout=60000)


@pytest.fixture
def phone(browser):  # noqa: F811
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True)
    yield page
    context.close()
    assert page.js_errors == []


def test_member_listens_to_the_minutes(  # noqa: F811
        odoo_server, admin, demo, phone, browser, artifacts):  # noqa: F811
    login(phone, odoo_server, "member")
    phone.goto(odoo_server.url + "/my/party/meetings/%s" % demo["meeting"])
    players = phone.locator(".o_party_audio[data-audio-id]")
    assert players.count() == 2
    ids = {int(players.nth(i).get_attribute("data-audio-id")) for i in range(2)}
    assert ids == {a["id"] for a in demo["audios"].values()}
    assert phone.locator(".o_party_audio audio[controls]").count() == 2
    # the notice comes before the roster, the minutes' player with the minutes
    assert phone.locator("#minutes ~ .o_party_audio").count() == 1
    violations = axe.run(phone)
    phone.screenshot(path=os.path.join(artifacts, "meeting-audio-phone.png"),
                     full_page=True)
    assert not axe.blocking(violations), axe.describe(axe.blocking(violations))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # the audio answers to the member, with byte ranges
    minutes = demo["audios"]["minutes"]["id"]
    url = odoo_server.url + "/party_handbook/audio/%s" % minutes
    answer = phone.request.get(url)
    assert answer.status == 200 and answer.headers["content-type"] == "audio/ogg"
    assert answer.body()[:4] == b"OggS"
    part = phone.request.get(url, headers={"Range": "bytes=0-99"})
    assert part.status == 206 and len(part.body()) == 100
    # play the minutes fast: the listening is recorded on the roster line
    section = phone.locator(".o_party_audio[data-audio-id='%s']" % minutes)
    section.locator(".o_party_listen").click()
    phone.wait_for_function(
        "id => { var a = document.getElementById('audio_' + id);"
        " return a && !a.paused && a.currentTime > 0; }", arg=minutes,
        timeout=30000)
    phone.evaluate("id => { document.getElementById('audio_' + id)"
                   ".playbackRate = 16; }", minutes)
    phone.wait_for_selector(
        ".o_party_audio[data-audio-id='%s'][data-listened]" % minutes,
        timeout=60000)
    line = admin("party.meeting.attendance", "read", [demo["line"]],
                 ["minutes_listened_on", "notice_listened_on"])[0]
    assert line["minutes_listened_on"] and not line["notice_listened_on"]
    counts = admin("party.meeting", "read", [demo["meeting"]],
                   ["minutes_listened_count"])[0]
    assert counts["minutes_listened_count"] >= 1
    phone.reload()
    assert "data-listened" in phone.locator(
        ".o_party_audio[data-audio-id='%s']" % minutes).evaluate(
            "e => e.outerHTML")
    # wide screen
    context, wide = new_page(browser, viewport=DESKTOP)
    try:
        login(wide, odoo_server, "member")
        wide.goto(odoo_server.url + "/my/party/meetings/%s" % demo["meeting"])
        wide.wait_for_selector(".o_party_audio[data-audio-id]")
        wide.screenshot(path=os.path.join(
            artifacts, "meeting-audio-desktop.png"), full_page=True)
        assert wide.js_errors == []
    finally:
        context.close()


def test_another_cell_gets_404(odoo_server, demo, browser):  # noqa: F811
    context, page = new_page(browser, viewport=PHONE)
    try:
        login(page, odoo_server, "thuanloc1")
        for audio in demo["audios"].values():
            url = odoo_server.url + "/party_handbook/audio/%s" % audio["id"]
            assert page.request.get(url).status == 404
            answer = page.request.post(url + "/listened", data={
                "jsonrpc": "2.0", "method": "call",
                "params": {"fraction": 1}})
            assert answer.status == 404 or "error" in answer.json()
            assert "counted" not in answer.text()
        page.goto(odoo_server.url + "/my/party/meetings/%s" % demo["meeting"])
        assert not page.locator(".o_party_audio").count()
    finally:
        context.close()


def test_secretary_sees_the_audio_tab(  # noqa: F811
        odoo_server, demo, browser, artifacts):  # noqa: F811
    context, page = new_page(browser, viewport=DESKTOP)
    try:
        page.goto(odoo_server.url + "/web/login")
        page.fill("input[name=login]", "admin")
        page.fill("input[name=password]", "admin")
        page.click("button[type=submit]")
        page.wait_for_selector(".o_web_client", timeout=60000)
        goto_backend(page, odoo_server.url +
                     "/web#id=%s&model=party.meeting&view_type=form"
                     % demo["meeting"], ".o_form_view .o_notebook")
        # the tab of the page that holds the players (whatever its label)
        pane = page.evaluate("document.querySelector('.o_form_view "
                             "audio[controls]').closest('.tab-pane').id")
        page.click(".o_notebook a[href='#%s']" % pane)
        page.wait_for_selector(".o_form_view audio[controls]", state="visible")
        assert page.locator(".o_form_view audio[controls]").count() == 2
        page.locator(".o_form_view audio[controls]").last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=os.path.join(
            artifacts, "meeting-audio-backoffice.png"))
        assert page.js_errors == []
    finally:
        context.close()
