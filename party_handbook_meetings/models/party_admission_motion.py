# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cell's vote on an admission case through a meeting (issue #16, §2).

* A motion of kind admission or recognition may be linked to the case
  (``party.admission``) by someone who may write the case; the person it
  concerns follows from the case. Opening the vote checks the case's stage
  and the candidate's age at the meeting's date; when the vote closes with a
  verdict (passed or rejected: a meeting without quorum is no vote of the
  cell), its counts become the case's vote: the official members of the
  cell as the meeting counted them, the votes in favour, the meeting's date.
* One source for the numbers: the kinds of decision admission and
  recognition take their fraction and their failed votes from the
  ``party.rule`` rows admission_vote_fraction and
  admission_failed_votes_escalation, which the admission cases read too.
  The kinds' own columns are kept as copies (written from the rules at
  each write, at each module update and when a rule changes) and the
  verdict reads the rules themselves.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.party_handbook.models.party_integrity import (
    loading_data_files)

# pylint: disable=missing-import-error
from .party_meeting_paper_ballot import PartyMeetingMotion as PaperMotion
from .statute import Rule

# kind of decision → (fraction rule, failed votes rule)
RULE_BOUND = {
    "admission": ("admission_vote_fraction", "admission_failed_votes_escalation"),
    "recognition": ("admission_vote_fraction",
                    "admission_failed_votes_escalation"),
}
# kind of decision → the case's stage it votes in
CASE_STAGE = {"admission": "vote", "recognition": "probation"}


class PartyMeetingDecisionKind(models.Model):
    _inherit = "party.meeting.decision.kind"

    @api.model
    def _party_rule_numbers(self, code):
        fraction_code, failed_code = RULE_BOUND[code]
        Rule_ = self.env["party.rule"]
        fraction = Rule_.get_fraction(fraction_code)
        return {"numerator": fraction.numerator,
                "denominator": fraction.denominator,
                "comparison": "at_least",
                "base": "official_members",
                "max_failed_votes": int(Rule_.get_value(failed_code))}

    @api.model
    def _bound_values(self, code, vals):
        """``vals`` with the rule's numbers. A different number is refused
        (the rule is changed, not its copy), except from the module's data
        file, which a changed rule overrides."""
        numbers = self._party_rule_numbers(code)
        if not loading_data_files():
            for name, value in numbers.items():
                if name in vals and vals[name] != value:
                    raise UserError(_(
                        "The threshold and the failed votes of admission and "
                        "recognition are the rules admission_vote_fraction "
                        "and admission_failed_votes_escalation: change them "
                        "under Configuration / Rules."))
        return dict(vals, **numbers)

    @api.model
    def create(self, vals):
        if vals.get("code") in RULE_BOUND:
            vals = self._bound_values(vals["code"], vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        bound = self.filtered(lambda k: vals.get("code", k.code) in RULE_BOUND)
        if not bound:
            return super().write(vals)
        result = super(PartyMeetingDecisionKind, self - bound).write(vals)
        for kind in bound:
            super(PartyMeetingDecisionKind, kind).write(
                self._bound_values(vals.get("code", kind.code), vals))
        return result

    @api.model
    def _sync_party_rules(self):
        """Copy the rules' numbers to the kinds bound to them."""
        kinds = self.sudo().with_context(active_test=False).search(
            [("code", "in", list(RULE_BOUND))])
        for kind in kinds:
            kind.write({})
        return True

    def _rule(self):
        rule = super()._rule()
        if rule is None or self.code not in RULE_BOUND:
            return rule
        numbers = self._party_rule_numbers(self.code)
        return Rule(rule.name, numbers["base"], numbers["numerator"],
                    numbers["denominator"], numbers["comparison"], rule.text,
                    rule.source, numbers["max_failed_votes"])


class PartyRule(models.Model):
    _inherit = "party.rule"

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        codes = {code for pair in RULE_BOUND.values() for code in pair}
        if any(rule.code in codes for rule in self):
            self.env["party.meeting.decision.kind"]._sync_party_rules()
        return result


class PartyMeetingMotion(models.Model):
    _inherit = "party.meeting.motion"
    VOTED_TEXT_FIELDS = PaperMotion.VOTED_TEXT_FIELDS + ("admission_id",)

    admission_id = fields.Many2one(
        "party.admission", string="Admission case", ondelete="restrict",
        index=True, groups="party_handbook.group_party_handbook_cell_secretary",
        states={"open": [("readonly", True)], "closed": [("readonly", True)]},
        help="The admission case this vote decides for the cell (admission "
             "or recognition): when the vote closes, its counts become the "
             "case's vote.")

    def _admission_values(self, vals):
        """Check the caller may write the case; name the person concerned."""
        if not vals.get("admission_id"):
            return vals
        case = self.env["party.admission"].browse(vals["admission_id"])
        case.check_access_rights("write")
        case.check_access_rule("write")
        vals = dict(vals)
        if case.member_id:
            vals.setdefault("subject_member_id", case.member_id.id)
        else:
            vals.setdefault("subject_name", case.name)
        return vals

    @api.model
    def create(self, vals):
        return super().create(self._admission_values(vals))

    @api.multi
    def write(self, vals):
        return super().write(self._admission_values(vals))

    def _check_decision_kind(self):
        super()._check_decision_kind()
        case = self.admission_id
        if not case:
            return
        kind = self.sudo().decision_kind_id
        if kind.code not in CASE_STAGE:
            raise UserError(_(
                "“%s” is linked to an admission case: its kind of decision is "
                "admission or recognition.") % self.name)
        if case.organization_id != self.organization_id:
            raise UserError(_(
                "The admission case of %s belongs to another cell.")
                % case.name)
        if case.state != CASE_STAGE[kind.code]:
            raise UserError(_(
                "The case of %(name)s is at the stage “%(stage)s”: the cell "
                "cannot vote on “%(kind)s” now.") % {
                    "name": case.name, "stage": case._stage_label(),
                    "kind": kind.name})
        if kind.code == "admission":
            case._check_age_at_vote(self.meeting_date)

    @api.multi
    def action_close_vote(self):
        result = super().action_close_vote()
        linked = self.filtered(lambda m: m.admission_id and m.result in (
            "passed", "rejected"))
        if not linked:
            return result
        tallies = linked.mapped("meeting_id")._tallies()
        for motion in linked:
            tally = tallies[motion.meeting_id.id]
            # the link was checked when it was made (by a writer of the
            # case); the vote is the meeting's, whoever closes it
            motion.admission_id.sudo()._record_vote(
                motion.meeting_date, tally.official_members,
                motion.yes_count, motion=motion)
        return result


class PartyAdmission(models.Model):
    _inherit = "party.admission"

    motion_ids = fields.One2many("party.meeting.motion", "admission_id",
                                 string="Meeting motions", readonly=True)

    def _vote_motion_values(self, motion):
        # the case is read as superuser here: the closer is the motion's user
        return {"source": "meeting", "motion_id": motion.id,
                "recorded_by": motion.env.uid}


class PartyAdmissionVote(models.Model):
    _inherit = "party.admission.vote"

    motion_id = fields.Many2one("party.meeting.motion", string="Motion",
                                readonly=True, ondelete="restrict", index=True)
