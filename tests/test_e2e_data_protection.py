"""End-to-end personal data protection (Law 91/2025/QH15) against a real
server: reads of sensitive fields over XML-RPC are logged for the data
protection officer, one row per member; nobody writes the log; exports of
sensitive fields need a group; a member downloads their own data file from
the portal, and only theirs."""
import io
import json
import re
import zipfile
from xmlrpc.client import Fault

import pytest
import requests

from test_e2e_access import ADMIN, Rpc

TIMEOUT = 60
PASSWORD = "Ph-Dpo-E2e-2026!x"


@pytest.fixture(scope="module")
def world(odoo_server):
    admin = Rpc(odoo_server, *ADMIN)
    city = admin.ref("party_handbook.org_hue_demo")
    commune = admin("party.organization", "create", {
        "name": "E2E DP Commune", "code": "E2E-DP", "level": "commune",
        "parent_id": city})
    cell = admin("party.organization", "create", {
        "name": "E2E DP Cell", "code": "E2E-DP1", "level": "cell",
        "parent_id": commune})
    members = [admin("party.member", "create", {
        "name": "E2E DP Đảng viên %d" % index, "organization_id": cell,
        "admission_date": "2015-03-03", "date_of_birth": "1980-02-02",
        "national_id": "04608870000%d" % index, "religion": "Không",
        "email": "e2e_dp_%d@example.org" % index}) for index in range(3)]
    group = lambda name: admin.ref("party_handbook.group_party_handbook_%s" % name)  # noqa: E731,E501
    officer = admin("res.users", "create", {
        "name": "E2E DP officer", "login": "e2e_dp_officer", "password": PASSWORD,
        "email": "e2e_dp_officer@example.org",
        "groups_id": [(6, 0, [group("officer")])],
        "party_organization_ids": [(6, 0, [commune])]})
    admin("res.users", "create", {
        "name": "E2E DP DPO", "login": "e2e_dp_dpo", "password": PASSWORD,
        "email": "e2e_dp_dpo@example.org", "groups_id": [(6, 0, [group("dpo")])]})
    partner = admin("party.member", "read", [members[0]], ["partner_id"])[0][
        "partner_id"][0]
    admin("res.users", "create", {
        "login": "e2e_dp_member", "password": PASSWORD, "partner_id": partner,
        "groups_id": [(6, 0, [group("member"), admin.ref("base.group_portal")])]})
    return {"members": members, "officer": officer, "admin": admin}


def test_rpc_reads_of_sensitive_fields_are_logged(odoo_server, world):
    officer = Rpc(odoo_server, "e2e_dp_officer", PASSWORD)
    dpo = Rpc(odoo_server, "e2e_dp_dpo", PASSWORD)
    members = world["members"]
    rows = officer("party.member", "search_read",
                   [("id", "in", members)], fields=["name", "national_id"])
    assert len(rows) == 3
    log = dpo("party.data.access.log", "search_read",
              [("user_id", "=", world["officer"])],
              fields=["member_id", "field_names", "channel", "operation"])
    assert sorted(row["member_id"][0] for row in log) == sorted(members)
    assert {(row["field_names"], row["channel"], row["operation"])
            for row in log} == {("national_id", "rpc", "read")}
    # reading no sensitive field logs nothing more
    officer("party.member", "read", members, ["name", "occupation"])
    assert dpo("party.data.access.log", "search_count",
               [("user_id", "=", world["officer"])]) == 3
    # the log is append-only, for the DPO and the administrator alike
    for caller in (dpo, world["admin"]):
        with pytest.raises(Fault):
            caller("party.data.access.log", "write", [log[0]["id"]],
                   {"field_names": "name"})
        with pytest.raises(Fault):
            caller("party.data.access.log", "unlink", [log[0]["id"]])
        with pytest.raises(Fault):
            caller("party.data.access.log", "create", {
                "member_id": members[0], "channel": "web", "operation": "read",
                "date": "2026-01-01 00:00:00"})
    with pytest.raises(Fault):  # the officer does not read the log
        officer("party.data.access.log", "search", [])


def test_export_of_sensitive_fields_needs_the_group(odoo_server, world):
    officer = Rpc(odoo_server, "e2e_dp_officer", PASSWORD)
    with pytest.raises(Fault) as fault:
        officer("party.member", "export_data", world["members"],
                ["name", "national_id"])
    assert "Export sensitive personal data" in fault.value.faultString
    assert len(officer("party.member", "export_data", world["members"],
                       ["name"])["datas"]) == 3


def login(server, login_name):
    session = requests.Session()
    page = session.get(server.url + "/web/login", timeout=TIMEOUT)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(server.url + "/web/login", data={
        "login": login_name, "password": PASSWORD, "csrf_token": token,
        "redirect": "/my"}, timeout=TIMEOUT)
    return session


def test_member_downloads_own_data_from_the_portal(odoo_server, world):
    session = login(odoo_server, "e2e_dp_member")
    home = session.get(odoo_server.url + "/my", timeout=TIMEOUT)
    assert 'href="/my/party/data"' in home.text
    page = session.get(odoo_server.url + "/my/party/data", timeout=TIMEOUT)
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = session.post(odoo_server.url + "/my/party/data/download",
                            data={"csrf_token": token}, timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("du_lieu_cua_toi.json").decode())
    assert data["member"] == "E2E DP Đảng viên 0"
    assert data["profile"]["National ID"] == "046088700000"
    text = archive.read("du_lieu_cua_toi.json").decode() + archive.read(
        "du_lieu_cua_toi.html").decode()
    assert "E2E DP Đảng viên 1" not in text and "046088700001" not in text
    assert "meeting_attendance" in {s["key"] for s in data["sections"]}
    # without the form's token, nothing is produced
    assert session.post(odoo_server.url + "/my/party/data/download",
                        timeout=TIMEOUT).status_code != 200
    dpo = Rpc(odoo_server, "e2e_dp_dpo", PASSWORD)
    log = dpo("party.data.access.log", "search_read",
              [("operation", "=", "subject_access")],
              fields=["member_id", "channel"])
    assert [(row["member_id"][0], row["channel"]) for row in log] == [
        (world["members"][0], "portal")]
    # the officer cannot use the member's own route for someone else, and
    # produces the file for a member of their scope (assisted, logged)
    officer = login(odoo_server, "e2e_dp_officer")
    assisted = officer.get(odoo_server.url + "/party_handbook/subject_access/%d"
                           % world["members"][2], timeout=TIMEOUT)
    assert assisted.status_code == 200
    data = json.loads(zipfile.ZipFile(io.BytesIO(assisted.content)).read(
        "du_lieu_cua_toi.json").decode())
    assert data["member"] == "E2E DP Đảng viên 2"
    member = login(odoo_server, "e2e_dp_member")
    refused = member.get(odoo_server.url + "/party_handbook/subject_access/%d"
                         % world["members"][1], timeout=TIMEOUT)
    assert refused.status_code in (403, 404)
