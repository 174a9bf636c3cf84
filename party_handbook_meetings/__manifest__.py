# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Party Cell Meetings",
    "summary": "Cell meetings: schedule, attendance, minutes and "
               "statute-aware votes, with a supervisor's live day view",
    "version": "11.0.1.1.0",
    "development_status": "Alpha",
    "category": "Association",
    "website": "https://github.com/party-handbook/party-handbook",
    "author": "Party Handbook Developers",
    "license": "LGPL-3",
    "depends": ["party_handbook", "calendar", "bus"],
    "data": [
        "security/party_handbook_meetings_security.xml",
        "security/ir.model.access.csv",
        "security/party_meeting_rules.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "report/party_meeting_minutes_templates.xml",
        "views/assets.xml",
        "views/party_meeting_attendance_views.xml",
        "views/party_meeting_views.xml",
        "views/party_member_views.xml",
        "views/party_meetings_menus.xml",
        "views/portal_meetings_templates.xml",
        "security/party_meeting_statistics_rules.xml",
        "report/party_meeting_reports.xml",
        "report/party_meeting_minutes_report_templates.xml",
        "report/party_meeting_summary_templates.xml",
        "views/party_meeting_statistics_views.xml",
        "wizards/party_meeting_monthly_summary_views.xml",
        "views/party_meeting_reporting_menus.xml",
        "data/party.data.field.csv",
    ],
    "qweb": [
        "static/src/xml/party_meeting_day_view.xml",
    ],
    "demo": [
        "demo/party_meeting_demo.xml",
    ],
    "installable": True,
    "application": True,
}
