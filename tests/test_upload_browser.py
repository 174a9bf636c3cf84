"""A cell secretary records a member's consent with the scan of the signed
form, in a real browser (the web client reads the file and sends it with
the dialog): the file ends up attached to the member, with the consent
recorded (issue #14's review: a flow of cells without logins)."""
import base64
import os

from test_browser_smoke import browser, login, new_page  # noqa: F401 (fixture)
from test_e2e_access import ADMIN, Rpc

SCAN = b"%PDF-1.4\n% Giay dong y nhap ho tro - chu ky dang vien\n"


def test_the_secretary_attaches_the_signed_consent_form(
        odoo_server, browser, artifacts, tmp_path):  # noqa: F811
    admin = Rpc(odoo_server, *ADMIN)
    secretary = admin("res.users", "search_read", [("login", "=", "secretary")],
                      fields=["party_organization_ids", "partner_id"])[0]
    member_id = admin("party.member", "search", [
        ("organization_id", "in", secretary["party_organization_ids"]),
        ("assistance_consent_date", "=", False),
        ("partner_id", "!=", secretary["partner_id"][0])], limit=1)[0]
    scan = tmp_path / "giay_dong_y.pdf"
    scan.write_bytes(SCAN)
    context, page = new_page(browser, viewport={"width": 1280, "height": 800},
                             locale="en-US")
    try:
        login(page, odoo_server, "secretary", "secretary")
        page.goto(odoo_server.url + "/web#model=party.member&id=%d&view_type=form"
                  % member_id)
        # web_responsive keeps a copy of the header's buttons in a menu for
        # small screens: the visible one
        page.locator("button:visible:has-text('Record consent to assisted "
                     "entries')").first.click()
        modal = page.locator(".modal-dialog")
        modal.wait_for()
        modal.locator("input.o_input_file").set_input_files(str(scan))
        # the file is read: the widget shows its name
        page.wait_for_function(
            "() => [...document.querySelectorAll('.modal-dialog input.o_input')]"
            ".some(input => input.value === 'giay_dong_y.pdf')")
        page.screenshot(path=os.path.join(artifacts, "consent-scan.png"))
        modal.locator("button:has-text('Record consent')").click()
        page.wait_for_selector(".modal-dialog", state="detached")
    finally:
        context.close()
    member = admin("party.member", "read", [member_id],
                   ["assistance_consent_date"])[0]
    assert member["assistance_consent_date"]
    attachments = admin("ir.attachment", "search_read", [
        ("res_model", "=", "party.member"), ("res_id", "=", member_id)],
        fields=["datas", "name"])
    assert SCAN in [base64.b64decode(a["datas"]) for a in attachments]
    assert page.js_errors == []
