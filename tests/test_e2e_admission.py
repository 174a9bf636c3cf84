"""End-to-end admission over XML-RPC (issue #16, §2): a cell secretary
records a case from a paper file up to the cell's vote, the commune's
officer decides, the ceremony creates the probationary member; members and
supervising officers see no case; a forged context skips no step. Dates are
fixed in the past (see docs/TESTING.md)."""
from xmlrpc.client import Fault

import pytest

import harness

ADMIN = ("admin", "admin")
FORGED = {"tracking_disable": True, "install_mode": True,
          "internal_write": True, "skip_checks": True, "active_test": False}
PASSWORDS = {"secretary": "Ph-Secretary-2026!c", "officer": "Ph-Officer-2026!c",
             "supervisor": "Ph-Supervisor-2026!c", "member": "Ph-Member-2026!c"}


class Rpc:
    def __init__(self, server, login, password):
        self.server, self.password = server, password
        self.object = harness.xmlrpc(server.url + "/xmlrpc/2/object")
        common = harness.xmlrpc(server.url + "/xmlrpc/2/common")
        self.uid = common.authenticate(server.db, login, password, {})
        assert self.uid, "login %s refused" % login

    def __call__(self, model, method, *args, **kwargs):
        return self.object.execute_kw(self.server.db, self.uid, self.password,
                                      model, method, list(args), kwargs)

    def ref(self, xmlid):
        return self("ir.model.data", "xmlid_to_res_id", xmlid)


@pytest.fixture(scope="module")
def world(odoo_server):
    admin = Rpc(odoo_server, *ADMIN)
    org = lambda vals: admin("party.organization", "create", vals)  # noqa: E731
    city = admin.ref("party_handbook.org_hue_demo")
    commune = org({"name": "E2E Xã Kết Nạp", "code": "E2E-KN", "level": "commune",
                   "parent_id": city})
    cell = org({"name": "E2E Chi bộ Kết Nạp", "code": "E2E-KN1", "level": "cell",
                "parent_id": commune})
    other_cell = org({"name": "E2E Chi bộ Khác", "code": "E2E-KN2",
                      "level": "cell", "parent_id": commune})
    members = [admin("party.member", "create", {
        "name": "E2E Đảng viên KN%d" % index, "organization_id": cell,
        "state": "official", "admission_date": "2010-03-03",
        "official_date": "2011-03-03", "date_of_birth": "1975-02-02",
        "email": "kn%d@example.org" % index}) for index in range(3)]
    groups = {name: admin.ref("party_handbook.group_party_handbook_%s" % name)
              for name in ("cell_secretary", "officer", "supervisor", "member")}

    def user(role, group, organizations, partner=None):
        vals = {"name": "E2E %s KN" % role, "login": "e2e_kn_%s" % role,
                "password": PASSWORDS[role],
                "email": "e2e_kn_%s@example.org" % role,
                "groups_id": [(6, 0, group)],
                "party_organization_ids": [(6, 0, organizations)]}
        if partner:
            vals["partner_id"] = partner
            del vals["name"]
        return admin("res.users", "create", vals)

    user("secretary", [groups["cell_secretary"]], [cell])
    user("officer", [groups["officer"]], [commune])
    user("supervisor", [groups["supervisor"]], [cell])
    partner = admin("party.member", "read", members[:1], ["partner_id"])[0][
        "partner_id"][0]
    user("member", [groups["member"], admin.ref("base.group_portal")], [],
         partner=partner)
    return {"cell": cell, "other_cell": other_cell, "members": members,
            "admin": admin}


def login(server, role):
    return Rpc(server, "e2e_kn_%s" % role, PASSWORDS[role])


def test_admission_flow_with_denied_roles_and_forged_context(odoo_server, world):
    secretary = login(odoo_server, "secretary")
    officer = login(odoo_server, "officer")
    one, two = world["members"][:2]
    case = secretary("party.admission", "create", {
        "name": "E2E Nguyễn Thị Ứng Viên", "organization_id": world["cell"],
        "date_of_birth": "1996-05-20", "gender": "female",
        "national_id": "046196000777", "phone": "0905 000 777"})
    # a forged context does not move the case nor set a decision
    for vals in ({"state": "decision"}, {"member_id": one}):
        with pytest.raises(Fault):
            secretary("party.admission", "write", [case], vals, context=FORGED)
    with pytest.raises(Fault):
        secretary("party.admission", "action_application_done", [case],
                  context=FORGED)
    with pytest.raises(Fault) as fault:
        secretary("party.admission", "write", [case],
                  {"decision_number": "1-QĐ/ĐU"}, context=FORGED)
    assert "officers" in fault.value.faultString
    # the steps, from the paper file
    secretary("party.admission", "write", [case], {
        "course_name": "Lớp bồi dưỡng nhận thức về Đảng",
        "course_certificate_date": "2025-09-19"})
    secretary("party.admission", "action_course_done", [case])
    secretary("party.admission", "write", [case], {
        "application_date": "2025-10-01", "sponsor_1_id": one,
        "sponsor_1_since": "2020-01-01", "sponsor_2_id": two,
        "sponsor_2_since": "2021-01-01"})
    secretary("party.admission", "action_application_done", [case])
    secretary("party.admission", "write", [case], {
        "verification_date": "2025-11-14", "verification_by": "Đảng ủy xã"})
    secretary("party.admission", "action_verification_done", [case])
    # 5 of 8 fails, then 6 of 9 passes (two thirds of the official members)
    secretary("party.admission", "record_vote", [case], "2025-12-05", 8, 5)
    secretary("party.admission", "record_vote", [case], "2025-12-12", 9, 6)
    row = secretary("party.admission", "read", [case],
                    ["state", "failed_admission_votes"])[0]
    assert (row["state"], row["failed_admission_votes"]) == ("decision", 1)
    # the committee decides, not the secretary
    with pytest.raises(Fault):
        secretary("party.admission", "action_decide", [case])
    officer("party.admission", "write", [case], {
        "decision_number": "215-QĐ/ĐU", "decision_date": "2026-02-13"})
    officer("party.admission", "action_decide", [case])
    row = officer("party.admission", "read", [case],
                  ["state", "ceremony_deadline"])[0]
    # counted in working days after Tết 2026
    assert row == {"id": case, "state": "ceremony",
                   "ceremony_deadline": "2026-04-03"}
    secretary("party.admission", "write", [case], {"ceremony_date": "2026-03-06"})
    secretary("party.admission", "action_hold_ceremony", [case])
    member_id = secretary("party.admission", "read", [case], ["member_id"])[0][
        "member_id"][0]
    member = secretary("party.member", "read", [member_id],
                       ["state", "admission_date", "organization_id"])[0]
    assert (member["state"], member["admission_date"],
            member["organization_id"][0]) == (
                "probationary", "2026-03-06", world["cell"])
    # votes are never written directly, even by the city
    vote = secretary("party.admission.vote", "search", [("admission_id", "=", case)])
    assert len(vote) == 2
    with pytest.raises(Fault):
        world["admin"]("party.admission.vote", "write", vote[:1], {"passed": True},
                       context=FORGED)
    # members and supervising officers: no case at all
    for role in ("member", "supervisor"):
        rpc = login(odoo_server, role)
        for call in (lambda: rpc("party.admission", "search", []),  # noqa: E731
                     lambda: rpc("party.admission", "read", [case], ["name"]),
                     lambda: rpc("party.admission.vote", "read", vote, ["passed"])):
            with pytest.raises(Fault) as fault:
                call()
            text = fault.value.faultString
            assert "not allowed to access" in text or \
                "security restrictions" in text, (role, text)
    # the secretary stays in her cell
    with pytest.raises(Fault):
        secretary("party.admission", "create", {
            "name": "E2E Ngoài chi bộ", "organization_id": world["other_cell"],
            "date_of_birth": "1996-05-20"})
