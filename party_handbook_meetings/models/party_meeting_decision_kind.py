# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Kinds of decision and the rule each one is passed by, as data with their
source (data/party_meeting_decision_kind_data.xml): a new rule is a changed
row, not new code. ``statute.Tally`` does the arithmetic."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_meeting_motion import METHODS  # pylint: disable=missing-import-error
from .statute import Rule  # pylint: disable=missing-import-error


class PartyMeetingDecisionKind(models.Model):
    _name = "party.meeting.decision.kind"
    _description = "Kind of decision"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    base = fields.Selection(
        [("counted", "Counted members of the meeting"),
         ("official_members", "Official members of the cell")],
        required=True, default="counted",
        help="Counted members: the summoned official members minus those "
             "attached elsewhere, absent exempted members, suspended members, "
             "members under prosecution or detention and members absent with "
             "an approved reason. Official members of the cell: the official "
             "members on the cell's roster, present or not, minus those "
             "attached elsewhere, suspended or under prosecution or in "
             "detention.")
    numerator = fields.Integer(required=True, default=1)
    denominator = fields.Integer(required=True, default=2)
    comparison = fields.Selection(
        [("more_than", "More than the fraction"),
         ("at_least", "At least the fraction")],
        required=True, default="more_than")
    required_method = fields.Selection(
        METHODS, string="Required voting method",
        help="The vote on this kind of decision is refused with any other "
             "method.")
    needs_subject = fields.Boolean(
        string="Concerns a person",
        help="The motion names the person concerned (applicant, "
             "probationary member, member under discipline).")
    max_failed_votes = fields.Integer(
        help="After this many failed votes on the same case the cell does not "
             "vote on it again: the case goes to the upper committee "
             "(0: no limit).")
    explanation = fields.Char(
        string="Rule as explained", translate=True,
        help="How the rule reads in a verdict's explanation; %(base)s is the "
             "number the fraction applies to, %(needed)s the votes in favour "
             "needed, %(fraction)s the fraction.")
    source = fields.Char(
        required=True, help="The text the rule comes from.")
    source_detail = fields.Char(
        help="Article or clause; \"check\" where it could not be verified.")
    cite_key = fields.Char(
        string="Article cited",
        help="Key of the library article a verdict of this kind cites "
             "(Library → the article's \"Cited by the application\"); "
             "the ordinary rule cites vote_majority.")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a kind of decision is "
         "unique."),
    ]

    @api.constrains("numerator", "denominator", "max_failed_votes")
    def _check_fraction(self):
        for kind in self:
            if not 0 < kind.numerator <= kind.denominator:
                raise ValidationError(_(
                    "The threshold must be a fraction between 0 and 1, such "
                    "as 2/3."))
            if kind.max_failed_votes < 0:
                raise ValidationError(_(
                    "The number of failed votes cannot be negative."))

    def _rule(self):
        """The statute.Rule of this kind (the ordinary rule when empty)."""
        if not self:
            return None
        self.ensure_one()
        source = self.source
        if self.source_detail:
            source = "%s, %s" % (source, self.source_detail)
        return Rule(self.name, self.base, self.numerator, self.denominator,
                    self.comparison, self.explanation or "", source,
                    self.max_failed_votes)

    @api.model
    def _default_kind(self):
        return self.env.ref(
            "party_handbook_meetings.decision_kind_ordinary",
            raise_if_not_found=False) or self.search([], limit=1)
