"""End-to-end (XML-RPC) access to the reconciliation with CSDL 3.0 (issue
#16 §5) on the demo's export of Vinh Lộc commune: the commune officer sees
the export, its rows and differences; the secretary of a cell only the
differences of the cell (and decides them); members and supervising
officers nothing; a forged context writes nothing."""
import base64
from xmlrpc.client import Fault

import pytest

from test_e2e_access import Rpc

FORGED = {"party_internal_write": True, "install_mode": True,
          "tracking_disable": True, "module": "party_handbook",
          "active_test": False, "uid": 1, "su": True}


@pytest.fixture(scope="module")
def demo(odoo_server):
    admin = Rpc(odoo_server, "admin", "admin")
    return {
        "commune": admin.ref("party_handbook.org_vinh_loc_demo"),
        "cell": admin.ref("party_handbook.org_vinh_loc_cell_1_demo"),
        "other_commune": admin.ref("party_handbook.org_huong_an_demo"),
    }


DENIALS = ("security restrictions", "not allowed to access",
           "follow records you may read")


def denied(call):
    with pytest.raises(Fault) as fault:
        call()
    return fault.value.faultString


def refused_access(call):
    """The call is refused by an access right or a record rule."""
    message = denied(call)
    return any(denial in message for denial in DENIALS)


def test_officer_sees_the_export_and_its_differences(odoo_server, demo):
    officer = Rpc(odoo_server, "officer", "officer")
    imports = officer("party.national.import", "search_read",
                      [("organization_id", "=", demo["commune"])],
                      fields=["state", "row_count", "error_count"])
    assert imports and imports[0]["state"] == "compared"
    assert imports[0]["error_count"] == 1
    rows = officer("party.national.row", "search_count",
                   [("import_id", "=", imports[0]["id"])])
    assert rows == imports[0]["row_count"]
    groups = officer("party.national.difference", "read_group",
                     [("import_id", "=", imports[0]["id"])], ["kind"], ["kind"])
    kinds = {g["kind"] for g in groups}
    assert {"missing_local", "missing_national", "duplicate_national",
            "organization", "unknown_organization", "card_number", "name",
            "date_of_birth", "admission_date"} <= kinds
    # not an export of another commune
    assert refused_access(lambda: officer(
        "party.national.import", "create", {
            "name": "x", "organization_id": demo["other_commune"],
            "filename": "x.csv",
            "file": base64.b64encode(b"a;b\n").decode()}))


def test_secretary_sees_and_decides_the_differences_of_the_cell(
        odoo_server, demo):
    secretary = Rpc(odoo_server, "secretary", "secretary")
    differences = secretary("party.national.difference", "search_read", [],
                            fields=["organization_id", "state", "kind"])
    assert differences
    assert {d["organization_id"][0] for d in differences} == {demo["cell"]}
    for model in ("party.national.import", "party.national.row",
                  "party.national.mapping", "party.national.code"):
        assert refused_access(
            lambda model=model: secretary(model, "search", []))
    target = next(d for d in differences if d["state"] == "open")
    for values in ({"state": "ignored"}, {"decision_note": "x"},
                   {"national_value": "x"}, {"active": False}):
        denied(lambda values=values: secretary(
            "party.national.difference", "write", [target["id"]], values,
            context=FORGED))
    denied(lambda: secretary("party.national.difference", "unlink",
                             [target["id"]], context=FORGED))
    denied(lambda: secretary("party.national.difference", "_decide",
                             [target["id"]], {"state": "ignored"}))
    assert "reason" in denied(lambda: secretary(
        "party.national.difference", "action_ignore", [target["id"]], " "))
    secretary("party.national.difference", "action_ignore", [target["id"]],
              "Checked with the member's ID card")
    state = secretary("party.national.difference", "read", [target["id"]],
                      ["state", "decision_note"])[0]
    assert (state["state"], state["decision_note"]) == (
        "ignored", "Checked with the member's ID card")


@pytest.mark.parametrize("login", ["member", "supervisor"])
def test_members_and_supervisors_are_denied(odoo_server, login):
    user = Rpc(odoo_server, login, login)
    for model in ("party.national.import", "party.national.row",
                  "party.national.difference", "party.national.mapping",
                  "party.national.code"):
        assert refused_access(
            lambda model=model: user(model, "search", [], context=FORGED))
    denied(lambda: user("party.national.difference", "read_group", [],
                        ["kind"], ["kind"], context=FORGED))


def test_city_officer_imports_and_compares_over_rpc(odoo_server, demo):
    city = Rpc(odoo_server, "cityofficer", "cityofficer")
    csv = ("Số CCCD;Họ và tên;Ngày sinh;Giới tính;Số thẻ đảng viên;Số lý lịch;"
           "Ngày vào Đảng;Ngày chính thức;Mã tổ chức đảng;Tên tổ chức đảng\n"
           "046099911111;Phan Văn Ý;01/01/1970;Nam;46.1;LL;01/01/2000;"
           "01/01/2001;46.XX.01;Chi bộ lạ\n"
           ";Không có số;01/01/1970;Nam;46.2;LL;01/01/2000;01/01/2001;;\n")
    record = city("party.national.import", "create", {
        "name": "E2E export", "organization_id": demo["other_commune"],
        "filename": "e2e.csv",
        "file": base64.b64encode(csv.encode("utf-8")).decode()})
    city("party.national.import", "action_import", [record])
    city("party.national.import", "action_compare", [record])
    data = city("party.national.import", "read", [record],
                ["state", "row_count", "error_count", "difference_count"])[0]
    assert (data["state"], data["row_count"], data["error_count"]) == (
        "compared", 2, 1)
    assert data["difference_count"] >= 2
    denied(lambda: city("party.national.import", "write", [record],
                        {"state": "draft"}, context=FORGED))
    denied(lambda: city("party.national.import", "unlink", [record],
                        context=FORGED))
    denied(lambda: city("party.national.import", "_compare", [record]))
