"""Security headers and error answers against the real server (issue #11,
part 5): headers on every kind of response; no traceback reaches a client
(an incident id instead, the traceback in the log); NUL bytes and
undecodable input answer 400 (or an RPC error) before any write; refused
reports answer 403/404; the log does not carry rejected personal values."""
import json
import re
import time
from xmlrpc.client import Fault

import pytest
import requests

import harness
from test_e2e_access import ADMIN, Rpc

TRACEBACK_MARKS = ("Traceback (most recent call last)", 'File "/', "psycopg2.")
TIMEOUT = harness.REQUEST_TIMEOUT
INCIDENT = re.compile(r"\b[0-9A-F]{10}\b")


def no_traceback(text):
    return not any(mark in text for mark in TRACEBACK_MARKS)


def web_session(server, login, password):
    """A logged-in requests session (the web login form)."""
    session = requests.Session()
    page = session.get(server.url + "/web/login", timeout=TIMEOUT)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    answer = session.post(server.url + "/web/login", timeout=TIMEOUT, data={
        "login": login, "password": password, "csrf_token": token,
        "redirect": ""}, allow_redirects=False)
    # Odoo 11 answers a successful login with a page that redirects
    assert answer.status_code in (200, 302, 303) \
        and "oe_login_form" not in answer.text, "login %s refused" % login
    return session


def csrf_token(session, server, path="/my/party/profile/correct"):
    page = session.get(server.url + path, timeout=TIMEOUT)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def call_kw(session, server, model, method, args, kwargs=None, raw=None):
    body = raw if raw is not None else json.dumps({
        "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": args,
            "kwargs": kwargs or {}}}).encode()
    return session.post(server.url + "/web/dataset/call_kw/%s/%s" % (model, method),
                        data=body, headers={"Content-Type": "application/json"},
                        timeout=TIMEOUT)


def xmlrpc_raw(server, body, path="/xmlrpc/2/object"):
    return requests.post(server.url + path, data=body, timeout=TIMEOUT,
                         headers={"Content-Type": "text/xml"})


@pytest.fixture(scope="module")
def admin(odoo_server):
    return Rpc(odoo_server, *ADMIN)


@pytest.fixture(scope="module")
def admin_web(odoo_server):
    return web_session(odoo_server, *ADMIN)


@pytest.fixture(scope="module")
def member_web(odoo_server):
    return web_session(odoo_server, "member", "member")


def assert_security_headers(response, what):
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'self'" in csp, (what, csp)
    assert "default-src 'self'" in csp, (what, csp)
    # Odoo's login page says DENY itself: stricter, kept
    assert headers.get("X-Frame-Options") in ("SAMEORIGIN", "DENY"), what
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("Referrer-Policy") in (
        "same-origin", "strict-origin-when-cross-origin"), what


def test_security_headers_on_every_kind_of_response(
        odoo_server, admin, admin_web, member_web):
    url = odoo_server.url
    anonymous = requests.Session()
    member_record = admin("party.member", "search", [], limit=1)[0]
    responses = {
        "/web/login": anonymous.get(url + "/web/login", timeout=TIMEOUT),
        "/my (anonymous, redirect)": anonymous.get(
            url + "/my", timeout=TIMEOUT, allow_redirects=False),
        "/my": member_web.get(url + "/my", timeout=TIMEOUT),
        "/my/party/profile": member_web.get(url + "/my/party/profile",
                                            timeout=TIMEOUT),
        "/web": admin_web.get(url + "/web", timeout=TIMEOUT),
        "static file": anonymous.get(url + "/web/static/src/img/favicon.ico",
                                     timeout=TIMEOUT),
        "report (html)": admin_web.get(
            url + "/report/html/party_handbook.report_member_profile/%d"
            % member_record, timeout=120),
        "JSON-RPC": admin_web.post(
            url + "/web/session/get_session_info", timeout=TIMEOUT,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}),
            headers={"Content-Type": "application/json"}),
        "XML-RPC": requests.post(
            url + "/xmlrpc/2/common", timeout=TIMEOUT,
            data=b"<?xml version='1.0'?><methodCall><methodName>version"
                 b"</methodName><params></params></methodCall>",
            headers={"Content-Type": "text/xml"}),
        "404": anonymous.get(url + "/no/such/page", timeout=TIMEOUT),
    }
    for what, response in responses.items():
        assert response.status_code < 500, (what, response.status_code)
        assert_security_headers(response, what)
    assert responses["report (html)"].status_code == 200
    assert "<html" in responses["report (html)"].text
    assert responses["static file"].status_code == 200
    # the web client's inline scripts need 'unsafe-inline'/'unsafe-eval';
    # nothing is loaded from another origin and plugins are off
    csp = responses["/web"].headers["Content-Security-Policy"]
    assert "object-src 'none'" in csp and "base-uri 'self'" in csp
    assert "http:" not in csp and "https:" not in csp and "*" not in csp


def test_pdf_report_has_headers(odoo_server, admin, admin_web):
    member = admin("party.member", "search", [], limit=1)[0]
    response = admin_web.get(
        odoo_server.url + "/report/pdf/party_handbook.report_member_profile/%d"
        % member, timeout=180)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/pdf")
    assert_security_headers(response, "PDF report")


def test_unexpected_error_over_xmlrpc_has_an_incident_and_no_traceback(
        odoo_server, admin):
    with pytest.raises(Fault) as fault:
        # an integer compared with text: PostgreSQL refuses the query
        admin("party.member", "search", [("id", "=", "not a number")])
    text = fault.value.faultString
    assert no_traceback(text), text
    incident = re.search(r"[Ii]ncident ([0-9A-F]{10})", text)
    assert incident and "unexpected error" in text, text
    log = odoo_server.log()
    assert "incident %s: unexpected" % incident.group(1) in log
    # the traceback is in the log, under the incident
    entry = log[log.index("incident %s: unexpected" % incident.group(1)):]
    assert "Traceback (frames)" in entry[:5000]
    # legacy route (string fault codes) too
    proxy = harness.xmlrpc(odoo_server.url + "/xmlrpc/object")
    with pytest.raises(Fault) as fault:
        proxy.execute_kw(odoo_server.db, admin.uid, admin.password, "party.member",
                         "search", [[("id", "=", "not a number")]])
    assert no_traceback(fault.value.faultCode + fault.value.faultString)
    assert "ncident" in fault.value.faultCode + fault.value.faultString


def test_unexpected_error_over_jsonrpc_has_an_incident_and_no_traceback(
        odoo_server, admin_web):
    answer = call_kw(admin_web, odoo_server, "party.member", "search",
                     [[("id", "=", "not a number")]])
    assert answer.status_code == 200
    assert no_traceback(answer.text), answer.text
    error = answer.json()["error"]
    assert "unexpected error" in error["data"]["message"]
    assert re.match(r"Incident [0-9A-F]{10}$", error["data"]["debug"])
    assert error["data"]["incident"] in odoo_server.log()


def test_expected_errors_keep_their_message_and_get_an_incident(
        odoo_server, admin_web):
    member = Rpc(odoo_server, "member", "member")
    with pytest.raises(Fault) as fault:
        member("party.member", "write", [1], {"occupation": "x"})
    text = fault.value.faultString
    assert fault.value.faultCode == 4  # access error, as Odoo numbers it
    assert "security restrictions" in text or "not allowed" in text, text
    assert re.search(r"ncident [0-9A-F]{10}", text) and no_traceback(text)
    answer = call_kw(admin_web, odoo_server, "party.organization", "create", [{}])
    error = answer.json()["error"]
    assert error["data"]["exception_type"] in ("validation_error", "user_error")
    assert "unexpected" not in error["data"]["message"]
    assert no_traceback(answer.text)


def test_nul_and_undecodable_input_answer_400_before_any_write(
        odoo_server, admin, member_web):
    url = odoo_server.url
    token = csrf_token(member_web, odoo_server)
    before = admin("party.member.change.request", "search_count", [])
    for data in ({"csrf_token": token, "phone": "0905\x00123456"},
                 {"csrf_token": token, "note": "a\x00b", "occupation": "x"}):
        answer = member_web.post(url + "/my/party/profile/correct", data=data,
                                 timeout=TIMEOUT, allow_redirects=False)
        assert answer.status_code == 400, answer.status_code
        assert "NUL character" in answer.text and no_traceback(answer.text)
        assert_security_headers(answer, "400 page")
    answer = member_web.post(
        url + "/my/party/profile/correct", timeout=TIMEOUT, allow_redirects=False,
        data=b"csrf_token=" + token.encode() + b"&occupation=N%FF%FEg",
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 400
    answer = member_web.post(
        url + "/my/party/profile/correct", timeout=TIMEOUT, allow_redirects=False,
        data={"csrf_token": token, "occupation": "a\x00"},
        files={"attachment": ("x.bin", b"\x00\x01binary is fine")})
    assert answer.status_code == 400
    assert member_web.get(url + "/my/party/profile?x=%00",
                          timeout=TIMEOUT).status_code == 400
    assert admin("party.member.change.request", "search_count", []) == before
    # JSON-RPC: an error the web client shows; nothing written
    count = admin("party.organization", "search_count", [])
    session = web_session(odoo_server, *ADMIN)
    answer = call_kw(session, odoo_server, "party.organization", "create",
                     [{"name": "E2E NUL\x00", "code": "E2E-NUL"}])
    assert "NUL character" in answer.json()["error"]["data"]["message"]
    answer = call_kw(session, odoo_server, "party.organization", "create", [], raw=(
        b'{"jsonrpc": "2.0", "method": "call", "params": {"model": '
        b'"party.organization", "method": "create", "args": [{"name": '
        b'"E2E \\ud800", "code": "E2E-SUR"}], "kwargs": {}}}'))
    assert "NUL character" in answer.json()["error"]["data"]["message"]
    assert admin("party.organization", "search_count", []) == count
    # XML-RPC: NUL is not XML; the Fault says why
    with pytest.raises(Fault) as fault:
        admin("party.organization", "create", {"name": "E2E NUL\x00", "code": "N"})
    assert "NUL character" in fault.value.faultString
    assert admin("party.organization", "search_count", []) == count


def test_malformed_bodies_answer_400_without_traceback(odoo_server, admin_web):
    for body in (b"<methodCall><methodName>x", b"not xml at all", b"",
                 b"<?xml version='1.0'?><methodCall><methodName>execute_kw"
                 b"</methodName><params><param><value><int>x</int></value>"
                 b"</param></params></methodCall>"):
        answer = xmlrpc_raw(odoo_server, body)
        assert answer.status_code == 400, (body, answer.status_code)
        assert no_traceback(answer.text)
    for body in (b"{not json", b"[1, 2]", b'{"params": "x"}', b"\xff\xfe{}"):
        answer = call_kw(admin_web, odoo_server, "party.member", "search", [],
                         raw=body)
        assert answer.status_code == 400, (body, answer.status_code)
        assert no_traceback(answer.text)


def test_refused_reports_answer_403_or_404(odoo_server, admin):
    member_web = web_session(odoo_server, "member", "member")
    own = Rpc(odoo_server, "member", "member")("party.member", "search", [])[0]
    other = admin("party.member", "search", [("id", "!=", own)], limit=1)[0]
    report = "party_handbook.report_member_profile"
    for converter in ("pdf", "html"):
        answer = member_web.get("%s/report/%s/%s/%d" % (
            odoo_server.url, converter, report, other), timeout=120)
        assert answer.status_code == 403, (converter, answer.status_code)
        assert no_traceback(answer.text) and INCIDENT.search(answer.text)
    for path, status in (
            ("/report/pdf/%s/abc" % report, 404),
            ("/report/pdf/%s/-1" % report, 404),
            ("/report/pdf/%s/1,,2" % report, 404),
            ("/report/pdf/%s/99999999999" % report, 404),
            ("/report/pdf/%s/2147483000" % report, 404),
            ("/report/pdf/no_such.report/1", 404),
            ("/report/xlsx/%s/%d" % (report, own), 404)):
        answer = member_web.get(odoo_server.url + path, timeout=120)
        assert answer.status_code == status, (path, answer.status_code)
        assert no_traceback(answer.text)


def test_rejected_personal_values_stay_out_of_the_log(odoo_server, admin):
    # distinctive, and new in the database whatever ran before
    national_id = "0792%08d" % (int(time.time() * 1000) % 10 ** 8)
    stamp = national_id[-6:]
    commune = admin("party.organization", "create", {
        "name": "E2E Errors commune %s" % stamp, "code": "E2E-ERRC-%s" % stamp,
        "level": "commune", "parent_id": admin.ref("party_handbook.org_hue_demo")})
    cell = admin("party.organization", "create", {
        "name": "E2E Errors cell %s" % stamp, "code": "E2E-ERR-%s" % stamp,
        "level": "cell", "parent_id": commune})
    values = {"organization_id": cell, "admission_date": "2015-03-03",
              "date_of_birth": "1980-02-02", "national_id": national_id}
    admin("party.member", "create", dict(values, name="E2E Lê Thị Nhật Ký"))
    with pytest.raises(Fault) as fault:
        admin("party.member", "create", dict(values, name="E2E Hồ Văn Trùng"))
    assert "national ID is already used" in fault.value.faultString
    with pytest.raises(Fault):  # a value PostgreSQL cannot take: DataError
        admin("party.member", "search", [("id", "=", "Hồ Văn Trùng 0905123456")])
    log = odoo_server.log()
    assert "bad query" in log  # the failed queries were logged ...
    for value in (national_id, "Hồ Văn Trùng", "0905123456"):
        assert value not in log, value  # ... without their values
