"""End-to-end access over XML-RPC: a commune officer lists only the members
of their subtree; a member reads only their own profile."""
from xmlrpc.client import Fault

import pytest

import harness

ADMIN = ("admin", "admin")


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
    """Two communes with a cell each, members, an officer and a member user."""
    admin = Rpc(odoo_server, *ADMIN)
    org = lambda vals: admin("party.organization", "create", vals)  # noqa: E731
    city = admin.ref("party_handbook.org_hue_demo")
    commune_x = org({"name": "E2E Commune X", "code": "E2E-X", "level": "commune",
                     "parent_id": city})
    commune_y = org({"name": "E2E Commune Y", "code": "E2E-Y", "level": "commune",
                     "parent_id": city})
    cell_x = org({"name": "E2E Cell X1", "code": "E2E-X1", "level": "cell",
                  "parent_id": commune_x})
    cell_y = org({"name": "E2E Cell Y1", "code": "E2E-Y1", "level": "cell",
                  "parent_id": commune_y})
    member = lambda name, cell: admin("party.member", "create", {  # noqa: E731
        "name": name, "organization_id": cell, "admission_date": "2015-03-03",
        "date_of_birth": "1980-02-02", "email": "%s@example.org" % name[-2:]})
    x_members = [member("E2E Nguyễn X%d" % i, cell_x) for i in range(3)]
    y_members = [member("E2E Trần Y%d" % i, cell_y) for i in range(2)]
    groups = {name: admin.ref("party_handbook.group_party_handbook_%s" % name)
              for name in ("officer", "member")}
    admin("res.users", "create", {
        "name": "E2E officer", "login": "e2e_officer", "password": "Ph-Officer-2026!x",
        "email": "e2e_officer@example.org",
        "groups_id": [(6, 0, [groups["officer"]])],
        "party_organization_ids": [(6, 0, [commune_x])]})
    partner = admin("party.member", "read", [x_members[0]], ["partner_id"])[0][
        "partner_id"][0]
    admin("res.users", "create", {
        "login": "e2e_member", "password": "Ph-Member-2026!x", "partner_id": partner,
        "groups_id": [(6, 0, [groups["member"], admin.ref("base.group_portal")])]})
    return {"x": x_members, "y": y_members, "commune_x": commune_x}


def test_commune_officer_lists_only_the_subtree(odoo_server, world):
    officer = Rpc(odoo_server, "e2e_officer", "Ph-Officer-2026!x")
    ids = officer("party.member", "search", [])
    assert sorted(ids) == sorted(world["x"])
    rows = officer("party.member", "search_read", [],
                   fields=["name", "organization_id"], limit=80)
    assert {r["organization_id"][1] for r in rows} == {
        "Đảng bộ thành phố Huế / E2E Commune X / E2E Cell X1"}
    with pytest.raises(Fault) as fault:
        officer("party.member", "read", world["y"][:1], ["name"])
    assert "security restrictions" in fault.value.faultString


def test_member_reads_only_their_own_profile(odoo_server, world):
    member = Rpc(odoo_server, "e2e_member", "Ph-Member-2026!x")
    assert member("party.member", "search", []) == world["x"][:1]
    own = member("party.member", "read", world["x"][:1], ["name", "state"])[0]
    assert own["state"] == "probationary"
    for other in (world["x"][1], world["y"][0]):
        with pytest.raises(Fault):
            member("party.member", "read", [other], ["name"])
    with pytest.raises(Fault):  # sensitive fields are for secretaries and above
        member("party.member", "read", world["x"][:1], ["national_id"])
    with pytest.raises(Fault):  # and members cannot write their profile directly
        member("party.member", "write", world["x"][:1], {"occupation": "x"})
