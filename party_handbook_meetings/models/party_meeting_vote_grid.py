# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One screen for the whole roster of a hand or named vote (issue #12):
one line per member present who can vote."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_meeting_motion import CHOICES  # pylint: disable=missing-import-error


class PartyMeetingVoteGrid(models.TransientModel):
    _name = "party.meeting.vote.grid"
    _description = "Record the votes of the roster"

    motion_id = fields.Many2one("party.meeting.motion", required=True)
    method = fields.Selection(related="motion_id.method", readonly=True)
    line_ids = fields.One2many("party.meeting.vote.grid.line", "grid_id",
                               string="Members")
    yes_count = fields.Integer(string="In favour")
    no_count = fields.Integer(string="Against")
    abstain_count = fields.Integer(string="Abstaining")
    skipped_names = fields.Char(
        string="Already voted", readonly=True,
        help="Members who voted themselves while this screen was open: "
             "their votes were kept.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        motion = self.env["party.meeting.motion"].browse(
            values.get("motion_id") or self.env.context.get("default_motion_id"))
        if motion and "line_ids" in fields_list:
            values["line_ids"] = [(0, 0, vals)
                                  for vals in self._prepare_lines(motion)]
        return values

    @api.model
    def _prepare_lines(self, motion):
        motion.check_access_rule("read")
        votes = {vote.member_id.id: vote for vote in motion.sudo().vote_ids}
        result = []
        for line in motion.sudo().meeting_id.attendance_ids.filtered("can_vote"):
            vote = votes.get(line.member_id.id)
            result.append({
                "member_id": line.member_id.id,
                "already_voted": bool(vote),
                "choice": vote.choice if vote else False,
            })
        return result

    @api.multi
    def action_save(self):
        """Named: each new line is cast as that member's vote (one
        transaction, through the motion's casting path); members already on
        the register are left untouched. Hands: the counts, from the lines'
        choices when any, else from the counts typed."""
        self.ensure_one()
        motion = self.motion_id
        motion._check_recorder()
        if motion.state != "open":
            raise UserError(_("The vote on “%s” is not open.") % motion.name)
        lines = self.line_ids.filtered(lambda l: l.choice and not l.already_voted)
        if motion.method == "secret":
            raise UserError(_("Nobody can cast a secret ballot for another "
                              "member: hand out paper ballots instead."))
        if motion.method == "hands":
            chosen = self.line_ids.filtered("choice")
            if chosen:
                counts = {name: len(chosen.filtered(lambda l, c=choice: l.choice == c))
                          for name, choice in (("yes_count", "yes"),
                                               ("no_count", "no"),
                                               ("abstain_count", "abstain"))}
            else:
                counts = {"yes_count": self.yes_count, "no_count": self.no_count,
                          "abstain_count": self.abstain_count}
            motion.write(counts)
            return {"type": "ir.actions.act_window_close"}
        lines.filtered("assisted").mapped("member_id")._check_assistance_consent()
        result = motion._cast_many([
            (line.member_id.id, line.choice, line.assisted, "online")
            for line in lines])
        if result["skipped"]:
            names = self.env["party.member"].sudo().browse(
                result["skipped"]).mapped("name")
            self.skipped_names = ", ".join(names)
        return {"type": "ir.actions.act_window_close"}


class PartyMeetingVoteGridLine(models.TransientModel):
    _name = "party.meeting.vote.grid.line"
    _description = "A member's line in the vote grid"

    grid_id = fields.Many2one("party.meeting.vote.grid", required=True,
                              ondelete="cascade")
    member_id = fields.Many2one("party.member", required=True)
    choice = fields.Selection(CHOICES)
    assisted = fields.Boolean(
        string="Assisted entry",
        help="Given on the member's behalf (needs the member's consent).")
    already_voted = fields.Boolean()


class PartyMeetingMotion(models.Model):
    _inherit = "party.meeting.motion"

    @api.multi
    def action_open_vote_grid(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": _("Votes of the roster"),
            "res_model": "party.meeting.vote.grid", "view_mode": "form",
            "target": "new", "context": {"default_motion_id": self.id}}

    @api.multi
    def action_open_paper_issue(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": _("Hand out paper ballots"),
            "res_model": "party.meeting.paper.issue", "view_mode": "form",
            "target": "new", "context": {"default_motion_id": self.id}}
