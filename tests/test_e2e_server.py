"""End-to-end: a real Odoo server started by the test run, over HTTP, XML-RPC
and JSON-RPC, with the hardened configuration the product ships."""
from xmlrpc.client import Fault

import pytest
import requests

import harness

DEMO_LOGIN = ("admin", "admin")


def rpc(server, service):
    return harness.xmlrpc("%s/xmlrpc/2/%s" % (server.url, service))


def test_login_page_is_served(odoo_server):
    response = requests.get(odoo_server.url + "/web/login", timeout=30)
    assert response.status_code == 200
    assert 'name="login"' in response.text
    assert response.headers.get("X-Frame-Options") == "DENY"


def test_xmlrpc_login_and_a_call_into_our_models(odoo_server):
    uid = rpc(odoo_server, "common").authenticate(
        odoo_server.db, *DEMO_LOGIN, {})
    assert uid
    organizations = rpc(odoo_server, "object").execute_kw(
        odoo_server.db, uid, DEMO_LOGIN[1], "party.organization", "search_read",
        [[("level", "=", "city")]], {"fields": ["name", "code", "child_ids"]})
    assert [o["code"] for o in organizations] == ["HUE"]
    communes = rpc(odoo_server, "object").execute_kw(
        odoo_server.db, uid, DEMO_LOGIN[1], "party.organization", "read",
        [organizations[0]["child_ids"]], {"fields": ["code"]})
    # the demo communes (other tests may add organizations named E2E-...)
    demo = [c for c in communes if not c["code"].startswith("E2E-")]
    assert len(demo) == 7


def test_xmlrpc_wrong_password_is_refused(odoo_server):
    assert rpc(odoo_server, "common").authenticate(
        odoo_server.db, "admin", "wrong", {}) is False


def test_jsonrpc_login_and_a_call_into_our_models(odoo_server):
    session = requests.Session()
    login = session.post(odoo_server.url + "/web/session/authenticate", json={
        "jsonrpc": "2.0", "method": "call", "params": {
            "db": odoo_server.db, "login": DEMO_LOGIN[0],
            "password": DEMO_LOGIN[1]}}, timeout=30).json()
    assert login["result"]["uid"]
    answer = session.post(odoo_server.url + "/web/dataset/call_kw", json={
        "jsonrpc": "2.0", "method": "call", "params": {
            "model": "party.organization", "method": "search_count",
            "args": [[("level", "=", "cell"), ("code", "not like", "E2E-%")]],
            "kwargs": {}}}, timeout=30).json()
    assert answer["result"] == 15  # the demo cells


@pytest.mark.parametrize("login, visible_cells", [
    ("member", set()),
    ("secretary", {"HUE-VL-01"}),
    ("officer", {"HUE-VL-01", "HUE-VL-02", "HUE-VL-03"}),
    # the three cells supervised, and the supervisor's own profile's cell
    ("supervisor", {"HUE-VL-01", "HUE-HA-01", "HUE-BD-01", "HUE-TH-01"}),
])
def test_demo_users_see_their_scope(odoo_server, login, visible_cells):
    """The demo users of README's table log in (password = login) and see
    the members of the organizations they are assigned to."""
    uid = rpc(odoo_server, "common").authenticate(odoo_server.db, login, login, {})
    assert uid, login
    members = rpc(odoo_server, "object").execute_kw(
        odoo_server.db, uid, login, "party.member", "search_read", [[]],
        {"fields": ["organization_id", "partner_id"]})
    assert members
    user = rpc(odoo_server, "object").execute_kw(
        odoo_server.db, uid, login, "res.users", "read", [[uid]],
        {"fields": ["partner_id"]})[0]
    if not visible_cells:  # a member sees their own profile only
        assert [m["partner_id"][0] for m in members] == [user["partner_id"][0]]
        return
    # other end-to-end tests add their own organizations (named "E2E …")
    # to this database: compare the demo's cells only
    cells = {m["organization_id"][1].rsplit(" / ", 1)[-1] for m in members}
    cells = {name for name in cells if not name.startswith("E2E")}
    codes = rpc(odoo_server, "object").execute_kw(
        odoo_server.db, uid, login, "party.organization", "search_read",
        [[("code", "in", sorted(visible_cells))]], {"fields": ["name"]})
    assert cells == {c["name"] for c in codes}


@pytest.mark.parametrize("path", [
    "/web/database/manager", "/web/database/selector",
])
def test_database_manager_pages_are_gone(odoo_server, path):
    response = requests.get(odoo_server.url + path, timeout=30)
    assert response.status_code == 404
    assert "master" not in response.text.lower()


def test_database_backup_with_default_master_password_is_refused(odoo_server):
    response = requests.post(odoo_server.url + "/web/database/backup", data={
        "master_pwd": "admin", "name": odoo_server.db, "backup_format": "zip"},
        timeout=60)
    assert response.status_code == 404
    assert not response.headers.get("Content-Type", "").startswith("application/")


def test_db_list_is_denied(odoo_server):
    with pytest.raises(Fault) as fault:
        rpc(odoo_server, "db").list()
    assert (fault.value.faultCode, fault.value.faultString) == (3, "Access denied")


@pytest.mark.parametrize("call", [
    ("change_admin_password", ["admin", "new-password"]),
    ("dump", ["admin", harness.TEST_DB, "zip"]),
    ("create_database", ["admin", "ph_evil", False, "en_US", "x", "admin", False]),
    ("drop", ["admin", harness.TEST_DB]),
])
def test_default_master_password_is_rejected(odoo_server, call):
    method, args = call
    with pytest.raises(Fault) as fault:
        getattr(rpc(odoo_server, "db"), method)(*args)
    assert (fault.value.faultCode, fault.value.faultString) == (3, "Access denied")
    # and the database is still there, nothing new was created
    assert rpc(odoo_server, "common").authenticate(
        odoo_server.db, *DEMO_LOGIN, {})


def test_server_listens_on_loopback_only(odoo_server):
    port = int(odoo_server.url.rsplit(":", 1)[1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as handle:
            for row in handle.readlines()[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:
                    listening.append(address)
    assert listening == ["0100007F"], listening  # 127.0.0.1 only
    # the test server's own socket, on a free port unless one was requested
    assert harness.listens(odoo_server.proc.pid, port)
    if not harness.HTTP_PORT:
        assert port not in (8069, 8169)
