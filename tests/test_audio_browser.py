"""Listening to a document in a real browser on a phone (issue #15, part B):
the demo member opens a demo document, finds the large listen button above
the text, plays it at 1.5× (muted: the machine has no speakers), and once
most of it was played the page says so and the receipt is read and
listened. axe finds nothing critical or serious; screenshots go to
.local/test/artifacts/ (audio-*.png)."""
import os

import axe
from test_browser_smoke import browser, new_page  # noqa: F401  (fixture)
from test_e2e_access import ADMIN, Rpc
from test_portal_browser import portal_login

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def shortest_unread_document(admin, login):
    """The member's unread demo document with the shortest audio."""
    partner = admin("res.users", "search_read", [("login", "=", login)],
                    fields=["partner_id"])[0]["partner_id"][0]
    receipts = admin("party.document.receipt", "search_read", [
        ("member_partner_id", "=", partner), ("state", "=", "received")],
        fields=["document_id"])
    documents = [r["document_id"][0] for r in receipts]
    audios = admin("party.audio", "search_read", [
        ("res_model", "=", "party.document"), ("res_id", "in", documents),
        ("state", "=", "ready")], fields=["res_id", "duration"],
        order="duration")
    assert audios, "the demo documents have their audio (made at install)"
    return audios[0]["res_id"], audios[0]["duration"], partner


def test_member_listens_to_a_document_on_a_phone(
        odoo_server, browser, artifacts):  # noqa: F811
    admin = Rpc(odoo_server, *ADMIN)
    document, duration, partner = shortest_unread_document(admin, "member")
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True)
    shot = os.path.join(artifacts, "audio-%s.png")
    try:
        portal_login(page, odoo_server)
        page.goto(odoo_server.url + "/my/party/documents")
        page.wait_for_selector(".o_party_documents")
        marker = page.locator(
            ".o_party_document_link[href='/my/party/documents/%s'] "
            ".o_party_label_audio" % document)
        assert marker.count() == 1 and marker.inner_text().strip()
        page.screenshot(path=shot % "list", full_page=True)

        page.goto(odoo_server.url + "/my/party/documents/%s" % document)
        page.wait_for_selector(".o_party_listen")
        box = page.locator(".o_party_listen").bounding_box()
        assert box["height"] >= 44 and box["width"] >= 200, box
        # the player comes before the text
        assert page.evaluate("""() => {
            const player = document.querySelector('.o_party_audio');
            const text = document.querySelector('.o_party_document_content');
            return !!(player.compareDocumentPosition(text)
                      & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")
        violations = axe.run(page)
        assert not axe.blocking(violations), axe.describe(
            axe.blocking(violations))
        page.screenshot(path=shot % "document", full_page=True)

        page.check(".o_party_audio_speed input[value='1.5']")
        page.evaluate("document.querySelector('.o_party_audio_player')"
                      ".muted = true")
        page.click(".o_party_listen")
        page.wait_for_function(
            "() => !document.querySelector('.o_party_audio_player').paused")
        assert page.get_attribute(".o_party_listen", "aria-pressed") == "true"
        assert page.evaluate("document.querySelector("
                             "'.o_party_audio_player').playbackRate") == 1.5
        page.screenshot(path=shot % "playing", full_page=False)
        # most of it played at 1.5×: the server counted it, the page says so
        page.wait_for_selector(".o_party_audio[data-listened='1']",
                               timeout=int((duration / 1.5 + 60) * 1000))
        status = page.inner_text(".o_party_audio_status").strip()
        assert status
        page.screenshot(path=shot % "listened", full_page=True)
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=shot % "listened-desktop", full_page=True)
        assert page.js_errors == []
    finally:
        page.screenshot(path=shot % "last", full_page=True)
        context.close()

    receipt = admin("party.document.receipt", "search_read", [
        ("document_id", "=", document), ("member_partner_id", "=", partner)],
        fields=["state", "read_on", "listened_on"])[0]
    assert receipt["state"] in ("read", "acknowledged")
    assert receipt["read_on"] and receipt["listened_on"]
    counts = admin("party.document", "read", [document],
                   ["listened_count", "read_count"])[0]
    assert counts["listened_count"] >= 1
