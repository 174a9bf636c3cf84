"""End-to-end sign-in against real servers: wrong-password locks over the
web login, XML-RPC and JSON-RPC (per login and per address), the password
policy, the session cookie's flags (Secure behind an HTTPS proxy), the idle
timeout and the TOTP second factor.

Failures are sent from made-up addresses through a second server in proxy
mode (X-Forwarded-For), so the other tests' logins from 127.0.0.1 never
meet a lock."""
import base64
import configparser
import hashlib
import hmac
import itertools
import os
import re
import struct
import time
import xmlrpc.client

import pytest
import requests

import harness

ADMIN = ("admin", "admin")
STRONG = "Ph-Signin-2026!x"
TIMEOUT = 60
_serial = itertools.count(1)


def unique(prefix):
    return "%s_%d_%d" % (prefix, int(time.time()), next(_serial))


def via(address, https=False):
    headers = {"X-Forwarded-For": address, "X-Forwarded-Host": "handbook.test"}
    if https:
        headers["X-Forwarded-Proto"] = "https"
    return headers


def xmlrpc_call(server, service, method, *args, headers=None):
    body = xmlrpc.client.dumps(args, method, allow_none=True)
    response = requests.post(
        "%s/xmlrpc/2/%s" % (server.url, service), data=body, timeout=TIMEOUT,
        headers=dict({"Content-Type": "text/xml"}, **(headers or {})))
    return xmlrpc.client.loads(response.content)[0][0]


def jsonrpc_login(server, login, password, headers=None):
    return requests.post(server.url + "/jsonrpc", json={
        "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "common", "method": "login",
            "args": [server.db, login, password]}},
        headers=headers, timeout=TIMEOUT).json().get("result")


def csrf(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def web_login(server, login, password, headers=None):
    """(session, signed in?, response) through the login form."""
    session = requests.Session()
    page = session.get(server.url + "/web/login", headers=headers, timeout=TIMEOUT)
    response = session.post(server.url + "/web/login", data={
        "login": login, "password": password, "csrf_token": csrf(page.text)},
        headers=headers, allow_redirects=False, timeout=TIMEOUT)
    # Odoo answers a redirection, or a page that sets window.location
    found = re.search(r"window\.location = '([^']*)'", response.text)
    target = response.headers.get("Location") or (found and found.group(1))
    return session, bool(target) and "/web/login" not in target, response


def refresh(server):
    """Odoo caches system parameters per process; another process learns of
    a change at its next web or object request (not on common.login)."""
    requests.get(server.url + "/web/login", timeout=TIMEOUT)


def session_uid(server, session):
    answer = session.post(server.url + "/web/session/get_session_info", json={
        "jsonrpc": "2.0", "method": "call", "params": {}}, timeout=TIMEOUT).json()
    return answer.get("result", {}).get("uid")


def totp(secret, counter):
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter),
                      hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** 6).zfill(6)


class Admin:
    def __init__(self, server):
        self.server = server
        self.uid = xmlrpc_call(server, "common", "authenticate", server.db,
                               *ADMIN, {})
        assert self.uid

    def __call__(self, model, method, *args, **kwargs):
        return xmlrpc_call(self.server, "object", "execute_kw", self.server.db,
                           self.uid, ADMIN[1], model, method, list(args), kwargs)

    def user(self, prefix, password=STRONG, internal=True):
        login = unique(prefix)
        group = "base.group_user" if internal else "base.group_portal"
        uid = self("res.users", "create", {
            "name": "Signin %s" % prefix.title(), "login": login,
            "password": password, "groups_id": [(6, 0, [
                self("ir.model.data", "xmlid_to_res_id", group)])]})
        return login, uid

    def param(self, key, value):
        self("ir.config_parameter", "set_param", key, value)


@pytest.fixture(scope="module")
def admin(odoo_server):
    return Admin(odoo_server)


@pytest.fixture(scope="module")
def proxy_server(odoo_server, odoo_config):
    """A second server on the same database, behind a (pretended) proxy."""
    parser = configparser.RawConfigParser()
    parser.read(odoo_config)
    parser.set("options", "proxy_mode", "True")
    path = os.path.join(harness.TEST_DIR, "odoo-proxy.conf")
    with open(path, "w") as handle:
        parser.write(handle)
    with harness.server(path, logfile=os.path.join(
            harness.TEST_DIR, "server-proxy.log")) as server:
        server.db = odoo_server.db
        yield server


@pytest.fixture
def params(admin):
    """Set ir.config_parameter values for one test, back to defaults after."""
    keys = []

    def set_param(key, value):
        keys.append(key)
        admin.param(key, value)
    yield set_param
    for key in keys:
        admin.param(key, False)


# -- wrong passwords ------------------------------------------------------

def test_web_login_is_locked_after_ten_failures_even_with_the_right_password(
        proxy_server, admin, params):
    login, _uid = admin.user("lockweb")
    here = via("127.0.0.62")
    started = time.time()
    for index in range(10):
        assert not web_login(proxy_server, login, "Wrong-pass-%d!" % index, here)[1]
    elapsed = time.time() - started
    _session, ok, response = web_login(proxy_server, login, STRONG, here)
    assert not ok and "Wrong login/password" in response.text
    # the login is locked from any address, over RPC too
    elsewhere = via("127.0.0.63")
    assert xmlrpc_call(proxy_server, "common", "authenticate", proxy_server.db,
                       login, STRONG, {}, headers=elsewhere) is False
    attempts = admin("res.authentication.attempt", "search_read",
                     [("login", "=", login)], fields=["result", "remote"])
    assert sorted({a["result"] for a in attempts}) == ["banned", "failed"]
    assert {a["remote"] for a in attempts} == {"127.0.0.62", "127.0.0.63"}
    # the lock ends with the window (15 minutes; 3 seconds here)
    params("party_handbook.auth_lock_minutes", "0.05")
    time.sleep(4)
    assert web_login(proxy_server, login, STRONG, here)[1]
    print("10 wrong web logins in %.1f s" % elapsed)


def test_rpc_is_locked_after_ten_failures_even_with_the_right_password(
        proxy_server, admin, params):
    login, uid = admin.user("lockrpc")
    here = via("127.0.0.64")
    db = proxy_server.db
    for index in range(4):
        assert xmlrpc_call(proxy_server, "common", "authenticate", db, login,
                           "Wrong-%d!" % index, {}, headers=here) is False
        assert xmlrpc_call(proxy_server, "common", "login", db, login,
                           "Wrong-%d!" % index, headers=here) is False
    assert jsonrpc_login(proxy_server, login, "Wrong-json!", here) is False
    # a wrong password on an ordinary call counts too (res.users.check)
    with pytest.raises(xmlrpc.client.Fault):
        xmlrpc_call(proxy_server, "object", "execute_kw", db, uid, "Wrong-call!",
                    "res.users", "read", [[uid], ["name"]], {}, headers=here)
    for call in (
            lambda: xmlrpc_call(proxy_server, "common", "authenticate", db,
                                login, STRONG, {}, headers=here),
            lambda: xmlrpc_call(proxy_server, "common", "login", db, login,
                                STRONG, headers=here),
            lambda: jsonrpc_login(proxy_server, login, STRONG, here)):
        assert call() is False
    with pytest.raises(xmlrpc.client.Fault):
        xmlrpc_call(proxy_server, "object", "execute_kw", db, uid, STRONG,
                    "res.users", "read", [[uid], ["name"]], {}, headers=here)
    params("party_handbook.auth_lock_minutes", "0.05")
    refresh(proxy_server)
    time.sleep(4)
    assert xmlrpc_call(proxy_server, "common", "authenticate", db, login,
                       STRONG, {}, headers=here) == uid


def test_an_address_is_locked_after_too_many_failures(proxy_server, admin, params):
    params("auth_brute_force.max_by_ip", "5")   # 50 by default
    refresh(proxy_server)
    login, uid = admin.user("lockip")
    here, elsewhere = via("127.0.0.65"), via("127.0.0.66")
    for index in range(5):
        assert xmlrpc_call(proxy_server, "common", "login", proxy_server.db,
                           unique("nobody%d" % index), "Guess-2026!x",
                           headers=here) is False
    assert xmlrpc_call(proxy_server, "common", "login", proxy_server.db, login,
                       STRONG, headers=here) is False
    assert xmlrpc_call(proxy_server, "common", "login", proxy_server.db, login,
                       STRONG, headers=elsewhere) == uid


def test_successful_logins_never_lock(proxy_server, admin):
    login, uid = admin.user("manyok")
    here = via("127.0.0.67")
    for _index in range(30):
        assert xmlrpc_call(proxy_server, "common", "login", proxy_server.db,
                           login, STRONG, headers=here) == uid


# -- password policy ------------------------------------------------------

def test_password_policy(odoo_server, admin):
    for password in ("1", "short-Pw1!", "Password@123", "Matkhau@123"):
        with pytest.raises(xmlrpc.client.Fault):
            admin.user("weak", password=password)
    login = unique("policy")
    with pytest.raises(xmlrpc.client.Fault) as refused:
        admin("res.users", "create", {"name": "Policy", "login": login,
                                      "password": "X-%s-2026!" % login})
    assert "login" in refused.value.faultString
    login, uid = admin.user("policy")
    # the user changes their own password: "1" refused, a strong one taken
    with pytest.raises(xmlrpc.client.Fault):
        xmlrpc_call(odoo_server, "object", "execute_kw", odoo_server.db, uid,
                    STRONG, "res.users", "change_password", [STRONG, "1"], {})
    assert xmlrpc_call(odoo_server, "object", "execute_kw", odoo_server.db, uid,
                       STRONG, "res.users", "change_password",
                       [STRONG, "Song-Huong-2026!x"], {})
    assert xmlrpc_call(odoo_server, "common", "login", odoo_server.db, login,
                       "Song-Huong-2026!x") == uid


# -- cookies and sessions -------------------------------------------------

def session_cookie(response):
    cookies = [c for c in response.raw.headers.getlist("Set-Cookie")
               if c.startswith("session_id=")]
    assert len(cookies) == 1, cookies
    return [part.strip().lower() for part in cookies[0].split(";")]


def test_session_cookie_flags_on_plain_http(odoo_server, admin):
    login, _uid = admin.user("cookie")
    cookie = session_cookie(requests.get(odoo_server.url + "/web/login",
                                         timeout=TIMEOUT))
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie
    assert not [p for p in cookie if p.startswith(("max-age", "expires"))]
    _session, ok, response = web_login(odoo_server, login, STRONG)
    assert ok
    cookie = session_cookie(response)
    assert not [p for p in cookie if p.startswith(("max-age", "expires"))]


def test_session_cookie_is_secure_behind_an_https_proxy(proxy_server):
    cookie = session_cookie(requests.get(
        proxy_server.url + "/web/login", headers=via("127.0.0.68", https=True),
        timeout=TIMEOUT))
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    cookie = session_cookie(requests.get(
        proxy_server.url + "/web/login", headers=via("127.0.0.68"),
        timeout=TIMEOUT))
    assert "secure" not in cookie


def test_an_idle_session_ends(odoo_server, admin, params):
    login, uid = admin.user("idle")
    params("party_handbook.session_idle_minutes", "0.05")   # 3 seconds
    session, ok, _response = web_login(odoo_server, login, STRONG)
    assert ok
    assert session_uid(odoo_server, session) == uid
    time.sleep(1)
    assert session_uid(odoo_server, session) == uid
    time.sleep(4)
    assert session_uid(odoo_server, session) is None
    response = session.get(odoo_server.url + "/web", timeout=TIMEOUT)
    assert "/web/login" in response.url


# -- second factor --------------------------------------------------------

def test_totp_enrol_sign_in_and_refusals(odoo_server, admin):
    login, uid = admin.user("totp")
    db, url = odoo_server.db, odoo_server.url
    web = requests.Session()

    def call(path, params):
        answer = web.post(url + path, json={"jsonrpc": "2.0", "method": "call",
                                            "params": params}, timeout=TIMEOUT).json()
        assert "error" not in answer, answer["error"]
        return answer["result"]

    assert call("/web/session/authenticate", {
        "db": db, "login": login, "password": STRONG})["uid"] == uid
    action = call("/web/dataset/call_button", {
        "model": "res.users", "method": "action_party_totp_enrol",
        "args": [[uid]]})
    wizard = action["res_id"]
    uri = call("/web/dataset/call_kw", {
        "model": "party.totp.wizard", "method": "read",
        "args": [[wizard], ["uri"]], "kwargs": {}})[0]["uri"]
    secret = re.search("secret=([A-Z2-7]+)", uri).group(1)
    call("/web/dataset/call_kw", {
        "model": "party.totp.wizard", "method": "write",
        "args": [[wizard], {"code": totp(secret, int(time.time() // 30))}],
        "kwargs": {}})
    call("/web/dataset/call_button", {
        "model": "party.totp.wizard", "method": "action_confirm",
        "args": [[wizard]]})
    # administrators cannot read the secret: no model holds it
    assert not admin("ir.model", "search", [("model", "ilike", "totp_secret")])
    assert "secret" not in str(admin("res.users", "read", [uid]))
    # the password alone: refused over XML-RPC, JSON-RPC and the session API
    assert xmlrpc_call(odoo_server, "common", "authenticate", db, login,
                       STRONG, {}) is False
    assert jsonrpc_login(odoo_server, login, STRONG) is False
    with pytest.raises(xmlrpc.client.Fault):
        xmlrpc_call(odoo_server, "object", "execute_kw", db, uid, STRONG,
                    "res.users", "read", [[uid], ["name"]], {})
    # the web login asks for the code
    session, ok, response = web_login(odoo_server, login, STRONG)
    assert not ok and response.headers["Location"].endswith("/web/login/totp")
    assert session_uid(odoo_server, session) is None   # not signed in yet
    page = session.get(url + "/web/login/totp", timeout=TIMEOUT).text
    wrong = session.post(url + "/web/login/totp", data={
        "totp_code": "000000" if totp(secret, int(time.time() // 30)) != "000000"
        else "111111", "csrf_token": csrf(page)}, allow_redirects=False,
        timeout=TIMEOUT)
    assert wrong.status_code == 200 and session_uid(odoo_server, session) is None
    right = session.post(url + "/web/login/totp", data={
        "totp_code": totp(secret, int(time.time() // 30) + 1),
        "csrf_token": csrf(wrong.text)}, allow_redirects=False, timeout=TIMEOUT)
    assert right.status_code == 303 and "/web/login" not in right.headers["Location"]
    assert session_uid(odoo_server, session) == uid
    # an administrator removes the second factor (lost phone)
    admin("res.users", "action_party_totp_disable", [uid])
    assert xmlrpc_call(odoo_server, "common", "authenticate", db, login,
                       STRONG, {}) == uid
