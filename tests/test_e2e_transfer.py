"""End-to-end transfers over XML-RPC (issue #16 §3): the sending side does
the review and the letter, the receiving side the receipt and the
acceptance, neither the other's; the receiving side reads the transfer,
not the member's profile, until it accepts; a member of another cell, a
supervisor, a secretary and an officer of another commune are denied,
whatever context they send."""
from xmlrpc.client import Fault

import pytest

from test_e2e_access import Rpc

ADMIN = ("admin", "admin")
PASSWORD = "Ph-Transfer-2026!x"
FORGED = {"install_mode": True, "party_internal": True, "tracking_disable": True,
          "mail_notrack": True, "active_test": False, "sudo": True,
          "default_state": "accepted", "uid": 1}
REVIEW = "Tôi luôn chấp hành Điều lệ Đảng, sinh hoạt đầy đủ."


def denied(call, *args, **kwargs):
    with pytest.raises(Fault) as fault:
        call(*args, **kwargs)
    return fault.value.faultString


@pytest.fixture(scope="module")
def world(odoo_server):
    admin = Rpc(odoo_server, *ADMIN)
    ref = admin.ref
    phu_xuan = ref("party_handbook.org_phu_xuan_demo")
    cell_t = admin("party.organization", "create", {
        "name": "E2E Chi bộ nhận", "code": "E2E-T1", "level": "cell",
        "parent_id": phu_xuan})
    sending_cell = ref("party_handbook.org_vinh_loc_cell_1_demo")
    member = admin("party.member", "create", {
        "name": "E2E Phan Văn Chuyển", "organization_id": sending_cell,
        "admission_date": "2015-03-03", "date_of_birth": "1980-02-02",
        "state": "official", "official_date": "2016-03-03",
        "email": "e2e_chuyen@example.org"})
    admin("res.users", "create", {
        "name": "E2E receiving secretary", "login": "e2e_t_secretary",
        "password": PASSWORD, "email": "e2e_t_secretary@example.org",
        "groups_id": [(6, 0, [ref(
            "party_handbook.group_party_handbook_cell_secretary")])],
        "party_organization_ids": [(6, 0, [cell_t])]})
    admin("res.users", "create", {
        "name": "E2E Phú Xuân officer", "login": "e2e_px_officer",
        "password": PASSWORD, "email": "e2e_px_officer@example.org",
        "groups_id": [(6, 0, [ref("party_handbook.group_party_handbook_officer")])],
        "party_organization_ids": [(6, 0, [phu_xuan])]})
    return {"cell_t": cell_t, "member": member, "sending_cell": sending_cell}


def test_transfer_between_two_cells_of_the_city(odoo_server, world):
    secretary = Rpc(odoo_server, "secretary", "secretary")  # sending cell
    receiving = Rpc(odoo_server, "e2e_t_secretary", PASSWORD)
    transfer = secretary("party.transfer", "create", {
        "member_id": world["member"], "reason": "job",
        "change_date": "2026-01-05", "request_date": "2026-01-20",
        "to_organization_id": world["cell_t"], "self_review": REVIEW,
        "dvc_reference": "G22.99-E2E-1"})
    row = secretary("party.transfer", "read", [transfer],
                    ["state", "assisted", "apply_deadline"])[0]
    assert (row["state"], row["assisted"], row["apply_deadline"]) == (
        "requested", True, "2026-04-06")
    # a forged context writes no step
    assert "cannot be written directly" in denied(
        secretary, "party.transfer", "write", [transfer],
        {"state": "accepted"}, context=FORGED)
    # the receiving side cannot review, nor see the request and its
    # self-review before the sending side issues the letter
    assert receiving("party.transfer", "search",
                     [("id", "=", transfer)]) == []
    denied(receiving, "party.transfer", "action_review", [transfer],
           context=FORGED)
    secretary("party.transfer", "action_review", [transfer])
    assert receiving("party.transfer", "search",
                     [("id", "=", transfer)]) == []
    secretary("party.transfer", "write", [transfer], {
        "letter_number": "E2E-15-GGT", "letter_date": "2026-02-10",
        "fee_paid_until_entered": "01/2026"})
    secretary("party.transfer", "action_issue_letter", [transfer])
    # from the letter on, it is the receiving side's too
    assert receiving("party.transfer", "search",
                     [("id", "=", transfer)]) == [transfer]
    row = secretary("party.transfer", "read", [transfer],
                    ["state", "fee_paid_until", "present_deadline"])[0]
    assert (row["state"], row["fee_paid_until"], row["present_deadline"]) == (
        "letter_issued", "2026-01", "2026-03-31")
    # the sending side cannot receive nor accept
    denied(secretary, "party.transfer", "action_receive", [transfer],
           context=FORGED)
    # the receiving side reads the transfer, not the profile
    row = receiving("party.transfer", "read", [transfer],
                    ["member_name", "member_date_of_birth"])[0]
    assert row["member_name"] == "E2E Phan Văn Chuyển"
    assert "security restrictions" in denied(
        receiving, "party.member", "read", [world["member"]], ["name"])
    assert receiving("party.member", "search",
                     [("id", "=", world["member"])]) == []
    receiving("party.transfer", "write", [transfer],
              {"received_date": "2026-03-02"})
    receiving("party.transfer", "action_receive", [transfer])
    denied(secretary, "party.transfer", "action_accept", [transfer],
           context=FORGED)
    receiving("party.transfer", "action_accept", [transfer])
    member = receiving("party.member", "read", [world["member"]],
                       ["organization_id", "state"])[0]
    assert member["organization_id"][0] == world["cell_t"]
    history = receiving("party.member.history", "search_read",
                        [("member_id", "=", world["member"]),
                         ("event", "=", "transfer_internal")],
                        ["fee_paid_until", "decision", "user_id"])
    assert [(h["fee_paid_until"], h["decision"], h["user_id"][0])
            for h in history] == [("2026-01", "E2E-15-GGT", receiving.uid)]


def test_other_roles_are_denied(odoo_server, world):
    admin = Rpc(odoo_server, *ADMIN)
    transfer = admin("party.transfer", "search", [
        ("from_organization_id", "=", world["sending_cell"]),
        ("state", "=", "letter_issued")], limit=1)
    assert transfer, "the demo's transfer at 'letter issued'"
    users = [Rpc(odoo_server, login, login)
             for login in ("thuanloc", "thuanloc1", "supervisor", "member")]
    users.append(Rpc(odoo_server, "e2e_px_officer", PASSWORD))
    for user in users:
        assert transfer[0] not in user("party.transfer", "search", [],
                                       context=FORGED)
        denied(user, "party.transfer", "read", transfer, ["member_name"],
               context=FORGED)
        denied(user, "party.transfer", "action_receive", transfer,
               context=FORGED)
        denied(user, "party.transfer", "write", transfer,
               {"refuse_reason": "x"}, context=FORGED)
        denied(user, "party.transfer", "unlink", transfer, context=FORGED)
    # the member: no request for someone else
    member = Rpc(odoo_server, "member", "member")
    denied(member, "party.transfer", "create", {
        "member_id": world["member"], "reason": "job",
        "change_date": "2026-01-05", "self_review": REVIEW,
        "to_organization_name": "X"}, context=FORGED)
    denied(member, "party.transfer", "request_own_transfer", {
        "member_id": world["member"], "change_date": "2026-01-05"},
        context=FORGED)
