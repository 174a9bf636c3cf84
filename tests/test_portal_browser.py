"""The member portal on a phone: the demo member (portal user) opens their
profile, proposes a new phone number and sees the confirmation. Screenshots
are kept in .local/test/artifacts/ (portal-*.png)."""
import os

from test_browser_smoke import browser, new_page  # noqa: F401  (fixture)

PHONE = {"width": 375, "height": 740}


def portal_login(page, server, login="member", password="member"):
    page.goto(server.url + "/web/login?redirect=/my")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_selector(".o_portal_my_home", timeout=60000)


def test_member_portal_on_a_phone(odoo_server, browser, artifacts):  # noqa: F811
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True)
    shot = os.path.join(artifacts, "portal-%s.png")
    try:
        portal_login(page, odoo_server)
        page.screenshot(path=shot % "home", full_page=True)
        page.click(".o_party_portal_entry a[href='/my/party/profile']")
        page.wait_for_selector(".o_party_profile .o_party_name", timeout=30000)
        assert "Trần Thị Mỹ Linh" in page.inner_text(".o_party_name")
        assert "HUE-VL-01" not in page.inner_text(".o_party_cell")  # the name
        assert page.inner_text(".o_party_cell").strip()
        page.screenshot(path=shot % "profile", full_page=True)
        # large type, one column: nothing wider than the phone
        assert page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector("
            "'.o_party_fields dd')).fontSize)") >= 18
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.click(".o_party_nav a[href='/my/party/profile/correct']")
        page.wait_for_selector("form.o_party_form", timeout=30000)
        height = page.evaluate(
            "document.querySelector('.o_party_submit').getBoundingClientRect().height")
        assert height >= 48
        page.click(".o_party_submit")  # nothing changed: the form again
        page.wait_for_selector(".o_party_errors", timeout=30000)
        page.screenshot(path=shot % "error", full_page=True)
        page.fill("input[name=phone]", "0905 123 456")
        page.screenshot(path=shot % "correct", full_page=True)
        page.click(".o_party_submit")
        page.wait_for_selector(".o_party_sent", timeout=30000)
        assert "0905 123 456" in page.inner_text(".o_party_requests")
        page.screenshot(path=shot % "sent", full_page=True)

        page.click(".o_party_nav a[href='/my/party/contacts']")
        page.wait_for_selector(".o_party_contacts", timeout=30000)
        page.screenshot(path=shot % "contacts", full_page=True)
    finally:
        page.screenshot(path=shot % "last", full_page=True)
        context.close()
    assert os.path.getsize(shot % "profile") > 10000
    assert page.js_errors == []


def test_member_reads_acknowledges_and_answers_a_document(
        odoo_server, browser, artifacts):  # noqa: F811
    """The demo member opens the newest document for them, confirms reading
    it with one tap and sends feedback, on a phone."""
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True)
    shot = os.path.join(artifacts, "portal-documents-%s.png")
    try:
        portal_login(page, odoo_server)
        page.click(".o_party_portal_entry a[href='/my/party/documents']")
        page.wait_for_selector(".o_party_documents", timeout=30000)
        page.screenshot(path=shot % "list", full_page=True)
        first = page.locator(".o_party_document_item").first
        assert "o_party_unread" in first.get_attribute("class")
        title = first.locator("strong").inner_text()
        first.locator("a").click()
        page.wait_for_selector(".o_party_document_title", timeout=30000)
        assert page.inner_text(".o_party_document_title") == title
        page.click(".o_party_ack_button")
        page.wait_for_selector(".o_party_acknowledged", timeout=30000)
        page.select_option("select[name=kind]", "proposal")
        page.fill("textarea[name=body]", "Đề nghị gửi văn bản bằng chữ to hơn.")
        page.click(".o_party_feedback_submit")
        page.wait_for_selector(".o_party_feedback_sent", timeout=30000)
        assert "Đề nghị gửi văn bản bằng chữ to hơn." in page.inner_text(
            ".o_party_feedback_list")
        page.screenshot(path=shot % "sent", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    assert page.js_errors == []
