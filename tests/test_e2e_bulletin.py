"""End-to-end: the monthly audio bulletin (issue #15) over HTTP and XML-RPC.
The demo's published bulletin of Đảng bộ xã Vinh Lộc is heard by the demo
member of its cell Lương Viện; a member of Thuận Lộc (Đảng bộ phường Phú
Xuân) neither reads it nor fetches its audio (404); drafts stay with the
committee's officers; context keys change nothing."""
import re
from xmlrpc.client import Fault

import pytest
import requests

import harness

FORGED = {"internal_write": True, "party_internal": True, "force": True,
          "bypass_checks": True, "active_test": False, "install_mode": True}


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


def web_session(server, login):
    session = requests.Session()
    page = session.get(server.url + "/web/login", timeout=harness.REQUEST_TIMEOUT)
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    session.post(server.url + "/web/login", data={
        "login": login, "password": login, "csrf_token": token,
        "redirect": "/my"}, timeout=harness.REQUEST_TIMEOUT)
    return session


@pytest.fixture(scope="module")
def demo_bulletin(odoo_server):
    admin = Rpc(odoo_server, "admin", "admin")
    vinh_loc = admin.ref("party_handbook.org_vinh_loc_demo")
    rows = admin("party.audio.bulletin", "search_read",
                 [("organization_id", "=", vinh_loc), ("state", "=", "published")],
                 fields=["name", "month", "audio_state", "audio_duration"])
    assert len(rows) == 1, rows
    bulletin = rows[0]
    assert bulletin["audio_state"] == "ready"
    assert bulletin["audio_duration"] > 30
    audio = admin("party.audio", "search_read", [
        ("res_model", "=", "party.audio.bulletin"),
        ("res_id", "=", bulletin["id"]), ("purpose", "=", "bulletin")],
        fields=["id", "text"])[0]
    bulletin["audio_id"] = audio["id"]
    bulletin["text"] = audio["text"]
    return bulletin


def test_demo_bulletin_tells_the_month(demo_bulletin):
    text = demo_bulletin["text"]
    assert text.startswith("Bản tin tháng ")
    assert "Đảng bộ xã Vinh Lộc" in text
    assert "Nghị quyết về nâng cao chất lượng sinh hoạt chi bộ năm 2026" in text
    assert "Kết quả sinh hoạt chi bộ." in text  # the meetings module's section


def test_member_of_the_committee_listens(odoo_server, demo_bulletin):
    session = web_session(odoo_server, "member")
    page = session.get(odoo_server.url + "/my/party/bulletins",
                       timeout=harness.REQUEST_TIMEOUT)
    assert page.status_code == 200
    url = "/party_handbook/audio/%s" % demo_bulletin["audio_id"]
    assert url in page.text
    assert demo_bulletin["name"] in page.text
    home = session.get(odoo_server.url + "/my", timeout=harness.REQUEST_TIMEOUT)
    assert 'href="/my/party/bulletins"' in home.text
    audio = session.get(odoo_server.url + url, timeout=harness.REQUEST_TIMEOUT)
    assert audio.status_code == 200
    assert audio.headers["Content-Type"] == "audio/ogg"
    assert audio.content[:4] == b"OggS"
    part = session.get(odoo_server.url + url, headers={"Range": "bytes=0-99"},
                       timeout=harness.REQUEST_TIMEOUT)
    assert part.status_code == 206 and len(part.content) == 100
    listened = session.post(odoo_server.url + url + "/listened", json={
        "jsonrpc": "2.0", "method": "call", "params": {"fraction": 0.95}},
        timeout=harness.REQUEST_TIMEOUT).json()
    assert listened["result"]["counted"] is True
    admin = Rpc(odoo_server, "admin", "admin")
    count = admin("party.audio.bulletin", "read", [demo_bulletin["id"]],
                  ["listened_count"])[0]["listened_count"]
    assert count >= 1


def test_member_of_another_committee_gets_404(odoo_server, demo_bulletin):
    session = web_session(odoo_server, "thuanloc1")
    page = session.get(odoo_server.url + "/my/party/bulletins",
                       timeout=harness.REQUEST_TIMEOUT)
    assert page.status_code == 200
    assert demo_bulletin["name"] not in page.text
    url = "/party_handbook/audio/%s" % demo_bulletin["audio_id"]
    # the whole address (audio 5 is not audio 530)
    assert not re.search(re.escape(url) + r"(?![0-9])", page.text)
    for path in (url, url + "?download=1"):
        response = session.get(odoo_server.url + path,
                               timeout=harness.REQUEST_TIMEOUT)
        assert response.status_code == 404, path
    response = session.post(odoo_server.url + url + "/listened", json={
        "jsonrpc": "2.0", "method": "call", "params": {"fraction": 1}},
        timeout=harness.REQUEST_TIMEOUT)
    assert "result" not in response.json() or response.status_code == 404
    member = Rpc(odoo_server, "thuanloc1", "thuanloc1")
    assert demo_bulletin["id"] not in member("party.audio.bulletin", "search", [])
    assert demo_bulletin["id"] not in member(
        "party.audio.bulletin", "search", [], context=FORGED)
    for context in ({}, FORGED):
        with pytest.raises(Fault) as fault:
            member("party.audio.bulletin", "read", [demo_bulletin["id"]],
                   ["script"], context=context)
        assert "security restrictions" in fault.value.faultString
    # anonymous: sent to the login page, never the audio
    anonymous = requests.get(odoo_server.url + url, allow_redirects=False,
                             timeout=harness.REQUEST_TIMEOUT)
    assert anonymous.status_code in (302, 303, 404)


def test_drafts_stay_with_the_officers(odoo_server, demo_bulletin):
    officer = Rpc(odoo_server, "officer", "officer")
    vinh_loc = officer.ref("party_handbook.org_vinh_loc_demo")
    draft = officer("party.audio.bulletin", "create", {
        "organization_id": vinh_loc, "month": "2024-05-01"})
    script = officer("party.audio.bulletin", "read", [draft], ["script"])[0]["script"]
    assert script.startswith("Bản tin tháng 5 năm 2024 của Đảng bộ xã Vinh Lộc.")
    member = Rpc(odoo_server, "member", "member")
    # the member sees published bulletins of his committees only (another
    # test may have published the city's), never the officer's draft
    seen = member("party.audio.bulletin", "search", [])
    assert demo_bulletin["id"] in seen and draft not in seen
    admin = Rpc(odoo_server, "admin", "admin")
    assert {row["state"] for row in admin(
        "party.audio.bulletin", "read", seen, ["state"])} == {"published"}
    for call in (("read", [draft], ["script"]),
                 ("write", [draft], {"script": "x"}),
                 ("action_publish", [draft])):
        with pytest.raises(Fault):
            member("party.audio.bulletin", *call, context=FORGED)
    # a state is never written directly, whatever the context
    with pytest.raises(Fault) as fault:
        officer("party.audio.bulletin", "write", [draft], {"state": "published"},
                context=FORGED)
    assert "cannot be written directly" in fault.value.faultString
    # the monthly job is not callable over RPC
    with pytest.raises(Fault):
        officer("party.audio.bulletin", "_cron_create_drafts")
    # the officer publishes; the script is then frozen
    officer("party.audio.bulletin", "action_publish", [draft])
    with pytest.raises(Fault) as fault:
        officer("party.audio.bulletin", "write", [draft], {"script": "Sửa."},
                context=FORGED)
    assert "cannot be changed" in fault.value.faultString
