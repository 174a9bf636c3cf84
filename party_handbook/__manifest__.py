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
    "depends": ["auth_crypt", "base_import", "mail", "portal"],
    "data": [
        "security/party_handbook_security.xml",
        "security/ir.model.access.csv",
        "security/party_handbook_rules.xml",
        "data/mail_activity_data.xml",
        "data/ir_cron_data.xml",
        "views/assets.xml",
        "report/party_handbook_reports.xml",
        "report/party_member_register_templates.xml",
        "report/party_reconciliation_templates.xml",
        "wizards/party_reconciliation_wizard_views.xml",
        "wizards/party_handbook_wizard_views.xml",
        "views/party_member_views.xml",
        "views/party_member_record_views.xml",
        "views/party_organization_views.xml",
        "views/res_users_views.xml",
        "views/portal_templates.xml",
        "views/party_handbook_menus.xml",
    ],
    "demo": [
        "demo/party_organization_demo.xml",
        "demo/party_member_demo.xml",
    ],
    "installable": True,
    "application": True,
}
