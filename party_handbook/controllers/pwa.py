# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The members' installable web app: the manifest, the service worker (at
the root of the site, so that it controls /my and sees the logout) and the
page shown offline when a page was not saved on the device. What the
service worker keeps, and why, is in ``static/src/pwa/sw.js`` and
SECURITY.md ("Pages kept on the phone")."""
import json

from odoo import http
from odoo.http import request
from odoo.modules.module import get_module_resource

# The application's name is the handbook's own (data, as the company name).
APP_NAME = "Sổ tay đảng viên"
APP_SHORT_NAME = "Sổ tay ĐV"
THEME_COLOR = "#da251d"
ICONS = "/party_handbook/static/src/img/"


def manifest():
    return {
        "name": APP_NAME,
        "short_name": APP_SHORT_NAME,
        "description": "Sổ tay đảng viên điện tử của Đảng bộ thành phố Huế",
        "lang": "vi",
        "dir": "ltr",
        "id": "/my",
        "start_url": "/my",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOR,
        "background_color": "#ffffff",
        "icons": [
            {"src": ICONS + "pwa-192.png", "sizes": "192x192",
             "type": "image/png", "purpose": "any"},
            {"src": ICONS + "pwa-512.png", "sizes": "512x512",
             "type": "image/png", "purpose": "any"},
            {"src": ICONS + "pwa-maskable-192.png", "sizes": "192x192",
             "type": "image/png", "purpose": "maskable"},
            {"src": ICONS + "pwa-maskable-512.png", "sizes": "512x512",
             "type": "image/png", "purpose": "maskable"},
        ],
    }


def _service_worker():
    path = get_module_resource("party_handbook", "static", "src", "pwa", "sw.js")
    with open(path, "rb") as handle:
        return handle.read()


class PartyHandbookWebApp(http.Controller):

    @http.route("/party_handbook/manifest.webmanifest", type="http",
                auth="none", methods=["GET"], csrf=False)
    def party_manifest(self, **_kwargs):
        return request.make_response(
            json.dumps(manifest(), ensure_ascii=False, indent=1), headers=[
                ("Content-Type", "application/manifest+json; charset=utf-8"),
                ("Cache-Control", "public, max-age=3600"),
            ])

    @http.route("/party_handbook_sw.js", type="http", auth="none",
                methods=["GET"], csrf=False)
    def party_service_worker(self, **_kwargs):
        # never from the HTTP cache: a new version is picked up at once
        return request.make_response(_service_worker(), headers=[
            ("Content-Type", "application/javascript; charset=utf-8"),
            ("Cache-Control", "no-cache"),
            ("Service-Worker-Allowed", "/"),
        ])

    @http.route("/party_handbook/offline", type="http", auth="public",
                methods=["GET"], website=False)
    def party_offline(self, **_kwargs):
        """Shown by the service worker when a page is asked for offline and
        was not saved on the device: nothing personal (it is kept for every
        user of the device), in the language of whoever installed it."""
        html = request.env["ir.ui.view"].render_template(
            "party_handbook.pwa_offline", {})
        if isinstance(html, str):
            html = html.encode("utf-8")
        return request.make_response(b"<!DOCTYPE html>\n" + html, headers=[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-store")])
