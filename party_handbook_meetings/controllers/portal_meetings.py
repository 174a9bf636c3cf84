# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal: the meetings of the member's cell, asking to be
excused, voting, results and approved minutes.

A meeting id in the URL is looked up among the meetings of the logged-in
member's own cell (or of the cell they are temporarily attached to), and a
motion id among that meeting's motions: a tampered id answers 404 like a
missing one. The pages read as superuser after that check; what the member
does (asking to be excused, voting) runs as the member's own user, and the
models check access and identity themselves (a vote is never cast as
superuser)."""
import babel
import babel.dates
import pytz
from werkzeug.exceptions import NotFound
from werkzeug.utils import redirect as http_redirect

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import posix_to_ldml

from odoo.addons.party_handbook.controllers import portal_shortcuts

# a member sees announced meetings and what follows; never drafts
VISIBLE_STATES = ("announced", "in_progress", "closed", "approved", "cancelled")
UPCOMING_STATES = ("announced", "in_progress")
# roster lines a member may ask to be excused from (see the attendance model)
EXCUSABLE_STATES = ("expected", "absent")
# votes a member casts from the portal (a hand count is entered by the
# secretary)
PORTAL_METHODS = ("named", "secret")
CHOICES = ("yes", "no", "abstain")
MAX_REASON_LENGTH = 2000
PAST_LIMIT = 24
# open votes listed on /my, each one tap from its ballot
MAX_SHORTCUT_VOTES = 3
ONLINE_SCHEMES = ("https://", "http://")


class PartyMeetingPortal(portal_shortcuts.PartyShortcutPortal):

    # --- helpers ----------------------------------------------------------

    @staticmethod
    def _member_cells(member):
        return member.organization_id | member.temporary_organization_id

    def _own_meetings_domain(self, member, states=VISIBLE_STATES):
        return [("organization_id", "in", self._member_cells(member).ids),
                ("state", "in", states)]

    def _meeting_or_404(self, member, meeting_id):
        meeting = request.env["party.meeting"].sudo().search(
            self._own_meetings_domain(member) + [("id", "=", meeting_id)])
        if not meeting:
            raise NotFound()
        return meeting

    @staticmethod
    def _motion_or_404(meeting, motion_id):
        motion = meeting.motion_ids.filtered(lambda m: m.id == motion_id)
        if not motion:
            raise NotFound()
        return motion

    @staticmethod
    def _own_lines(member, meetings):
        """{meeting id: the member's roster line}"""
        lines = request.env["party.meeting.attendance"].sudo().search([
            ("meeting_id", "in", meetings.ids), ("member_id", "=", member.id)])
        return {line.meeting_id.id: line for line in lines}

    def _waiting_motions(self, member):
        """Open votes of the member's meetings that the member may cast and
        has not cast yet."""
        motions = request.env["party.meeting.motion"].sudo().search([
            ("organization_id", "in", self._member_cells(member).ids),
            ("state", "=", "open"), ("method", "in", PORTAL_METHODS),
            ("meeting_id.state", "=", "in_progress")])
        if not motions:
            return motions
        lines = self._own_lines(member, motions.mapped("meeting_id"))
        voted = request.env["party.meeting.vote"].sudo().search([
            ("motion_id", "in", motions.ids),
            ("member_id", "=", member.id)]).mapped("motion_id")
        return motions.filtered(
            lambda m: m not in voted and lines.get(m.meeting_id.id)
            and lines[m.meeting_id.id].can_vote)

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        member = self._party_member()
        values["party_meeting_upcoming_count"] = member and request.env[
            "party.meeting"].sudo().search_count(
                self._own_meetings_domain(member, UPCOMING_STATES))
        values["party_vote_waiting_count"] = member and len(
            self._waiting_motions(member))
        return values

    def _party_shortcuts(self, member):
        """/my also leads to the open vote waiting for the member (the
        motion itself, never the meeting's first, maybe closed, motion) and
        to the next meeting not started yet (to read its agenda or ask to be
        excused)."""
        values = super()._party_shortcuts(member)
        waiting = self._waiting_motions(member).sorted(
            lambda m: (m.meeting_id.date_start or "", m.id))
        values["party_votes_waiting"] = [{
            "name": motion.name, "motion_id": motion.id,
            "href": "/my/party/meetings/%s#motion-%s" % (
                motion.meeting_id.id, motion.id),
        } for motion in waiting[:MAX_SHORTCUT_VOTES]]
        meeting = request.env["party.meeting"].sudo().search(
            self._own_meetings_domain(member, ("announced",)) + [
                ("date_start", ">=", fields.Datetime.now())],
            order="date_start, id", limit=1)
        values["party_next_meeting"] = meeting and {
            "name": meeting.name, "when": self._meeting_when(meeting),
            "href": "/my/party/meetings/%s#attendance" % meeting.id,
        }
        return values

    @staticmethod
    def _label(record, name, value=None):
        value = record[name] if value is None else value
        return dict(record._fields[name]._description_selection(
            record.env)).get(value, value or "")

    @staticmethod
    def _meeting_when(meeting):
        """'Thursday, 12/03/2026 · 07:30 – 10:00' in the city's time zone
        (where the meeting takes place) and the user's language."""
        env = request.env
        tz = pytz.timezone(meeting._city_tz())
        lang = env["res.lang"]._lang_get(env.context.get("lang") or "en_US")
        locale = babel.Locale.parse(lang.code)

        def local(value):
            return pytz.utc.localize(
                fields.Datetime.from_string(value)).astimezone(tz)

        def day(value):
            return "%s, %s" % (
                babel.dates.format_date(value, "EEEE", locale=locale),
                babel.dates.format_date(value, posix_to_ldml(
                    lang.date_format, locale=locale), locale=locale))

        start = local(meeting.date_start)
        text = "%s · %s" % (day(start), start.strftime("%H:%M"))
        if meeting.date_end:
            end = local(meeting.date_end)
            if end.date() == start.date():
                text += " – %s" % end.strftime("%H:%M")
            else:
                text += " – %s · %s" % (day(end), end.strftime("%H:%M"))
        return text

    def _attendance_status(self, line):
        """(css key, text) of the member's attendance at a meeting."""
        if not line:
            return "none", _("You are not on this meeting's roster.")
        upcoming = line.meeting_id.state in UPCOMING_STATES
        if line.state in EXCUSABLE_STATES and upcoming:
            if line.excuse_state == "requested":
                return "requested", _("You asked to be excused: the cell "
                                      "secretary has not answered yet.")
            if line.excuse_state == "refused":
                return "refused", _("Your request to be excused was refused: "
                                    "please attend.")
        if line.state == "expected" and upcoming:
            return "expected", _("You are expected.")
        return line.state, self._label(line, "state")

    def _documents(self, member, documents):
        """The documents as the member may open them: a link only when the
        document was sent to the member (their receipt)."""
        received = request.env["party.document.receipt"].sudo().search([
            ("member_id", "=", member.id),
            ("document_id", "in", documents.ids),
            ("document_id.state", "!=", "draft")]).mapped("document_id")
        return {document.id: {
            "name": document.name,
            "number": document.number or "",
            "href": document in received and
            "/my/party/documents/%s" % document.id,
        } for document in documents}

    def _meeting_card(self, meeting, line, documents):
        # the link to join matters only until the meeting ends
        online = meeting.state in UPCOMING_STATES and meeting.online_url or ""
        return {
            "meeting": meeting,
            "when": self._meeting_when(meeting),
            "type_label": self._label(meeting, "meeting_type"),
            "state_label": self._label(meeting, "state"),
            "online_url": online if online.lower().startswith(
                ONLINE_SCHEMES) else "",
            "online_text": online if not online.lower().startswith(
                ONLINE_SCHEMES) else "",
            "attendance": self._attendance_status(line),
            "agenda": [{
                "name": item.name,
                "presenter": item.presenter_id.name or "",
                "document": item.document_id and documents[item.document_id.id],
            } for item in meeting.agenda_item_ids],
            "documents": [documents[d.id] for d in meeting.document_ids],
        }

    def _cards(self, member, meetings):
        lines = self._own_lines(member, meetings)
        documents = self._documents(member, meetings.mapped("document_ids") |
                                    meetings.mapped("agenda_item_ids.document_id"))
        return [self._meeting_card(meeting, lines.get(meeting.id), documents)
                for meeting in meetings]

    def _motion_rows(self, member, meeting, line):
        motions = meeting.motion_ids.filtered(lambda m: m.state != "draft")
        votes = request.env["party.meeting.vote"].sudo().search([
            ("motion_id", "in", motions.ids), ("member_id", "=", member.id)])
        mine = {vote.motion_id.id: vote.choice or "secret" for vote in votes}
        if not line:
            refusal = _("You are not on this meeting's roster.")
        else:
            refusal = not line.can_vote and line._vote_refusal()
        rows = []
        for motion in motions:
            my_vote = mine.get(motion.id)
            rows.append({
                "motion": motion,
                "method_label": self._label(motion, "method"),
                "portal": motion.method in PORTAL_METHODS,
                "my_vote": my_vote,
                "my_vote_label": my_vote and my_vote != "secret" and
                self._label(motion, "my_vote", my_vote),
                "refusal": refusal,
                "result_label": motion.result and self._label(motion, "result"),
            })
        return rows

    def _vote_problem(self, member, motion, line):
        """Why the member cannot vote on this motion now, or None."""
        if motion.state != "open":
            return _("This vote is not open.")
        if motion.method not in PORTAL_METHODS:
            return _("This vote is counted by show of hands in the meeting "
                     "room.")
        if request.env["party.meeting.vote"].sudo().search_count([
                ("motion_id", "=", motion.id), ("member_id", "=", member.id)]):
            return _("You have already voted on this motion.")
        if not line:
            return _("You are not on this meeting's roster.")
        if not line.can_vote:
            return line._vote_refusal()
        return None

    @staticmethod
    def _choice_padding():
        """{choice: filler}: each confirmation form posts a filler that makes
        its request body as long as the others', so that the size of a vote
        on the wire says nothing of the choice."""
        longest = max(len(choice) for choice in CHOICES)
        return {choice: "x" * (longest - len(choice)) for choice in CHOICES}

    def _choice_labels(self):
        Motion = request.env["party.meeting.motion"]
        labels = dict(Motion._fields["my_vote"]._description_selection(
            request.env))
        return [(choice, labels[choice]) for choice in CHOICES]

    def _excuse_reasons(self):
        Line = request.env["party.meeting.attendance"]
        return Line._fields["excuse_reason_code"]._description_selection(
            request.env)

    def _meeting_page(self, member, meeting, error=None, error_at=None,
                      reason="", reason_code=None):
        line = self._own_lines(member, meeting).get(meeting.id)
        card = self._cards(member, meeting)[0]
        can_ask = bool(
            line and meeting.state in UPCOMING_STATES
            and line.state in EXCUSABLE_STATES
            and line.excuse_state in (False, "refused"))
        params = request.params
        motions = self._motion_rows(member, meeting, line)
        values = dict(
            card=card, meeting=meeting, line=line, motions=motions,
            vote_waiting=next((
                row["motion"] for row in motions
                if row["portal"] and row["motion"].state == "open"
                and not row["my_vote"] and not row["refusal"]), None),
            choices=self._choice_labels(),
            error=error, error_at=error_at, reason=reason,
            reason_code=reason_code, excuse_reasons=self._excuse_reasons(),
            can_ask_excuse=can_ask, padding=self._choice_padding(),
            excuse_sent=bool(params.get("excuse")) and not error,
            chair_name=meeting.chair_id.name or "",
            secretary_name=meeting.secretary_id.name or "",
            minutes=meeting.state == "approved" and meeting.minutes,
        )
        return self._party_render(
            "party_handbook_meetings.portal_party_meeting", member,
            "party_meeting", **values)

    # --- pages ------------------------------------------------------------

    @http.route("/my/party/meetings", type="http", auth="user", website=False,
                methods=["GET"])
    def party_meetings(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        Meeting = request.env["party.meeting"].sudo()
        upcoming = Meeting.search(
            self._own_meetings_domain(member, UPCOMING_STATES),
            order="date_start, id")
        past = Meeting.search(
            self._own_meetings_domain(member, ("approved",)),
            order="date_start desc, id desc", limit=PAST_LIMIT)
        waiting = self._waiting_motions(member).mapped("meeting_id")
        return self._party_render(
            "party_handbook_meetings.portal_party_meetings", member,
            "party_meetings", upcoming=self._cards(member, upcoming),
            past=[{
                "meeting": meeting, "when": self._meeting_when(meeting),
                "type_label": self._label(meeting, "meeting_type"),
            } for meeting in past],
            waiting_ids=waiting.ids)

    @http.route("/my/party/meetings/<int:meeting_id>", type="http",
                auth="user", website=False, methods=["GET"])
    def party_meeting(self, meeting_id, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        return self._meeting_page(member, self._meeting_or_404(member, meeting_id))

    @http.route("/my/party/meetings/<int:meeting_id>/excuse", type="http",
                auth="user", website=False, methods=["POST"])
    def party_meeting_excuse(self, meeting_id, reason=None, reason_code=None,
                             **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        meeting = self._meeting_or_404(member, meeting_id)
        line = self._own_lines(member, meeting).get(meeting.id)
        reason = (reason or "").strip()
        codes = dict(self._excuse_reasons())
        if not line:
            error = _("You are not on this meeting's roster.")
        elif reason_code and reason_code not in codes:
            error = _("Choose the reason from the list.")
        elif not reason and reason_code in (None, "", "other"):
            error = _("Please give the reason for your absence.")
        elif len(reason) > MAX_REASON_LENGTH:
            error = _("Your reason is too long: keep it under %(max)s "
                      "characters.") % {"max": MAX_REASON_LENGTH}
        else:
            try:
                # nothing half-written: any error rolls the request back
                with request.env.cr.savepoint():
                    request.env["party.meeting.attendance"].browse(
                        line.id).action_request_excuse(
                            reason, reason_code=reason_code or None)
            except (AccessError, UserError, ValidationError) as exc:
                error = exc.name
            else:
                return http_redirect(
                    "/my/party/meetings/%s?excuse=1#attendance" % meeting.id, 303)
        return self._meeting_page(member, meeting, error=error,
                                  error_at="excuse", reason=reason,
                                  reason_code=reason_code)

    @http.route("/my/party/meetings/<int:meeting_id>/vote/<int:motion_id>",
                type="http", auth="user", website=False, methods=["POST"])
    def party_meeting_vote(self, meeting_id, motion_id, choice=None, confirm=None,
                           **_kwargs):
        """Cast the vote: POST only, with the CSRF token, the choice and the
        confirmation. The choice is never in a URL (no GET, no redirect or
        #fragment carrying it) and nothing sent back depends on it: the page
        offers the three choices with their confirmations at once (the
        browser shows the one tapped, without asking the server), and a cast
        vote answers with the same redirect whatever the choice."""
        member = self._party_member()
        if not member:
            return self._party_no_member()
        meeting = self._meeting_or_404(member, meeting_id)
        motion = self._motion_or_404(meeting, motion_id)
        line = self._own_lines(member, meeting).get(meeting.id)
        if choice not in CHOICES:
            return self._meeting_page(
                member, meeting, error_at=motion.id,
                error=_("Choose in favour, against or abstain."))
        problem = self._vote_problem(member, motion, line)
        if problem:
            return self._meeting_page(member, meeting, error=problem,
                                      error_at=motion.id)
        if confirm != "1":
            return self._meeting_page(
                member, meeting, error_at=motion.id,
                error=_("Your vote was not cast: choose again and confirm it."))
        try:
            with request.env.cr.savepoint():
                # as the member's user: cast_vote checks access and identity
                request.env["party.meeting.motion"].browse(
                    motion.id).cast_vote(choice)
        except (AccessError, UserError, ValidationError) as exc:
            # the vote runs in its own transaction (see cast_vote): start a
            # new one here, so that the page shows what is committed now
            # (this request wrote nothing)
            request.env.cr.rollback()
            request.env.clear()
            return self._meeting_page(member, meeting, error=exc.name,
                                      error_at=motion.id)
        return http_redirect("/my/party/meetings/%s?voted=%s#motion-%s" % (
            meeting.id, motion.id, motion.id), 303)
