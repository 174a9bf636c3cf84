"""The member asks for a transfer in the portal at 360x740 (issue #16 §3):
the form, its errors, the request sent and its step shown; once the
secretary issued the letter (over XML-RPC), the step and the PDF letter
(a real PDF stating the member and the month fees are paid through). axe:
no critical or serious violation. The secretary's kanban and form at
1280x800 and 360x740. Screenshots: .local/test/artifacts/transfer-*.png."""
import os
import subprocess
import tempfile
from datetime import timedelta

import pytest

import axe
import harness
from test_browser_smoke import browser, goto_backend, new_page  # noqa: F401  (fixture)
from test_e2e_access import Rpc

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "Ph-Portal-Transfer-2026!x"
NAME = "E2E Hồ Thị Chuyển"


@pytest.fixture(scope="module")
def world(odoo_server):
    admin = Rpc(odoo_server, "admin", "admin")
    cell = admin.ref("party_handbook.org_vinh_loc_cell_1_demo")
    member = admin("party.member", "create", {
        "name": NAME, "organization_id": cell, "admission_date": "2014-05-19",
        "date_of_birth": "1984-06-01", "state": "official",
        "official_date": "2015-05-19", "email": "e2e_ho_chuyen@example.org"})
    partner = admin("party.member", "read", [member], ["partner_id"])[0][
        "partner_id"][0]
    admin("res.users", "create", {
        "login": "e2e_transfer_member", "password": PASSWORD,
        "partner_id": partner, "groups_id": [(6, 0, [
            admin.ref("base.group_portal"),
            admin.ref("party_handbook.group_party_handbook_member")])]})
    return {"member": member}


def check(page, name, artifacts):
    violations = axe.run(page)
    page.screenshot(path=os.path.join(artifacts, "transfer-%s.png" % name),
                    full_page=True)
    assert not axe.blocking(violations), "%s: %s" % (
        name, axe.describe(axe.blocking(violations)))
    assert page.evaluate("document.documentElement.scrollWidth") <= \
        page.viewport_size["width"], name


def test_member_requests_a_transfer_in_the_portal(
        browser, odoo_server, world, artifacts):  # noqa: F811
    context, page = new_page(browser, viewport=PHONE)
    try:
        page.goto(odoo_server.url + "/web/login?redirect=/my")
        page.fill("input[name=login]", "e2e_transfer_member")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector(".o_portal_my_home", timeout=60000)
        page.click("a[href='/my/party/transfer']")
        page.wait_for_selector(".o_party_transfer_form")
        check(page, "form", artifacts)
        # an empty self-review is refused with its message next to the field
        page.select_option("#party_transfer_reason", "move")
        # the city's date (Huế, UTC+7): the transfer's dates are the
        # city's, and from 17:00 UTC it is already tomorrow there
        today = harness.now() + timedelta(hours=7)
        page.fill("#party_transfer_change_date",
                  (today - timedelta(days=30)).strftime("%Y-%m-%d"))
        page.fill("#party_transfer_destination", "Chi bộ thôn Hiền An")
        page.click(".o_party_transfer_submit")
        page.wait_for_selector("#party_transfer_self_review_error")
        check(page, "form-errors", artifacts)
        page.fill("#party_transfer_self_review",
                  "Tôi luôn chấp hành Điều lệ Đảng, sinh hoạt đầy đủ.")
        page.click(".o_party_transfer_submit")
        page.wait_for_selector(".o_party_transfer_sent")
        assert page.inner_text(".o_party_transfer_state").strip()
        assert not page.query_selector(".o_party_transfer_letter")
        check(page, "requested", artifacts)

        secretary = Rpc(odoo_server, "secretary", "secretary")
        transfer = secretary("party.transfer", "search",
                             [("member_id", "=", world["member"])])
        assert len(transfer) == 1
        row = secretary("party.transfer", "read", transfer,
                        ["state", "assisted", "reason", "to_organization_name"])[0]
        assert (row["state"], row["assisted"], row["reason"]) == (
            "requested", False, "move")
        secretary("party.transfer", "write", transfer, {
            "to_organization_id": secretary.ref(
                "party_handbook.org_vinh_loc_cell_2_demo")})
        secretary("party.transfer", "action_review", transfer)
        secretary("party.transfer", "write", transfer, {
            "letter_number": "E2E-21-GGT",
            "letter_date": today.strftime("%Y-%m-%d"),
            "fee_paid_until_entered": "2026-01"})
        secretary("party.transfer", "action_issue_letter", transfer)

        page.goto(odoo_server.url + "/my/party/transfer")
        page.wait_for_selector(".o_party_transfer_letter")
        check(page, "letter-issued", artifacts)
        assert page.query_selector(".o_party_step_current")
        href = page.get_attribute(".o_party_transfer_letter", "href")
        response = page.context.request.get(odoo_server.url + href)
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(response.body())
            pdf.flush()
            text = subprocess.run(["pdftotext", pdf.name, "-"], check=True,
                                  stdout=subprocess.PIPE).stdout.decode()
        assert NAME in text
        assert "01/2026" in text and "E2E-21-GGT" in text
        # another id answers 404
        other = page.context.request.get(
            odoo_server.url + "/my/party/transfer/%s/letter" % (transfer[0] + 10000))
        assert other.status == 404
        assert not page.js_errors, page.js_errors
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_secretary_sees_the_transfers(
        browser, odoo_server, artifacts, viewport):  # noqa: F811
    context, page = new_page(browser, viewport=viewport)
    try:
        page.goto(odoo_server.url + "/web/login")
        page.fill("input[name=login]", "officer")
        page.fill("input[name=password]", "officer")
        page.click("button[type=submit]")
        page.wait_for_selector(".o_web_client", timeout=60000)
        goto_backend(page, odoo_server.url + "/web#model=party.transfer"
                     "&view_type=kanban&action=party_handbook.party_transfer_action",
                     ".o_kanban_view .o_kanban_group")
        name = "desktop" if viewport == DESKTOP else "phone"
        page.screenshot(path=os.path.join(artifacts, "transfer-kanban-%s.png"
                                          % name), full_page=True)
        # on a phone the kanban shows one step at a time: open from the list
        page.click(".o_cp_switch_list")
        page.wait_for_selector(".o_list_view .o_data_row")
        page.click(".o_list_view .o_data_row td:nth-child(2)")
        page.wait_for_selector(".o_form_view .o_statusbar_status")
        page.screenshot(path=os.path.join(artifacts, "transfer-form-%s.png"
                                          % name), full_page=True)
        assert not page.js_errors, page.js_errors
    finally:
        context.close()
