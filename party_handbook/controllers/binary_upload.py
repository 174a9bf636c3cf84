# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The upload of a file into a binary field of the web client, used when the
browser cannot read the file itself (the web client otherwise reads it with
the File API and sends it with the form).

Odoo 11.0.7's ``/web/binary/upload`` puts the file's base64 *bytes* into
``json.dumps`` on Python 3, which always fails. It also wrote the file name
and the callback into a script without escaping ``</script>``. Same
answer as Odoo's (a script calling the client's callback), with text and
escaped JSON.
"""
import base64
import json

from odoo import http
from odoo.addons.web.controllers.main import Binary, serialize_exception

SCRIPT = """<script language="javascript" type="text/javascript">
                    var win = window.top.window;
                    win.jQuery(win).trigger(%s, %s);
                </script>"""


def script_json(value):
    """JSON that cannot close the script element it is written into."""
    return json.dumps(value).replace("<", "\\u003c").replace(
        ">", "\\u003e").replace("&", "\\u0026")


class PartyBinary(Binary):

    @http.route("/web/binary/upload", type="http", auth="user")
    @serialize_exception
    def upload(self, callback, ufile):
        try:
            data = ufile.read()
            args = [len(data), ufile.filename, ufile.content_type,
                    base64.b64encode(data).decode("ascii")]
        except Exception as error:  # pylint: disable=broad-except
            args = [False, str(error)]
        return SCRIPT % (script_json(callback), script_json(args))
