"""The member's party fees on a 360 px phone (issue #16 §1): thuanloc1
opens /my, taps "My party fees" and reads his months (each a large row with
its state in words), his payments and how to pay (the public service
portal, or cash to his cell's secretary with her phone); axe finds no
critical or serious WCAG violation, the page does not scroll sideways, no
script error. Screenshots: .local/test/artifacts/fees-*.png."""
import os

import axe
import harness
from test_browser_smoke import browser, new_page  # noqa: F401  (fixture)
from test_e2e_fees import MONTHS, Rpc
from test_portal_browser import portal_login

PHONE_360 = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def ensure_dues(server, member):
    harness.psql("""
        INSERT INTO party_fee_due (member_id, organization_id,
                                   member_partner_id, month, amount,
                                   amount_full, amount_paid, state)
        SELECT m.id, m.organization_id, m.partner_id, month::date, 30000,
               30000, 0, 'due'
          FROM party_member m, unnest(ARRAY['%s']) AS month
         WHERE m.id = %d
        ON CONFLICT (member_id, month) DO NOTHING""" % (
        "','".join(MONTHS), member), db=server.db)


def test_member_reads_his_fees_on_a_phone(odoo_server, browser,  # noqa: F811
                                          artifacts):
    admin = Rpc(odoo_server, "admin", "admin")
    member = admin.ref("party_handbook.party_member_160_demo")
    ensure_dues(odoo_server, member)
    # a payment settles his dues (the ledger's and the test's)
    secretary = Rpc(odoo_server, "thuanloc", "thuanloc")
    secretary("party.fee.payment", "create", {
        "member_id": member, "date": "2026-04-20", "month_from": "2026-04-01",
        "month_to": "2026-04-01", "amount": 30000, "channel": "cash"})
    shot = os.path.join(artifacts, "fees-%s.png")
    for name, viewport in (("phone", PHONE_360), ("desktop", DESKTOP)):
        context, page = new_page(browser, viewport=viewport,
                                 is_mobile=name == "phone",
                                 has_touch=name == "phone", locale="vi-VN")
        try:
            portal_login(page, odoo_server, "thuanloc1", "thuanloc1")
            entry = page.locator(".o_party_fee_entry a")
            assert entry.count() == 1
            entry.click()
            page.wait_for_selector(".o_party_fees", timeout=60000)
            page.screenshot(path=shot % name, full_page=True)
            months = page.locator(".o_party_fee_month")
            assert months.count() >= 4
            heights = months.evaluate_all(
                "rows => rows.map(r => r.getBoundingClientRect().height)")
            assert min(heights) >= 48, heights
            text = page.inner_text(".o_party_fees")
            assert "04/2026" in text
            assert "dichvucong.gov.vn" in text
            assert "Trần Thị Huyền" in text
            assert page.locator(".o_party_fee_payment").count() >= 1
            assert page.evaluate(
                "document.documentElement.scrollWidth") <= viewport["width"]
            if name == "phone":
                violations = axe.run(page)
                assert not axe.blocking(violations), axe.describe(
                    axe.blocking(violations))
            assert page.js_errors == []
        finally:
            context.close()
