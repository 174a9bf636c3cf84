# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The whole suite as one installable module: installing it installs everything.
# Odoo sees this repository as the module ``party_handbook_suite`` (the project
# scripts link it under that name; see README.md).
{
    "name": "Electronic Party Member Handbook (suite)",
    "summary": "Installs the party handbook and the cell meetings modules",
    "version": "11.0.0.1.0",
    "development_status": "Alpha",
    "category": "Association",
    "website": "https://github.com/party-handbook/party-handbook",
    "author": "Party Handbook Developers",
    "license": "LGPL-3",
    "depends": ["party_handbook", "party_handbook_meetings"],
    "installable": True,
    "application": False,
}
