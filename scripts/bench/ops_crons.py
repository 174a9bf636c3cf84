# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark operations: the scheduled jobs, each with its whole backlog
(issue #13). See docs/BENCHMARKS.md and the contract in scripts/bench/.

Each ``setup`` prepares (idempotently, committed) a backlog in the
generated city ``GEN``: the generated members get an email address, one
city-wide document is published, the cells get a secretary with a login,
a report request is overdue for every cell, the probationary members'
probations end within the reminder's horizon, some age bands are stale,
some meetings are announced for tomorrow with their notices unsent. Each
``run`` calls the scheduled job with ``commit=False`` (the runner rolls
back); each ``floor`` does the same inserts and updates in hand-written
SQL."""
from datetime import timedelta

from odoo import fields

CITY = "GEN"
DIGEST_DOCUMENT = "Benchmark: city-wide resolution (digest)"
REPORT_REQUEST = "Benchmark: report request to every cell (overdue)"
MEETING_TOPIC = "Benchmark: meeting with notices"
SECRETARY_LOGIN = "gen_cron_secretary_%s"


def operations(size):
    meetings = 100  # as in issue #13 (announcing 100 meetings: 489 s)
    return [
        {"name": "cron: daily digest (a city-wide document)", "group": "cron",
         "target": None, "runs": None, "login": None,
         "setup": setup_digest, "run": run_digest, "floor": floor_digest},
        {"name": "cron: unacknowledged documents (every cell's secretary)",
         "group": "cron", "target": None, "runs": None, "login": None,
         "setup": setup_unacknowledged, "run": run_unacknowledged,
         "floor": floor_unacknowledged},
        {"name": "cron: overdue reports (every cell)", "group": "cron",
         "target": None, "runs": None, "login": None,
         "setup": setup_overdue, "run": run_overdue, "floor": floor_overdue},
        {"name": "cron: probation reminders (every probationary member)",
         "group": "cron", "target": None, "runs": None, "login": None,
         "setup": setup_probation, "run": run_probation,
         "floor": floor_probation},
        {"name": "cron: age bands (a tenth of the members stale)",
         "group": "cron", "target": None, "runs": None, "login": None,
         "setup": setup_age_bands, "run": run_age_bands,
         "floor": floor_age_bands},
        {"name": "cron: draft next month's regular meetings (every cell)",
         "group": "cron", "target": None, "runs": None, "login": None,
         "setup": setup_drafting, "run": run_drafting, "floor": floor_drafting},
        {"name": "announce %s meetings (roster, invitations)" % meetings,
         "group": "cron", "target": None, "runs": None, "login": None,
         "setup": lambda env: setup_meetings(env, meetings, announced=False),
         "run": run_announce, "floor": floor_announce},
        {"name": "cron: meeting invitations and reminders (%s meetings)" % meetings,
         "group": "cron", "target": None, "runs": None, "login": None,
         "setup": lambda env: setup_meetings(env, meetings, announced=True),
         "run": run_notices, "floor": floor_notices},
    ]


# common backlog ---------------------------------------------------------------
def _city(env):
    city = env["party.organization"].search([("code", "=", CITY)])
    assert city, "no organization %s: run scripts/generate_data.py" % CITY
    return city


def _emails(env):
    """Every generated member gets an address (idempotent)."""
    env.cr.execute("""
        UPDATE res_partner SET email = lower(ref) || '@example.org'
         WHERE ref LIKE %s AND email IS NULL""", (CITY + "-%",))


def _secretaries(env):
    """A secretary with a login for each generated cell (set-wise: users
    and positions in SQL; idempotent)."""
    cr = env.cr
    city = _city(env)
    company = env.user.company_id.id
    cr.execute("""
        WITH first AS (
            SELECT DISTINCT ON (o.id) o.id AS cell, m.id AS member,
                   m.partner_id AS partner
              FROM party_organization o
              JOIN party_member m ON m.organization_id = o.id
             WHERE o.level = 'cell' AND o.parent_left > %s AND o.parent_left < %s
               AND m.state = 'official' AND m.active
               AND NOT EXISTS (SELECT 1 FROM party_organization_position p
                                WHERE p.organization_id = o.id
                                  AND p.role = 'secretary')
             ORDER BY o.id, m.id),
        users AS (
            INSERT INTO res_users (login, partner_id, company_id, active, share,
                                   notification_type, create_uid, create_date,
                                   write_uid, write_date)
            SELECT 'gen_cron_secretary_' || cell, partner, %s, TRUE, FALSE,
                   'email', 1, now(), 1, now()
              FROM first
            ON CONFLICT DO NOTHING RETURNING id)
        INSERT INTO party_organization_position (organization_id, member_id,
               role, date_start, create_uid, create_date, write_uid, write_date)
        SELECT cell, member, 'secretary', '2025-01-01', 1, now(), 1, now()
          FROM first""", (city.parent_left, city.parent_right, company))


def _digest_document(env):
    city = _city(env)
    Document = env["party.document"]
    document = Document.search([("name", "=", DIGEST_DOCUMENT)], limit=1)
    if not document:
        document = Document.create({
            "name": DIGEST_DOCUMENT, "document_type": "resolution",
            "issuing_organization_id": city.id,
            "target_ids": [(0, 0, {"organization_id": city.id,
                                   "include_subtree": True})]})
        document.action_publish()
    return document


# digest -----------------------------------------------------------------------
def setup_digest(env):
    _emails(env)
    document = _digest_document(env)
    env.cr.execute("""
        UPDATE party_document_receipt SET notified = FALSE, state = 'received'
         WHERE document_id = %s AND (notified OR state != 'received')""",
                   (document.id,))
    return {"document": document.id}


def run_digest(env, state):
    return env["party.document.notice"]._cron_send_digest(commit=False)


def floor_digest(cr, state):
    """One mail per member with an address, its body built in SQL."""
    cr.execute("""
        CREATE TEMP TABLE floor_digest ON COMMIT DROP AS
        SELECT r.member_id, array_agg(r.id) AS receipts,
               string_agg(d.name, ', ' ORDER BY d.id) AS documents
          FROM party_document_receipt r
          JOIN party_document d ON d.id = r.document_id
         WHERE NOT r.notified AND r.state = 'received' AND d.state = 'published'
         GROUP BY r.member_id;
        WITH messages AS (
            INSERT INTO mail_message (subject, body, model, res_id, record_name,
                   message_type, email_from, reply_to, message_id, author_id, date,
                   create_uid, create_date, write_uid, write_date)
            SELECT 'New party documents for you',
                   '<p>Dear comrade ' || p.name || ',</p><ul><li>' ||
                   f.documents || '</li></ul>', 'party.member', m.id, p.name,
                   'email', 'noreply@example.org', '', md5(m.id::text), 3,
                   now(), 1, now(), 1, now()
              FROM floor_digest f
              JOIN party_member m ON m.id = f.member_id
              JOIN res_partner p ON p.id = m.partner_id
             WHERE m.notice_preference = 'digest' AND p.email IS NOT NULL
            RETURNING id, body, res_id)
        INSERT INTO mail_mail (mail_message_id, body_html, email_to, state,
               auto_delete, notification, create_uid, create_date, write_uid,
               write_date)
        SELECT ms.id, ms.body, p.email, 'outgoing', TRUE, FALSE, 1, now(), 1, now()
          FROM messages ms
          JOIN party_member m ON m.id = ms.res_id
          JOIN res_partner p ON p.id = m.partner_id;
        """)
    sent = cr.rowcount
    cr.execute("""
        UPDATE party_document_receipt r SET notified = TRUE
          FROM floor_digest f WHERE r.id = ANY(f.receipts)""")
    return sent


# unacknowledged documents -----------------------------------------------------
def setup_unacknowledged(env):
    _secretaries(env)
    document = _digest_document(env)
    env.cr.execute("""
        UPDATE party_document SET published_on = now() - interval '8 days'
         WHERE id = %s""", (document.id,))
    activity_type = env.ref("party_handbook.mail_activity_unacknowledged")
    env.cr.execute("""
        DELETE FROM mail_activity WHERE res_model = 'party.document'
           AND res_id = %s AND activity_type_id = %s""",
                   (document.id, activity_type.id))
    return {"document": document.id, "type": activity_type.id}


def run_unacknowledged(env, state):
    return env["party.document.notice"]._cron_remind_unacknowledged(commit=False)


def floor_unacknowledged(cr, state):
    cr.execute("""
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
               activity_type_id, user_id, date_deadline, summary, create_uid,
               create_date, write_uid, write_date)
        SELECT (SELECT id FROM ir_model WHERE model = 'party.document'),
               'party.document', c.document_id, d.name, %s, u.id, current_date,
               c.n || ' members of ' || o.name || ' have not acknowledged',
               1, now(), 1, now()
          FROM (SELECT r.document_id, r.organization_id, count(*) AS n
                  FROM party_document_receipt r
                  JOIN party_document d ON d.id = r.document_id
                 WHERE r.state != 'acknowledged' AND d.state = 'published'
                   AND d.published_on <= now() - interval '7 days'
                 GROUP BY r.document_id, r.organization_id) c
          JOIN party_document d ON d.id = c.document_id
          JOIN party_organization o ON o.id = c.organization_id
          JOIN party_organization_position pos
            ON pos.organization_id = o.id AND pos.role = 'secretary'
           AND pos.date_end IS NULL
          JOIN party_member m ON m.id = pos.member_id
          JOIN res_users u ON u.partner_id = m.partner_id""", (state["type"],))
    created = cr.rowcount
    _floor_followers(cr, "party.document")
    return created


def _floor_followers(cr, model):
    cr.execute("""
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT DISTINCT a.res_model, a.res_id, u.partner_id
          FROM mail_activity a JOIN res_users u ON u.id = a.user_id
         WHERE a.res_model = %s
        ON CONFLICT DO NOTHING""", (model,))


# overdue reports --------------------------------------------------------------
def setup_overdue(env):
    _secretaries(env)
    city = _city(env)
    Document = env["party.document"]
    request = Document.search([("name", "=", REPORT_REQUEST)], limit=1)
    if not request:
        # the request reaches no member (its target is the city alone): the
        # reports of every cell are then written as publishing would
        request = Document.create({
            "name": REPORT_REQUEST, "document_type": "report_request",
            "issuing_organization_id": city.id,
            "deadline": fields.Date.to_string(
                fields.Date.from_string(fields.Date.today()) + timedelta(days=30)),
            "target_ids": [(0, 0, {"organization_id": city.id,
                                   "include_subtree": False})]})
        request.action_publish()
        env.cr.execute("""
            INSERT INTO party_document_report (request_id, organization_id,
                   issuing_organization_id, deadline, state, create_uid,
                   create_date, write_uid, write_date)
            SELECT %s, o.id, %s, current_date - 10, 'pending', 1, now(), 1, now()
              FROM party_organization o
             WHERE o.level = 'cell' AND o.parent_left > %s AND o.parent_left < %s
        """, (request.id, city.id, city.parent_left, city.parent_right))
    env.cr.execute("""
        UPDATE party_document_report SET deadline = current_date - 10,
               state = 'pending'
         WHERE request_id = %s""", (request.id,))
    env.cr.execute("""
        DELETE FROM mail_activity a USING party_document_report r
         WHERE a.res_model = 'party.document.report' AND a.res_id = r.id
           AND r.request_id = %s""", (request.id,))
    return {"request": request.id, "type": env.ref(
        "party_handbook.mail_activity_overdue_report").id}


def run_overdue(env, state):
    return env["party.document.report"]._cron_remind_overdue(commit=False)


def floor_overdue(cr, state):
    cr.execute("""
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
               activity_type_id, user_id, date_deadline, summary, create_uid,
               create_date, write_uid, write_date)
        SELECT (SELECT id FROM ir_model WHERE model = 'party.document.report'),
               'party.document.report', r.id, d.name || ' - ' || o.name, %s, u.id,
               current_date, 'The report for ' || d.name || ' was due on ' ||
               r.deadline, 1, now(), 1, now()
          FROM party_document_report r
          JOIN party_document d ON d.id = r.request_id
          JOIN party_organization o ON o.id = r.organization_id
          JOIN party_organization_position pos
            ON pos.organization_id = o.id AND pos.role = 'secretary'
           AND pos.date_end IS NULL
          JOIN party_member m ON m.id = pos.member_id
          JOIN res_users u ON u.partner_id = m.partner_id
         WHERE r.state = 'pending' AND r.deadline < current_date
           AND NOT EXISTS (SELECT 1 FROM mail_activity a
                            WHERE a.res_model = 'party.document.report'
                              AND a.res_id = r.id)""", (state["type"],))
    created = cr.rowcount
    _floor_followers(cr, "party.document.report")
    return created


# probation --------------------------------------------------------------------
def setup_probation(env):
    """Every generated probationary member's probation ends within the
    next 30 days or has ended (admitted 11 to 13 months ago)."""
    _secretaries(env)
    activity_type = env.ref("party_handbook.mail_activity_probation_review")
    env.cr.execute("""
        UPDATE party_member
           SET admission_date = current_date - interval '12 months' +
                   (id %% 40 - 10) * interval '1 day',
               probation_end_date = current_date + (id %% 40 - 10)
         WHERE state = 'probationary' AND partner_id IN (
               SELECT id FROM res_partner WHERE ref LIKE %s)
           AND probation_end_date IS DISTINCT FROM current_date + (id %% 40 - 10)
    """, (CITY + "-%",))
    env.cr.execute("""
        DELETE FROM mail_activity a USING party_member m
         WHERE a.res_model = 'party.member' AND a.res_id = m.id
           AND a.activity_type_id = %s AND m.partner_id IN (
               SELECT id FROM res_partner WHERE ref LIKE %s)""",
                   (activity_type.id, CITY + "-%"))
    return {"type": activity_type.id}


def run_probation(env, state):
    return env["party.member"]._cron_probation_reminders(commit=False)


def floor_probation(cr, state):
    cr.execute("""
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
               activity_type_id, user_id, date_deadline, summary, create_uid,
               create_date, write_uid, write_date)
        SELECT (SELECT id FROM ir_model WHERE model = 'party.member'),
               'party.member', m.id, p.name, %s, COALESCE(u.id, 1),
               m.probation_end_date, 'Probation of ' || p.name || ' ends on ' ||
               m.probation_end_date, 1, now(), 1, now()
          FROM party_member m
          JOIN res_partner p ON p.id = m.partner_id
          LEFT JOIN party_organization_position pos
            ON pos.organization_id = m.organization_id AND pos.role = 'secretary'
           AND pos.date_end IS NULL
          LEFT JOIN party_member sm ON sm.id = pos.member_id
          LEFT JOIN res_users u ON u.partner_id = sm.partner_id
         WHERE m.active AND m.state = 'probationary'
           AND m.probation_end_date <= current_date + 30
           AND NOT EXISTS (SELECT 1 FROM mail_activity a
                            WHERE a.res_model = 'party.member' AND a.res_id = m.id
                              AND a.activity_type_id = %s)""",
               (state["type"], state["type"]))
    created = cr.rowcount
    _floor_followers(cr, "party.member")
    return created


# age bands --------------------------------------------------------------------
def setup_age_bands(env):
    env.cr.execute("""
        UPDATE party_member SET age_band = NULL
         WHERE id %% 10 = 0 AND age_band IS NOT NULL AND partner_id IN (
               SELECT id FROM res_partner WHERE ref LIKE %s)""",
                   (CITY + "-%",))
    return {}


def run_age_bands(env, state):
    return env["party.member"]._cron_update_age_bands(commit=False)


def floor_age_bands(cr, state):
    cr.execute("""
        UPDATE party_member SET age_band = CASE
            WHEN date_of_birth IS NULL THEN NULL
            WHEN age(current_date, date_of_birth) < interval '30 years' THEN 'under_30'
            WHEN age(current_date, date_of_birth) < interval '46 years' THEN '30_45'
            WHEN age(current_date, date_of_birth) < interval '61 years' THEN '46_60'
            WHEN age(current_date, date_of_birth) < interval '76 years' THEN '61_75'
            ELSE 'over_75' END
         WHERE age_band IS NULL AND date_of_birth IS NOT NULL""")
    return cr.rowcount


# drafting ---------------------------------------------------------------------
def setup_drafting(env):
    return {}


def run_drafting(env, state):
    return len(env["party.meeting"]._cron_draft_regular_meetings(commit=False))


def floor_drafting(cr, state):
    cr.execute("""
        INSERT INTO party_meeting (name, organization_id, meeting_type,
               date_start, date_end, date, state, quorum_numerator,
               quorum_denominator, expected_count, present_count, base_count,
               voter_count, excuse_pending_count, quorum_met, create_uid,
               create_date, write_uid, write_date)
        SELECT 'Regular meeting', o.id, 'regular', d + time '01:00',
               d + time '03:30', d, 'draft', 2, 3, 0, 0, 0, 0, 0, FALSE, 1,
               now(), 1, now()
          FROM party_organization o,
               (SELECT (date_trunc('month', current_date) + interval '1 month'
                        + interval '4 days')::date AS d) day
         WHERE o.level = 'cell' AND o.active
           AND NOT EXISTS (SELECT 1 FROM party_meeting m
                            WHERE m.organization_id = o.id
                              AND m.meeting_type = 'regular'
                              AND m.date >= date_trunc('month', day.d)
                              AND m.date < date_trunc('month', day.d)
                                  + interval '1 month')""")
    return cr.rowcount


# meetings ---------------------------------------------------------------------
def setup_meetings(env, count, announced):
    """``count`` meetings tomorrow in the first generated cells (by code):
    drafts to announce, or announced with their notices unsent."""
    _emails(env)
    topic = "%s (%s)" % (MEETING_TOPIC, "announced" if announced else "draft")
    Meeting = env["party.meeting"]
    meetings = Meeting.search([("name", "=", topic)])
    if len(meetings) < count:
        city = _city(env)
        cells = env["party.organization"].search([
            ("level", "=", "cell"), ("id", "child_of", city.id),
            ("id", "not in", meetings.mapped("organization_id").ids)],
            order="code", limit=count - len(meetings))
        start = fields.Datetime.from_string(fields.Datetime.now()).replace(
            hour=1, minute=0, second=0, microsecond=0) + timedelta(days=1)
        for cell in cells:
            meetings |= Meeting.create({
                "name": topic, "organization_id": cell.id,
                "date_start": fields.Datetime.to_string(start),
                "date_end": fields.Datetime.to_string(start + timedelta(hours=2)),
                "location": "Nhà văn hóa"})
        if announced:
            meetings.filtered(lambda m: m.state == "draft")._announce()
    start = fields.Datetime.from_string(fields.Datetime.now()) + timedelta(hours=12)
    env.cr.execute("""
        UPDATE party_meeting SET date_start = %s, date_end = %s WHERE id IN %s""",
                   (start, start + timedelta(hours=2), tuple(meetings.ids)))
    if announced:
        env.cr.execute("""
            UPDATE party_meeting_attendance
               SET invitation_sent = FALSE, reminder_sent = FALSE
             WHERE meeting_id IN %s""", (tuple(meetings.ids),))
    return {"meetings": meetings.ids}


def run_announce(env, state):
    meetings = env["party.meeting"].browse(state["meetings"])
    meetings._announce()
    env.cr.execute("""
        SELECT count(*) FROM party_meeting_attendance
         WHERE meeting_id IN %s AND invitation_sent""", (tuple(meetings.ids),))
    return env.cr.fetchone()[0]


def floor_announce(cr, state):
    """The roster lines and one invitation per member with an address."""
    cr.execute("""
        INSERT INTO party_meeting_attendance (meeting_id, organization_id,
               member_id, member_state, state, is_guest, invitation_sent,
               create_uid, create_date, write_uid, write_date)
        SELECT mt.id, mt.organization_id, m.id, m.state,
               CASE WHEN m.state = 'exempted' THEN 'exempted' ELSE 'expected' END,
               FALSE, TRUE, 1, now(), 1, now()
          FROM party_meeting mt
          JOIN party_member m ON m.organization_id = mt.organization_id
         WHERE mt.id IN %s AND m.active
           AND m.state IN ('probationary', 'official', 'exempted')""",
               (tuple(state["meetings"]),))
    cr.execute("""
        UPDATE party_meeting SET state = 'announced', announced_on = now()
         WHERE id IN %s""", (tuple(state["meetings"]),))
    return _floor_mails(cr, state, "Cell meeting: ")


def _floor_mails(cr, state, subject):
    cr.execute("""
        WITH messages AS (
            INSERT INTO mail_message (subject, body, model, res_id, record_name,
                   message_type, email_from, reply_to, message_id, author_id, date,
                   create_uid, create_date, write_uid, write_date)
            SELECT %s || mt.name, '<p>Dear comrade ' || p.name || ',</p><p>' ||
                   mt.name || '</p>', 'party.meeting.attendance', a.id, p.name,
                   'email', 'noreply@example.org', '', md5(a.id::text), 3, now(),
                   1, now(), 1, now()
              FROM party_meeting_attendance a
              JOIN party_meeting mt ON mt.id = a.meeting_id
              JOIN party_member m ON m.id = a.member_id
              JOIN res_partner p ON p.id = m.partner_id
             WHERE a.meeting_id IN %s AND a.state IN ('expected', 'exempted')
               AND p.email IS NOT NULL
            RETURNING id, body, res_id)
        INSERT INTO mail_mail (mail_message_id, body_html, email_to, state,
               auto_delete, notification, create_uid, create_date, write_uid,
               write_date)
        SELECT ms.id, ms.body, p.email, 'outgoing', TRUE, FALSE, 1, now(), 1, now()
          FROM messages ms
          JOIN party_meeting_attendance a ON a.id = ms.res_id
          JOIN party_member m ON m.id = a.member_id
          JOIN res_partner p ON p.id = m.partner_id""",
               (subject, tuple(state["meetings"])))
    return cr.rowcount


def run_notices(env, state):
    return env["party.meeting.attendance"]._cron_send_notices(commit=False)


def floor_notices(cr, state):
    sent = _floor_mails(cr, state, "Cell meeting: ")
    sent += _floor_mails(cr, state, "Reminder: ")
    cr.execute("""
        UPDATE party_meeting_attendance
           SET invitation_sent = TRUE, reminder_sent = TRUE
         WHERE meeting_id IN %s AND state IN ('expected', 'exempted')""",
               (tuple(state["meetings"]),))
    return sent
