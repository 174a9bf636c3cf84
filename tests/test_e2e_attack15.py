"""End-to-end attack (issue #15 review): a monthly bulletin must not tell its
listeners about documents they did not receive.

The demo directive of the city (document_directive_demo) is sent to two
communes only. The city's bulletin of that month is read by every member of
the city (its record rule: committees above the member's organization), so
thuanloc1 (a member in Thuận Lộc, another commune) must find in it no
document they may not read themselves."""
import harness
from test_e2e_bulletin import Rpc, web_session


def test_city_bulletin_names_only_documents_its_listeners_received(odoo_server):
    admin = Rpc(odoo_server, "admin", "admin")
    city = admin.ref("party_handbook.org_hue_demo")
    directive = admin.ref("party_handbook.document_directive_demo")
    doc = admin("party.document", "read", [directive], ["date", "state"])[0]
    assert doc["state"] == "published"
    month = doc["date"][:8] + "01"
    officer = Rpc(odoo_server, "cityofficer", "cityofficer")
    found = admin("party.audio.bulletin", "search", [
        ("organization_id", "=", city), ("month", "=", month)])
    bulletin = found[0] if found else officer(
        "party.audio.bulletin", "create",
        {"organization_id": city, "month": month})
    state = admin("party.audio.bulletin", "read", [bulletin], ["state"])[0]
    if state["state"] == "draft":
        officer("party.audio.bulletin", "action_rebuild", [bulletin])
        officer("party.audio.bulletin", "action_publish", [bulletin])

    member = Rpc(odoo_server, "thuanloc1", "thuanloc1")
    rows = member("party.audio.bulletin", "search_read",
                  [("id", "=", bulletin)], fields=["script"])
    assert rows, "a member of the city reads the city's bulletin"
    script = rows[0]["script"] or ""
    month_docs = admin("party.document", "search_read", [
        ("date", ">=", month), ("state", "!=", "draft")], fields=["name"])
    readable = set(member("party.document", "search",
                          [("id", "in", [d["id"] for d in month_docs])]))
    leaked = [d["name"] for d in month_docs
              if d["name"] in script and d["id"] not in readable]
    assert not leaked, "bulletin tells thuanloc1 about %s" % leaked
    assert harness  # the server fixture comes from conftest


def test_audio_is_revalidated_at_each_play(odoo_server):
    """A shared phone: the browser keeps no audio it may replay to the next
    person signed in without asking (``no-cache``, revalidated with the
    ETag, the access checked again: another user gets 404, not 304)."""
    admin = Rpc(odoo_server, "admin", "admin")
    audio_ids = admin("party.audio", "search", [
        ("res_model", "=", "party.document"), ("state", "=", "ready")])
    assert audio_ids, "the demo documents have their audio"
    member = web_session(odoo_server, "member")
    other = web_session(odoo_server, "thuanloc1")
    tried = 0
    for audio_id in audio_ids:
        url = "%s/party_handbook/audio/%s" % (odoo_server.url, audio_id)
        mine = member.get(url, timeout=harness.REQUEST_TIMEOUT)
        if mine.status_code != 200:
            continue
        theirs = other.get(url, timeout=harness.REQUEST_TIMEOUT)
        if theirs.status_code == 200:
            continue  # a document both received
        tried += 1
        assert "no-cache" in mine.headers["Cache-Control"], mine.headers
        assert "max-age" not in mine.headers["Cache-Control"], mine.headers
        etag = {"If-None-Match": mine.headers["ETag"]}
        assert member.get(url, headers=etag, timeout=harness.REQUEST_TIMEOUT) \
            .status_code == 304
        assert other.get(url, headers=etag, timeout=harness.REQUEST_TIMEOUT) \
            .status_code == 404
    assert tried, "a document the member received and thuanloc1 did not"
