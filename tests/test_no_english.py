"""No English on the handbook's screens and prints, for every demo role.

A database built like the demo (``scripts/run.sh``: the suite installed with
Vietnamese loaded from the start, so every demo user speaks it) is served on
its own; each demo login signs in from a Vietnamese browser and opens the
member portal (``/my`` and every page it links to) or the back office's main
lists and forms (members, organizations, documents, meetings), and every PDF
report is downloaded and read with pdftotext. The visible text is searched
for English words (a small stop-word list, see ENGLISH) and for Odoo's demo
identity ("YourCompany", "Scranton", "Administrator"...). Every finding is
written to .local/test/artifacts/no-english.txt before the test fails.

Allowed: proper names of the demo data, and the words that are the same in
Vietnamese (Email, PDF, XLSX, URLs): ENGLISH only lists words that are never
right on a Vietnamese screen.
"""
import json
import os
import re
import subprocess
from urllib.parse import urljoin, urlparse

import pytest
import requests

import harness
from test_browser_smoke import browser, goto_backend, new_page  # noqa: F401  (fixture)

LANG_DB = harness.TEST_DB + "_vi"
PORTAL_ROLES = ["member", "thuanloc1"]
BACK_OFFICE_ROLES = ["admin", "cityofficer", "officer", "supervisor", "secretary"]
# the back office's main menus (their list, then the first record's form)
MENUS = [
    "party_handbook.party_member_menu",
    "party_handbook.party_organization_menu",
    "party_handbook.party_document_menu",
    "party_handbook_meetings.party_meeting_menu",
]
# English that is never right on a Vietnamese screen: Odoo's buttons and
# labels, and the Odoo demo company's identity
ENGLISH = re.compile(r"\b(?:%s)\b" % "|".join([
    "the", "and", "of", "Your", "Title", "Name", "Save", "Create", "Discard",
    "Edit", "Print", "Action", "Import", "Search", "Filters", "Group By",
    "Favorites", "Followers", "Send message", "Log note", "Attachments?",
    "Delete", "Duplicate", "Archive", "Export", "Activities", "Schedule",
    "Log in", "Password", "Powered by", "Manage Databases", "Minutes",
    "Member", "Members", "Document", "Documents", "Meeting", "Meetings",
    "Organization", "Organizations", "Status", "Date",
    "Odoo", "YourCompany", "Your logo", "Scranton", "Slough", "Administrator",
    "United States",
]))
MAX_PORTAL_PAGES = 25
VIEWS = ", ".join(".o_view_manager_content .o_%s_view" % view
                  for view in ("list", "kanban", "form", "pivot", "graph"))
VIETNAMESE = {"locale": "vi-VN", "extra_http_headers": {"Accept-Language": "vi-VN,vi"}}


def english_in(text):
    """The English words of ``text``, each with a little context."""
    found = []
    for match in ENGLISH.finditer(text):
        start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
        found.append("%r in …%s…" % (match.group(0),
                                     " ".join(text[start:end].split())))
    return found


class Findings:
    """What each page or print shows in English."""

    def __init__(self):
        self.items = []
        self.pages = 0

    def check(self, where, text):
        self.pages += 1
        self.items.extend("%s: %s" % (where, item) for item in english_in(text))

    def write(self, path):
        with open(path, "w", encoding="utf-8") as out:
            out.write("%d pages and prints read, %d English findings\n"
                      % (self.pages, len(self.items)))
            out.write("\n".join(self.items) + "\n")


@pytest.fixture(scope="module")
def vi_server(odoo_config):
    """The suite with its demo data, Vietnamese loaded first (as run.sh)."""
    config = harness.write_config(
        os.path.join(harness.TEST_DIR, "odoo-vi.conf"), LANG_DB)
    harness.clone_db(harness.ensure_template(odoo_config), LANG_DB)
    code, log = harness.odoo(
        config, "-d", LANG_DB, "-i", harness.SUITE, "--load-language=vi_VN",
        "--stop-after-init", logfile=os.path.join(harness.TEST_DIR, "install-vi.log"))
    states = harness.installed_states(LANG_DB, harness.OUR_MODULES)
    assert code == 0 and all(s == "installed" for s in states.values()), \
        "installing the suite in Vietnamese failed: see install-vi.log"
    with harness.server(config, logfile=os.path.join(
            harness.TEST_DIR, "server-vi.log")) as server:
        server.db = LANG_DB
        yield server


class Rpc:
    def __init__(self, server, login, password):
        self.server, self.password = server, password
        self.object = harness.xmlrpc(server.url + "/xmlrpc/2/object")
        self.uid = harness.xmlrpc(server.url + "/xmlrpc/2/common").authenticate(
            server.db, login, password, {})
        assert self.uid, "login %s refused" % login

    def __call__(self, model, method, *args, **kwargs):
        return self.object.execute_kw(self.server.db, self.uid, self.password,
                                      model, method, list(args), kwargs)

    def ref(self, xmlid):
        return self("ir.model.data", "xmlid_to_res_id", xmlid)


def sign_in(page, server, login):
    page.goto(server.url + "/web/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.click("button[type=submit]")
    # the web client keeps a long-polling request open: no "network idle"
    page.wait_for_url(lambda url: "/web/login" not in url, timeout=90000)
    page.wait_for_load_state("load")


def visible_text(page):
    return page.title() + "\n" + page.inner_text("body")


def read_portal(page, server, findings, login):
    page.goto(server.url + "/my")
    page.wait_for_selector(".o_portal_my_home")
    todo, seen = ["/my"], set()
    while todo and len(seen) < MAX_PORTAL_PAGES:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(server.url + path)
        page.wait_for_timeout(300)
        findings.check("%s %s" % (login, path), visible_text(page))
        for href in page.eval_on_selector_all(
                "a[href]", "links => links.map(a => a.getAttribute('href'))"):
            url = urlparse(urljoin(server.url + path, href))
            if url.netloc == urlparse(server.url).netloc and \
                    url.path.startswith("/my") and "logout" not in url.path \
                    and not url.path.endswith((".pdf", ".zip", ".xlsx")) \
                    and "/download" not in url.path and "/report/" not in url.path:
                target = url.path + ("?" + url.query if url.query else "")
                if target not in seen:
                    todo.append(target)


def read_back_office(page, server, findings, login, admin):
    user = Rpc(server, login, login)
    for xmlid in MENUS:
        menu_id = admin.ref(xmlid)
        menus = user("ir.ui.menu", "search_read", [("id", "=", menu_id)], ["action"])
        if not menus or not menus[0]["action"]:
            continue  # not in this role's menus
        action_id = menus[0]["action"].split(",")[1]
        goto_backend(page, "%s/web#menu_id=%s&action=%s" % (
            server.url, menu_id, action_id), VIEWS)
        page.wait_for_timeout(1000)
        findings.check("%s %s (list)" % (login, xmlid), visible_text(page))
        record = page.locator(".o_data_row, .o_kanban_record:not(.o_kanban_ghost)")
        if record.count():
            record.first.click()
            page.wait_for_selector(".o_form_view", timeout=60000)
            page.wait_for_timeout(1500)  # the chatter loads after the form
            findings.check("%s %s (form)" % (login, xmlid), visible_text(page))


def session_of(server, login):
    session = requests.Session()
    page = session.get(server.url + "/web/login", timeout=harness.REQUEST_TIMEOUT)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(server.url + "/web/login", data={
        "login": login, "password": login, "csrf_token": token},
        timeout=harness.REQUEST_TIMEOUT)
    web = session.get(server.url + "/web", timeout=harness.REQUEST_TIMEOUT)
    assert "/web/login" not in web.url, "login %s refused" % login
    session.csrf_token = re.search(r'csrf_token: "([^"]+)"', web.text).group(1)
    return session


def pdf_text(content):
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content,
                          capture_output=True, check=True).stdout.decode()


def reports_to_print(admin):
    """(report, record id) of every PDF report, on demo records."""
    def first(model, domain):
        ids = admin(model, "search", domain, limit=1)
        return ids and ids[0]

    # the access log's summary is the data protection officer's
    admin("res.users", "write", [admin.uid], {"groups_id": [
        (4, admin.ref("party_handbook.group_party_handbook_dpo"))]})
    cell = first("party.organization", [("level", "=", "cell")])
    reconciliation = admin("party.reconciliation.wizard", "create", {
        "organization_id": cell, "year": 2026, "quarter": "1"})
    summary = admin("party.meeting.monthly.summary", "create", {
        "organization_id": admin.ref("party_handbook.org_hue_demo"),
        "month": "1", "year": 2026})
    access = admin("party.data.access.summary", "create", {})
    return [
        ("party_handbook.report_member_register", cell),
        ("party_handbook.report_member_profile", first("party.member", [])),
        ("party_handbook.report_document_summary",
         first("party.document", [("state", "=", "published")])),
        ("party_handbook.report_reconciliation", reconciliation),
        ("party_handbook.report_data_access_summary", access),
        ("party_handbook_meetings.report_meeting_minutes",
         first("party.meeting", [("state", "in", ["closed", "approved"])])),
        ("party_handbook_meetings.report_monthly_summary", summary),
    ]


def read_reports(server, findings, admin):
    session = session_of(server, "admin")
    for report, record in reports_to_print(admin):
        assert record, "no demo record to print %s" % report
        url = "/report/pdf/%s/%s" % (report, record)
        answer = session.get(server.url + url, timeout=300)
        assert answer.headers.get("Content-Type") == "application/pdf", \
            "%s: %s" % (url, answer.text[:300])
        findings.check("admin %s" % url, pdf_text(answer.content))
        # the file name the browser saves it under
        download = session.post(server.url + "/report/download", data={
            "data": json.dumps([url, "qweb-pdf"]), "token": "1",
            "csrf_token": session.csrf_token}, timeout=300)
        disposition = download.headers.get("Content-Disposition", "")
        name = requests.utils.unquote(disposition.split("''", 1)[-1])
        findings.check("admin file name of %s" % url, name)


def test_no_english_on_screens_and_prints(vi_server, browser, artifacts):  # noqa: F811
    findings = Findings()
    admin = Rpc(vi_server, "admin", "admin")
    try:
        context, page = new_page(browser, viewport={"width": 1280, "height": 800},
                                 **VIETNAMESE)
        try:
            page.goto(vi_server.url + "/web/login")
            findings.check("sign-in page", visible_text(page))
        finally:
            context.close()
        for login in PORTAL_ROLES + BACK_OFFICE_ROLES:
            context, page = new_page(
                browser, viewport={"width": 1280, "height": 800}, **VIETNAMESE)
            try:
                sign_in(page, vi_server, login)
                if login in PORTAL_ROLES:
                    read_portal(page, vi_server, findings, login)
                else:
                    read_back_office(page, vi_server, findings, login, admin)
            finally:
                page.screenshot(path=os.path.join(
                    artifacts, "no-english-%s.png" % login), full_page=True)
                context.close()
        read_reports(vi_server, findings, admin)
    finally:
        findings.write(os.path.join(artifacts, "no-english.txt"))
    assert not findings.items, "%d English findings (see no-english.txt):\n%s" % (
        len(findings.items), "\n".join(findings.items[:80]))
