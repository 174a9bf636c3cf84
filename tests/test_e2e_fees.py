"""End-to-end: party fee payments (issue #16 §1) over XML-RPC and HTTP in
the demo cell of Thuận Lộc (Chi bộ khu vực 5): the secretary (thuanloc)
records cash and cancels a mistake, imports the public service portal's
list (a row twice, an unknown payer, a member of another cell), prints the
cell's report; the members (thuanloc1, thuanloc2) see only their own fees,
on /my/party/fees and over RPC; context keys change nothing.

The dues are the ledger's (issue #16 part A): the test writes the months
it needs with SQL when the database has none (ON CONFLICT: the ledger's
rows win), since no role creates dues by hand."""
import base64
import os
import subprocess
import time
from xmlrpc.client import Fault

import pytest
import requests

import harness
from test_e2e_bulletin import web_session

FORGED = {"internal_write": True, "party_internal": True, "force": True,
          "bypass_checks": True, "install_mode": True, "tracking_disable": True,
          "mail_notrack": True}
MONTHS = ("2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01")
HEADER = "Mã giao dịch;Số CCCD;Số thẻ đảng viên;Họ và tên;Số tiền;" \
         "Ngày thanh toán;Kỳ nộp"


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
    admin = Rpc(odoo_server, "admin", "admin")
    members = {n: admin.ref("party_handbook.party_member_%s_demo" % n)
               for n in ("155", "160", "161", "163", "164", "105")}
    harness.psql("""
        INSERT INTO party_fee_due (member_id, organization_id,
                                   member_partner_id, month, amount,
                                   amount_full, amount_paid, state)
        SELECT m.id, m.organization_id, m.partner_id, month::date, 30000,
               30000, 0, 'due'
          FROM party_member m,
               unnest(ARRAY['%s']) AS month
         WHERE m.id IN (%s)
        ON CONFLICT (member_id, month) DO NOTHING""" % (
        "','".join(MONTHS), ",".join(str(i) for i in members.values())),
        db=odoo_server.db)
    national = {key: admin("party.member", "read", [mid], ["national_id"])[0][
        "national_id"] for key, mid in members.items()}
    return {"admin": admin, "members": members, "national": national,
            "tag": "%x" % int(time.time() * 1000)}


def test_secretary_records_cash_then_cancels(odoo_server, world):
    secretary = Rpc(odoo_server, "thuanloc", "thuanloc")
    member = world["members"]["161"]
    payment = secretary("party.fee.payment", "create", {
        "member_id": member, "date": "2026-04-02", "month_from": "2026-04-01",
        "month_to": "2026-05-01", "amount": 60000, "channel": "cash",
        "reference": "PT-E2E-%s" % world["tag"]})
    row = secretary("party.fee.payment", "read", [payment],
                    ["recorded_by_id", "state", "organization_id"])[0]
    assert row["recorded_by_id"][0] == secretary.uid
    assert row["state"] == "posted"
    dues = secretary("party.fee.due", "search_read", [
        ("member_id", "=", member), ("month", "in", ["2026-04-01",
                                                     "2026-05-01"])],
        fields=["state"])
    assert {d["state"] for d in dues} == {"paid"}
    # never edited nor deleted, whatever the context says
    for vals in ({"amount": 1}, {"state": "cancelled"},
                 {"recorded_by_id": 1}):
        with pytest.raises(Fault):
            secretary("party.fee.payment", "write", [payment], vals,
                      context=FORGED)
    with pytest.raises(Fault):
        secretary("party.fee.payment", "unlink", [payment], context=FORGED)
    with pytest.raises(Fault):
        secretary("party.fee.payment", "create", {
            "member_id": member, "date": "2026-04-02",
            "month_from": "2026-04-01", "month_to": "2026-04-01",
            "amount": 30000, "state": "cancelled",
            "recorded_by_id": 1}, context=FORGED)
    # cancelled with the reason: the dues are unpaid again
    secretary("party.fee.payment", "action_cancel", [payment],
              "Ghi nhầm người nộp")
    row = secretary("party.fee.payment", "read", [payment],
                    ["state", "cancel_reason"])[0]
    assert (row["state"], row["cancel_reason"]) == ("cancelled",
                                                    "Ghi nhầm người nộp")
    dues = secretary("party.fee.due", "search_read", [
        ("member_id", "=", member), ("month", "=", "2026-05-01")],
        fields=["state"])
    assert dues[0]["state"] in ("due", "partial")
    # a member of another cell: refused
    with pytest.raises(Fault) as fault:
        secretary("party.fee.payment", "create", {
            "member_id": world["members"]["105"], "date": "2026-04-02",
            "month_from": "2026-04-01", "month_to": "2026-04-01",
            "amount": 30000})
    assert "organizations you serve" in fault.value.faultString or \
        "security restrictions" in fault.value.faultString


def test_import_of_the_portal_list(odoo_server, world):
    secretary = Rpc(odoo_server, "thuanloc", "thuanloc")
    tag, national = world["tag"], world["national"]
    lines = [
        HEADER,
        "DVCE2E%s1;%s;;Lê Bá Lợi;30.000;02/04/2026 09:10:11;04/2026" % (
            tag, national["155"]),
        "DVCE2E%s2;%s;;Ai Đó;30.000;02/04/2026;04/2026" % (
            tag, national["105"]),
        "DVCE2E%s3;046000000000;;Không Rõ;30.000;02/04/2026;04/2026" % tag,
        "DVCE2E%s1;%s;;Lê Bá Lợi;30.000;02/04/2026 09:10:11;04/2026" % (
            tag, national["155"]),
    ]
    content = ("\ufeff" + "\r\n".join(lines)).encode("utf-8")

    def run():
        record = secretary("party.fee.import", "create", {
            "name": "dvc-%s.csv" % tag,
            "file": base64.b64encode(content).decode()})
        secretary("party.fee.import", "action_preview", [record])
        rows = secretary("party.fee.import.line", "search_read",
                         [("import_id", "=", record)],
                         fields=["row_number", "state", "message"],
                         order="row_number")
        # nothing saved before the confirmation
        assert not secretary("party.fee.payment", "search", [
            ("reference", "=", "DVCE2E%s1" % tag)]) or rows[0][
                "state"] == "duplicate"
        secretary("party.fee.import", "action_confirm", [record])
        return record, rows

    record, rows = run()
    assert [r["state"] for r in rows] == ["ok", "error", "error",
                                          "duplicate"], rows
    assert rows[1]["row_number"] == 3
    counts = secretary("party.fee.import", "read", [record], [
        "count_saved", "count_errors", "count_duplicates", "state"])[0]
    assert (counts["count_saved"], counts["count_errors"],
            counts["count_duplicates"], counts["state"]) == (1, 2, 1, "done")
    # again: skipped, not doubled
    again, rows = run()
    assert [r["state"] for r in rows] == ["duplicate", "error", "error",
                                          "duplicate"]
    assert len(secretary("party.fee.payment", "search", [
        ("reference", "=", "DVCE2E%s1" % tag)])) == 1
    # a confirmed import is kept as it is
    with pytest.raises(Fault):
        secretary("party.fee.import", "unlink", [again], context=FORGED)
    with pytest.raises(Fault):
        secretary("party.fee.import.line", "write",
                  secretary("party.fee.import.line", "search",
                            [("import_id", "=", again)]),
                  {"state": "done"}, context=FORGED)
    # a member imports nothing
    member = Rpc(odoo_server, "thuanloc1", "thuanloc1")
    with pytest.raises(Fault):
        member("party.fee.import", "create", {
            "name": "x.csv", "file": base64.b64encode(content).decode()})


def test_members_see_only_their_own(odoo_server, world):
    secretary = Rpc(odoo_server, "thuanloc", "thuanloc")
    own = world["members"]["160"]
    secretary("party.fee.payment", "create", {
        "member_id": own, "date": "2026-04-03", "month_from": "2026-04-01",
        "month_to": "2026-04-01", "amount": 30000, "channel": "cash",
        "reference": "PT-E2E-160-%s" % world["tag"]})
    member = Rpc(odoo_server, "thuanloc1", "thuanloc1")
    payments = member("party.fee.payment", "search_read", [],
                      fields=["member_id"])
    assert payments and {p["member_id"][0] for p in payments} == {own}
    groups = member("party.fee.due", "read_group", [],
                    ["member_id", "amount"], ["member_id"])
    assert [g["member_id"][0] for g in groups] == [own]
    others = secretary("party.fee.payment", "search",
                       [("member_id", "!=", own)], limit=1)
    assert others
    with pytest.raises(Fault):
        member("party.fee.payment", "read", others, ["amount"])
    with pytest.raises(Fault):
        member("party.fee.payment", "action_cancel", others, "x")
    with pytest.raises(Fault):
        member("party.fee.payment", "create", {
            "member_id": own, "date": "2026-04-03",
            "month_from": "2026-05-01", "month_to": "2026-05-01",
            "amount": 30000}, context=FORGED)
    # the page: own months and payments, how to pay
    session = web_session(odoo_server, "thuanloc1")
    page = session.get(odoo_server.url + "/my/party/fees",
                       timeout=harness.REQUEST_TIMEOUT)
    assert page.status_code == 200
    assert "o_party_fee_month" in page.text
    assert "04/2026" in page.text
    assert "dichvucong.gov.vn" in page.text
    assert "Trần Thị Huyền" in page.text and "077 117 364" in page.text
    home = session.get(odoo_server.url + "/my", timeout=harness.REQUEST_TIMEOUT)
    assert 'href="/my/party/fees"' in home.text
    # thuanloc2 sees his own page, without thuanloc1's payment
    other = web_session(odoo_server, "thuanloc2")
    page = other.get(odoo_server.url + "/my/party/fees",
                     timeout=harness.REQUEST_TIMEOUT)
    assert page.status_code == 200
    assert "30.000 đ" in page.text
    assert "02/2026–03/2026" not in page.text  # thuanloc1's cash of March
    anonymous = requests.get(odoo_server.url + "/my/party/fees",
                             timeout=harness.REQUEST_TIMEOUT,
                             allow_redirects=False)
    assert anonymous.status_code in (302, 303)


def test_cell_report_pdf(odoo_server, world, artifacts):
    secretary = Rpc(odoo_server, "thuanloc", "thuanloc")
    cell = world["admin"].ref("party_handbook.org_phu_xuan_cell_2_demo")
    wizard = secretary("party.fee.report.wizard", "create", {
        "organization_id": cell, "month_from": "2026-02-01",
        "month_to": "2026-05-01"})
    session = web_session(odoo_server, "thuanloc")
    response = session.get(
        odoo_server.url + "/report/pdf/party_handbook.report_party_fee/%s"
        % wizard, timeout=harness.REQUEST_TIMEOUT * 4)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    path = os.path.join(artifacts, "fee-report-cell.pdf")
    with open(path, "wb") as handle:
        handle.write(response.content)
    text = subprocess.run(["pdftotext", "-layout", path, "-"],
                          stdout=subprocess.PIPE, check=True).stdout.decode()
    assert "Lê Bá Lợi" in text and "Trần Thị Huyền" in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                    path, os.path.join(artifacts, "fee-report-cell")],
                   check=True)
    # the committee above: a cell secretary may not report on it
    commune = world["admin"].ref("party_handbook.org_phu_xuan_demo")
    wizard = secretary("party.fee.report.wizard", "create", {
        "organization_id": commune, "month_from": "2026-02-01",
        "month_to": "2026-05-01"})
    with pytest.raises(Fault):
        secretary("party.fee.report.wizard", "action_print", [wizard])
