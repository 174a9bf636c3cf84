# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Party Statute's counting rules, kept apart from the ORM so that every
path (hand count, named vote, secret ballot, reports) uses the same numbers.

The counted base (số đảng viên được triệu tập tính để biểu quyết) is the
summoned official members minus those temporarily attached elsewhere, absent
exempted members, suspended members, members under prosecution or detention
and members absent with an approved reason. A meeting is valid when enough of
the counted base is present (two thirds unless the organization says
otherwise); a motion passes only when *more than half* of the counted base is
in favour: exactly half fails.
"""
from collections import namedtuple

from odoo import _

# attendance states of a roster line
ATTENDANCE_STATES = [
    ("expected", "Not recorded yet"),
    ("present", "Present"),
    ("excused", "Absent with approved reason"),
    ("absent", "Absent without reason"),
    ("exempted", "Exempted, absent"),
    ("attached_elsewhere", "Attached elsewhere"),
]
# member restrictions that take a member out of the counted base
RESTRICTIONS = [
    ("suspended", "Suspended from party activities"),
    ("prosecuted", "Under prosecution or in detention"),
]
# attendance states that take an official member out of the counted base
EXCLUDED_STATES = ("excused", "exempted", "attached_elsewhere")


# The rule a kind of decision is passed by (a row of
# party.meeting.decision.kind, kept here as plain values so that the Statute's
# arithmetic stays apart from the ORM). ``base``: "counted" (the counted base
# of the meeting) or "official_members" (the cell's official members, see
# Tally.official_members); ``comparison``: "more_than" (strictly more than
# numerator/denominator of the base) or "at_least" (numerator/denominator or
# more); ``text``: how the rule reads, with %(base)s and %(needed)s;
# ``source``: where the rule comes from; ``max_failed``: failed votes after
# which the case goes to the upper committee (0: no limit).
Rule = namedtuple("Rule", "name base numerator denominator comparison text "
                          "source max_failed")


class Tally(object):
    """The numbers of one meeting's roster, as the Statute counts them."""

    def __init__(self, env=None):
        # odoo's _() reads the language from ``self.env`` of its caller
        self.env = env
        self.summoned = 0            # summoned official members
        self.attached_elsewhere = 0
        self.exempted_absent = 0
        self.suspended = 0
        self.prosecuted = 0
        self.excused = 0
        self.present = 0             # counted members present (= eligible voters)
        self.present_total = 0       # everybody present, probationary included
        self.probationary_present = 0

    @classmethod
    def from_lines(cls, lines, env=None):
        """``lines``: iterable of (is_official, restriction, attendance state,
        is_guest) tuples, one per roster line; ``env`` gives the language of
        the explanations."""
        tally = cls(env)
        for is_official, restriction, state, is_guest in lines:
            if state == "present":
                tally.present_total += 1
            if is_guest:
                continue
            if not is_official:
                if state == "present":
                    tally.probationary_present += 1
                continue
            tally.summoned += 1
            if restriction == "suspended":
                tally.suspended += 1
            elif restriction == "prosecuted":
                tally.prosecuted += 1
            elif state == "attached_elsewhere":
                tally.attached_elsewhere += 1
            elif state == "exempted":
                tally.exempted_absent += 1
            elif state == "excused":
                tally.excused += 1
            elif state == "present":
                tally.present += 1
        return tally

    @property
    def base(self):
        return (self.summoned - self.attached_elsewhere - self.exempted_absent
                - self.suspended - self.prosecuted - self.excused)

    @property
    def official_members(self):
        """The cell's official members (docs/DESIGN.md, "Thresholds by kind
        of decision"): the official and exempted members on the cell's own
        roster, whether present or absent, minus those temporarily attached
        to another organization, suspended, or under prosecution or in
        detention (they are never counted in a vote). Members of other cells
        attached here are not on it."""
        return (self.summoned - self.attached_elsewhere - self.suspended
                - self.prosecuted)

    def rule_base(self, rule):
        if rule is not None and rule.base == "official_members":
            return self.official_members
        return self.base

    def needed(self, rule):
        """Votes in favour needed under ``rule`` (integer arithmetic)."""
        base = self.rule_base(rule)
        if rule.comparison == "at_least":
            return -(-base * rule.numerator // rule.denominator)
        return base * rule.numerator // rule.denominator + 1

    def passes_rule(self, yes, rule):
        base = self.rule_base(rule)
        if base <= 0:
            return False
        if rule.comparison == "at_least":
            return yes * rule.denominator >= base * rule.numerator
        return yes * rule.denominator > base * rule.numerator

    def required(self, numerator, denominator):
        """Smallest number present that meets a quorum of numerator/denominator
        of the counted base (integer arithmetic: 2/3 of 9 is 6, of 10 is 7)."""
        return -(-self.base * numerator // denominator)

    def quorum_met(self, numerator, denominator):
        return self.base > 0 and self.present * denominator >= self.base * numerator

    def majority(self):
        """Votes in favour needed to pass: more than half of the counted base."""
        return self.base // 2 + 1

    def passes(self, yes):
        return self.base > 0 and yes * 2 > self.base

    # plain-language explanations ------------------------------------------
    def explain_base(self):
        parts = []
        for count, label in (
                (self.attached_elsewhere, _("%s attached elsewhere")),
                (self.exempted_absent, _("%s exempted and absent")),
                (self.suspended, _("%s suspended")),
                (self.prosecuted, _("%s under prosecution or in detention")),
                (self.excused, _("%s absent with an approved reason"))):
            if count:
                parts.append(label % count)
        if not parts:
            return _("Counted members: %(base)s (all %(summoned)s summoned "
                     "official members).") % {
                         "base": self.base, "summoned": self.summoned}
        return _("Counted members: %(base)s (%(summoned)s summoned official "
                 "members, minus %(excluded)s).") % {
                     "base": self.base, "summoned": self.summoned,
                     "excluded": ", ".join(parts)}

    def explain_quorum(self, numerator, denominator):
        if self.base <= 0:
            return _("No official member can be counted: the meeting cannot "
                     "vote.")
        values = {
            "present": self.present, "required": self.required(
                numerator, denominator),
            "fraction": "%s/%s" % (numerator, denominator), "base": self.base}
        if self.quorum_met(numerator, denominator):
            return _("Present: %(present)s of %(base)s, at least %(required)s "
                     "(%(fraction)s) are required: the meeting is valid.") % values
        return _("Present: %(present)s of %(base)s, but %(required)s "
                 "(%(fraction)s) are required: the meeting is not valid and "
                 "cannot pass resolutions.") % values

    def verdict(self, yes, no, abstain, numerator, denominator, rule=None,
                failed_before=0, parts=None, citation=None):
        """(result, explanation) for a motion with these counts. ``result`` is
        'passed', 'rejected' or 'invalid' (quorum not met). ``rule``: the
        kind of decision's Rule (default: more than half of the counted
        base); ``failed_before``: votes on the same case that failed before
        this one; ``parts``: a line telling the online and paper parts of a
        secret ballot; ``citation``: the library article the rule is written
        in."""
        lines = [self.explain_base(), self.explain_quorum(numerator, denominator)]
        if self.probationary_present:
            lines.append(_("Probationary members present: %s; they speak but "
                           "do not vote.") % self.probationary_present)
        if parts:
            lines.append(parts)
        if not self.quorum_met(numerator, denominator):
            return "invalid", "\n".join(lines)
        values = {"yes": yes, "no": no, "abstain": abstain, "base": self.base,
                  "majority": self.majority()}
        lines.append(_("In favour: %(yes)s, against: %(no)s, "
                       "abstaining: %(abstain)s.") % values)
        if rule is None or (rule.base, rule.numerator, rule.denominator,
                            rule.comparison) == ("counted", 1, 2, "more_than"):
            result = self._verdict_majority(yes, values, lines)
        else:
            result = self._verdict_rule(yes, rule, lines)
        if rule is not None and rule.source:
            lines.append(_("Rule: %(name)s (%(source)s).") % {
                "name": rule.name, "source": rule.source})
        if citation:
            lines.append(_("Where the rule is written: %s (see the "
                           "library).") % citation)
        if result == "rejected" and rule is not None and rule.max_failed:
            failed = failed_before + 1
            values = {"failed": failed, "max": rule.max_failed}
            if failed >= rule.max_failed:
                lines.append(_(
                    "This is failed vote %(failed)s of %(max)s on this case: "
                    "the cell does not vote on it again; the case goes to the "
                    "upper committee.") % values)
            else:
                lines.append(_("This is failed vote %(failed)s of %(max)s on "
                               "this case.") % values)
        return result, "\n".join(lines)

    def _verdict_majority(self, yes, values, lines):
        if self.passes(yes):
            lines.append(_("%(yes)s in favour is more than half of the "
                           "%(base)s counted members (%(majority)s needed): "
                           "the motion passes.") % values)
            return "passed"
        if yes * 2 == self.base:
            lines.append(_("%(yes)s in favour is exactly half of the %(base)s "
                           "counted members, not more than half "
                           "(%(majority)s needed): the motion fails.") % values)
        else:
            lines.append(_("%(yes)s in favour is not more than half of the "
                           "%(base)s counted members (%(majority)s needed): "
                           "the motion fails.") % values)
        return "rejected"

    def _verdict_rule(self, yes, rule, lines):
        base = self.rule_base(rule)
        values = {"yes": yes, "base": base, "needed": self.needed(rule),
                  "fraction": "%s/%s" % (rule.numerator, rule.denominator)}
        try:
            text = (rule.text or "") % values
        except (KeyError, TypeError, ValueError):
            text = ""
        if not text:
            text = _("%(fraction)s of %(base)s (%(needed)s needed)") % values
        if rule.base == "official_members":
            lines.append(_("Official members of the cell: %s.") % base)
        values["rule"] = text
        if self.passes_rule(yes, rule):
            lines.append(_("%(yes)s in favour meets the rule, %(rule)s: the "
                           "motion passes.") % values)
            return "passed"
        lines.append(_("%(yes)s in favour does not meet the rule, %(rule)s: "
                       "the motion fails.") % values)
        return "rejected"
