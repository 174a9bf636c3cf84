"""End-to-end attack (issue #15 review): a monthly bulletin must not tell its
listeners about documents they did not receive.

The demo directive of the city (document_directive_demo) is sent to two
communes only. The city's bulletin of that month is read by every member of
the city (its record rule: committees above the member's organization), so
thuanloc1 (a member in Thuận Lộc, another commune) must find in it no
document they may not read themselves."""
import harness
from test_e2e_bulletin import Rpc


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
