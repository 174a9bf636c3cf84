"""The quality rating's self-assessment on a 360 px phone (Quy định
366-QĐ/TW: the member rates themself first): the demo member (portal user)
goes from /my to the form in one tap, sends a wrong score (the error shows
by the field, the text is kept), then a right one, and sees the result.

The rating is the test's own: an ad hoc period starting on the server's
today (so it is the newest awaiting the member), made as admin over
XML-RPC with a unique name. Screenshots: .local/test/artifacts/rating-*.png."""
import os
import time
from datetime import timedelta

import harness
from test_browser_smoke import browser, new_page  # noqa: F401  (fixture)
from test_e2e_access import Rpc
from test_portal_browser import portal_login

ADMIN = ("admin", "admin")
PHONE_360 = {"width": 360, "height": 740}


def prepare(admin, tag):
    today = harness.now()
    member = admin.ref("party_handbook.party_member_member_demo")
    cell = admin("party.member", "read", [member], ["organization_id"])[0][
        "organization_id"][0]
    period = admin("party.member.rating.period", "create", {
        "name": "Đợt E2E %s" % tag, "kind": "adhoc", "year": today.year,
        "date_from": today.strftime("%Y-%m-%d"),
        "date_to": (today + timedelta(days=30)).strftime("%Y-%m-%d")})
    rating = admin("party.member.rating", "create", {
        "member_id": member, "period_id": period,
        "rated_organization_id": cell})
    return {"member": member, "period": period, "rating": rating}


def test_member_self_assesses_on_a_phone(odoo_server, browser, artifacts):  # noqa: F811
    admin = Rpc(odoo_server, *ADMIN)
    tag = "%x" % int(time.time() * 1000)
    world = prepare(admin, tag)
    context, page = new_page(browser, viewport=PHONE_360, is_mobile=True,
                             has_touch=True, locale="vi-VN")
    shot = os.path.join(artifacts, "rating-%s.png")
    widths = {}
    navigations = []

    def look(name):
        page.screenshot(path=shot % name, full_page=True)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")

    try:
        portal_login(page, odoo_server)
        look("home")
        page.on("framenavigated", lambda frame: frame == page.main_frame
                and navigations.append(frame.url))
        tile = page.locator(".o_party_rating_entry a.o_party_rating_tile")
        assert tile.count() == 1
        assert tile.evaluate(
            "element => element.getBoundingClientRect().height") >= 48
        tile.click()                                            # tap 1
        page.wait_for_selector(".o_party_rating_form", timeout=30000)
        assert len(navigations) == 1, navigations
        assert page.inner_text(".o_party_rating_current .o_party_rating_period") \
            .strip() == "Đợt E2E %s" % tag
        score = page.locator("input[name=score]")
        assert score.evaluate(
            "element => element.getBoundingClientRect().height") >= 48
        look("form")
        # a wrong score: the error by the field, the text kept
        score.fill("150")                                       # tap 2
        page.fill("textarea[name=comment]", "Tham gia đầy đủ sinh hoạt chi bộ.")
        page.click(".o_party_rating_submit")                    # tap 3
        page.wait_for_selector(".o_party_field_error", timeout=30000)
        group = page.locator(".form-group.has-error")
        assert group.locator("input[name=score]").count() == 1
        assert page.input_value("textarea[name=comment]") == \
            "Tham gia đầy đủ sinh hoạt chi bộ."
        assert page.input_value("input[name=score]") == "150"
        look("error")
        page.fill("input[name=score]", "86")
        page.click(".o_party_rating_submit")
        page.wait_for_selector(".o_party_rating_sent", timeout=30000)
        text = page.inner_text(".o_party_rating_current")
        assert "86" in text and "Tham gia đầy đủ sinh hoạt chi bộ." in text
        assert page.locator(".o_party_rating_form").count() == 0
        look("sent")
    finally:
        page.screenshot(path=shot % "last", full_page=True)
        context.close()
    rating = admin("party.member.rating", "read", [world["rating"]],
                   ["state", "self_score", "self_comment", "message_ids"])[0]
    assert (rating["state"], rating["self_score"]) == ("self", 86)
    messages = admin("mail.message", "read", rating["message_ids"], ["author_id"])
    member_partner = admin("party.member", "read", [world["member"]],
                           ["partner_id"])[0]["partner_id"][0]
    assert member_partner in [m["author_id"] and m["author_id"][0]
                              for m in messages], messages
    assert all(width <= PHONE_360["width"] for width in widths.values()), widths
    assert page.js_errors == []
