# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Party Handbook",
    "summary": "Electronic party member handbook: organizations, member "
               "profiles, documents and feedback",
    "version": "11.0.0.1.0",
    "development_status": "Alpha",
    "category": "Association",
    "website": "https://github.com/party-handbook/party-handbook",
    "author": "Party Handbook Developers",
    "license": "LGPL-3",
    "depends": ["mail", "portal"],
    "data": [
        "security/party_handbook_security.xml",
        "security/ir.model.access.csv",
        "views/party_organization_views.xml",
        "views/party_handbook_menus.xml",
    ],
    "demo": [
        "demo/party_organization_demo.xml",
    ],
    "installable": True,
    "application": True,
}
