"""A document's audio over HTTP and XML-RPC (issue #15, part B): its
recipients fetch it (whole or in byte ranges), nobody else does; listening
to most of it counts like reading and officers see the count; nobody reads,
searches or writes ``party.audio`` or creates a listening over RPC."""
import re
import time
from xmlrpc.client import Fault

import pytest
import requests

import harness
from test_e2e_access import ADMIN, Rpc
from test_e2e_errors import web_session

TIMEOUT = harness.REQUEST_TIMEOUT
OFFICER = ("e2e_aud_officer", "Ph-Officer-2026!x")
MEMBER = ("e2e_aud_member", "Ph-Member-2026!x")
OTHER = ("e2e_aud_other", "Ph-Other-2026!xq")


@pytest.fixture(scope="module")
def world(odoo_server):
    """A commune with a cell and a member who receives a document, another
    commune's member who does not, the commune's officer; the document is
    published and its audio made (the scheduled action run at once)."""
    admin = Rpc(odoo_server, *ADMIN)
    org = lambda vals: admin("party.organization", "create", vals)  # noqa: E731
    city = admin.ref("party_handbook.org_hue_demo")
    commune_x = org({"name": "E2E Audio Commune X", "code": "E2E-AUX",
                     "level": "commune", "parent_id": city})
    commune_y = org({"name": "E2E Audio Commune Y", "code": "E2E-AUY",
                     "level": "commune", "parent_id": city})
    cell_x = org({"name": "E2E Audio Cell X1", "code": "E2E-AUX1",
                  "level": "cell", "parent_id": commune_x})
    cell_y = org({"name": "E2E Audio Cell Y1", "code": "E2E-AUY1",
                  "level": "cell", "parent_id": commune_y})

    def member(name, cell):
        member_id = admin("party.member", "create", {
            "name": name, "organization_id": cell,
            "admission_date": "2015-03-03", "date_of_birth": "1950-02-02",
            "email": "%s@example.org" % name.split()[-1].lower()})
        return member_id, admin("party.member", "read", [member_id],
                                ["partner_id"])[0]["partner_id"][0]
    groups = {name: admin.ref("party_handbook.group_party_handbook_%s" % name)
              for name in ("officer", "member")}
    portal = admin.ref("base.group_portal")
    x_member, x_partner = member("E2E Nghe Văn Xuân", cell_x)
    _y_member, y_partner = member("E2E Nghe Thị Yến", cell_y)
    admin("res.users", "create", {
        "login": MEMBER[0], "password": MEMBER[1], "partner_id": x_partner,
        "groups_id": [(6, 0, [groups["member"], portal])]})
    admin("res.users", "create", {
        "login": OTHER[0], "password": OTHER[1], "partner_id": y_partner,
        "groups_id": [(6, 0, [groups["member"], portal])]})
    admin("res.users", "create", {
        "name": "E2E audio officer", "login": OFFICER[0], "password": OFFICER[1],
        "email": "e2e_aud_officer@example.org",
        "groups_id": [(6, 0, [groups["officer"]])],
        "party_organization_ids": [(6, 0, [commune_x])]})
    officer = Rpc(odoo_server, *OFFICER)
    document = officer("party.document", "create", {
        "name": "Thông báo về lịch sinh hoạt chi bộ", "document_type": "notice",
        "issuing_organization_id": commune_x, "date": "2026-03-05",
        "content": "<p>Chi bộ sinh hoạt định kỳ vào ngày 5 hằng tháng.</p>",
        "target_ids": [(0, 0, {"organization_id": commune_x,
                               "include_subtree": True})]})
    started = time.time()
    officer("party.document", "action_publish", [document])
    publish_seconds = time.time() - started
    state = officer("party.document", "read", [document],
                    ["audio_state"])[0]["audio_state"]
    assert state == "pending", "the audio is made in the background"
    admin("ir.cron", "method_direct_trigger",
          [admin.ref("party_handbook.ir_cron_party_audio")])
    row = officer("party.document", "read", [document],
                  ["audio_state", "audio_player"])[0]
    assert row["audio_state"] == "ready", row
    audio_id = int(re.search(r"/party_handbook/audio/(\d+)",
                             row["audio_player"]).group(1))
    return {"admin": admin, "officer": officer, "document": document,
            "audio": audio_id, "x_member": x_member,
            "publish_seconds": publish_seconds}


def audio_url(server, world):
    return "%s/party_handbook/audio/%s" % (server.url, world["audio"])


def listened(server, session, world, fraction):
    answer = session.post(audio_url(server, world) + "/listened", json={
        "jsonrpc": "2.0", "method": "call", "id": 1,
        "params": {"fraction": fraction}}, timeout=TIMEOUT)
    assert answer.status_code == 200
    return answer.json()["result"]


def test_publishing_is_quick(world):
    # the request only stores the text to say (the speech is made by the job)
    assert world["publish_seconds"] < 5


def test_the_recipient_hears_it_whole_and_in_ranges(odoo_server, world):
    member = web_session(odoo_server, *MEMBER)
    whole = member.get(audio_url(odoo_server, world), timeout=TIMEOUT)
    assert whole.status_code == 200
    assert whole.headers["Content-Type"] == "audio/ogg"
    assert whole.headers["Accept-Ranges"] == "bytes"
    assert whole.content[:4] == b"OggS"
    assert "private" in whole.headers["Cache-Control"]
    size = len(whole.content)
    part = member.get(audio_url(odoo_server, world), timeout=TIMEOUT,
                      headers={"Range": "bytes=100-1099"})
    assert part.status_code == 206
    assert part.headers["Content-Range"] == "bytes 100-1099/%s" % size
    assert part.content == whole.content[100:1100]
    tail = member.get(audio_url(odoo_server, world), timeout=TIMEOUT,
                      headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == whole.content[-10:]
    # the page shows the player above the content, the list a marker
    page = member.get("%s/my/party/documents/%s" % (
        odoo_server.url, world["document"]), timeout=TIMEOUT)
    assert page.status_code == 200
    assert 'src="/party_handbook/audio/%s"' % world["audio"] in page.text
    assert page.text.index("o_party_audio") < page.text.index(
        "o_party_document_content")
    listing = member.get(odoo_server.url + "/my/party/documents",
                         timeout=TIMEOUT)
    assert "o_party_label_audio" in listing.text


def test_others_get_404_and_strangers_the_login(odoo_server, world):
    other = web_session(odoo_server, *OTHER)
    for url in (audio_url(odoo_server, world),
                audio_url(odoo_server, {"audio": world["audio"] + 100000})):
        answer = other.get(url, timeout=TIMEOUT, allow_redirects=False)
        assert answer.status_code == 404
        assert b"OggS" not in answer.content
    answer = other.post(audio_url(odoo_server, world) + "/listened", json={
        "jsonrpc": "2.0", "method": "call", "id": 1,
        "params": {"fraction": 1}}, timeout=TIMEOUT)
    assert "result" not in answer.json() or not answer.json()["result"].get(
        "counted")
    anonymous = requests.get(audio_url(odoo_server, world), timeout=TIMEOUT,
                             allow_redirects=False)
    assert anonymous.status_code in (302, 303, 404)
    if anonymous.status_code != 404:
        assert "/web/login" in anonymous.headers["Location"]
    assert b"OggS" not in anonymous.content


def test_listening_most_of_it_counts_like_reading(odoo_server, world):
    officer = world["officer"]
    member = web_session(odoo_server, *MEMBER)
    assert listened(odoo_server, member, world, 0.5) == {"counted": False}
    row = officer("party.document", "read", [world["document"]],
                  ["listened_count"])[0]
    assert row["listened_count"] == 0
    assert listened(odoo_server, member, world, 0.9) == {"counted": True}
    assert listened(odoo_server, member, world, 1.0) == {"counted": True}
    row = officer("party.document", "read", [world["document"]],
                  ["listened_count", "read_count"])[0]
    assert (row["listened_count"], row["read_count"]) == (1, 1)
    receipts = officer("party.document.receipt", "search_read",
                       [("document_id", "=", world["document"]),
                        ("listened_on", "!=", False)],
                       fields=["member_id", "state", "read_on", "listened_on"])
    assert [r["member_id"][0] for r in receipts] == [world["x_member"]]
    assert receipts[0]["state"] == "read" and receipts[0]["read_on"]


@pytest.mark.parametrize("login", [OFFICER, MEMBER])
def test_party_audio_is_not_reachable_over_rpc(odoo_server, world, login):
    rpc = Rpc(odoo_server, *login)
    calls = [
        ("party.audio", "read", [[world["audio"]], ["data", "text"]]),
        ("party.audio", "search", [[]]),
        ("party.audio", "search_read", [[], ["text"]]),
        ("party.audio", "write", [[world["audio"]], {"source": "human"}]),
        ("party.audio", "create", [{"res_model": "party.document",
                                    "res_id": world["document"],
                                    "purpose": "notice"}]),
        ("party.audio.listen", "create", [{"audio_id": world["audio"],
                                           "user_id": rpc.uid,
                                           "fraction": 1}]),
        ("party.audio.listen", "search", [[]]),
        ("party.document.receipt", "write", [[1], {"listened_on": False}]),
    ]
    for model, method, args in calls:
        with pytest.raises(Fault):
            rpc(model, method, *args)
    with pytest.raises(Fault):
        rpc("party.audio", "_record_listening", [world["audio"]], 1.0)
