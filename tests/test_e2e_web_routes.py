"""The web client's own routes for files (issue #14's review): the upload
route of binary fields works (Odoo 11.0.7's failed on Python 3; the web
client uses it when the browser cannot read a file itself), its answer
cannot run a script hidden in a file name, and malformed uploads and exports answer
400/403 with the web client's error data, never a 500 or a traceback."""
import base64
import json
import re

import pytest

import harness
from test_e2e_errors import no_traceback, web_session

TIMEOUT = harness.REQUEST_TIMEOUT
SCAN = b"%PDF-1.4\n% chu ky cua bi thu\n"


@pytest.fixture(scope="module")
def secretary(odoo_server):
    session = web_session(odoo_server, "secretary", "secretary")
    page = session.get(odoo_server.url + "/web", timeout=TIMEOUT)
    session.csrf = re.search(r'csrf_token: "([^"]+)"', page.text).group(1)
    return session


def post(server, session, path, data=None, files=None):
    values = {"csrf_token": session.csrf}
    values.update(data or {})
    return session.post(server.url + path, data=values, files=files,
                        timeout=TIMEOUT)


def callback_args(body):
    """The arguments the answer's script passes to the web client."""
    match = re.search(r"trigger\((.*?), (\[.*\])\);", body, re.S)
    assert match, body[:300]
    return json.loads(match.group(1)), json.loads(match.group(2))


def test_a_scan_uploads_into_a_binary_field(odoo_server, secretary):
    answer = post(odoo_server, secretary, "/web/binary/upload",
                  {"callback": "o_fileupload_1"},
                  {"ufile": ("bien_ban_ky.pdf", SCAN, "application/pdf")})
    assert answer.status_code == 200, answer.text[:300]
    callback, args = callback_args(answer.text)
    assert callback == "o_fileupload_1"
    assert args == [len(SCAN), "bien_ban_ky.pdf", "application/pdf",
                    base64.b64encode(SCAN).decode()]


def test_a_file_name_cannot_close_the_script(odoo_server, secretary):
    name = "</script><script>alert(1)</script>.pdf"
    answer = post(odoo_server, secretary, "/web/binary/upload",
                  {"callback": "</script><img src=x>"},
                  {"ufile": (name, SCAN, "application/pdf")})
    assert answer.status_code == 200
    # the only </script> is the answer's own
    assert answer.text.count("</script>") == 1
    assert "<img" not in answer.text
    callback, args = callback_args(answer.text)
    assert (callback, args[1]) == ("</script><img src=x>", name)


@pytest.mark.parametrize("path,data,files,status", [
    ("/web/binary/upload", {}, None, 400),
    ("/web/binary/upload_attachment", {}, None, 400),
    ("/web/export/csv", {}, None, 400),
    ("/web/export/csv", {"data": "not json", "token": "1"}, None, 400),
    ("/web/export/xls", {"data": "{}", "token": "1"}, None, 400),
    # a model the secretary may not read: refused, as the web client says
    ("/web/export/csv", {"token": "1", "data": json.dumps({
        "model": "party.data.access.log", "fields": [
            {"name": "id", "label": "ID"}],
        "ids": False, "domain": [], "import_compat": False})}, None, 403),
])
def test_malformed_uploads_and_exports_are_refused_not_crashed(
        odoo_server, secretary, path, data, files, status):
    answer = post(odoo_server, secretary, path, data, files)
    assert answer.status_code == status, (path, answer.status_code)
    assert no_traceback(answer.text)
    # the web client reads its error data from the page's paragraph
    data = json.loads(re.search(r"<p>(.*)</p>", answer.text, re.S).group(1)
                      .replace("&quot;", '"').replace("&amp;", "&"))
    assert re.fullmatch(r"[0-9A-F]{10}", data["data"]["incident"]), data
