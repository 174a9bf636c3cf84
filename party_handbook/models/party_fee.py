# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Party fees (issue #16; Quy định 01-QĐ/TW of 3/2/2026, in force 1/2/2026).

The data model, shared by the ledger (bases, rates, exemptions, monthly
dues, arrears: party_fee_ledger.py) and by what reads and feeds it
(payments recorded in cash or imported from the National Public Service
Portal, reports, the member's portal page):

- ``party.fee.rate``: the rates as a dated table with their source (a new
  rule is a new row); ``party.fee.minimum.wage``: the regional minimum
  monthly wage the "other members" pay a share of;
- ``party.fee.basis``: what a member's fee is computed from, dated
  (category and monthly amount: salary, benefit, pension);
- ``party.fee.exemption``: exemptions and reductions with their approval;
- ``party.fee.due``: one row per member and month, generated set-wise;
- ``party.fee.payment``: money received for one member, for one month or a
  run of months."""
from odoo import api, fields, models

CATEGORIES = [
    ("salary", "Salary with compulsory social insurance"),
    ("benefit", "Sickness or maternity benefit"),
    ("pension", "Pension"),
    ("student", "Student"),
    ("other_working", "Other member, below retirement age"),
    ("other_retired", "Other member, at or above retirement age"),
]
METHODS = [
    ("percent_basis", "Percent of the member's basis"),
    ("percent_minimum_wage", "Percent of the regional minimum monthly wage"),
    ("fixed", "Fixed amount a month"),
]
WAGE_REGIONS = [("1", "Region I"), ("2", "Region II"), ("3", "Region III"),
                ("4", "Region IV")]
EXEMPTION_KINDS = [
    ("party_age", "Exempt: 50 years of party age or more"),
    ("social_pension", "Exempt: receives a social pension"),
    ("poor_household", "Exempt on request: poor or near-poor household"),
    ("illness", "Exempt on request: serious illness"),
    ("reduction", "Reduction"),
]
EXEMPTION_STATES = [("draft", "Requested"), ("approved", "Approved"),
                    ("refused", "Refused"), ("cancelled", "Cancelled")]
DUE_STATES = [("due", "Unpaid"), ("partial", "Partly paid"), ("paid", "Paid"),
              ("exempt", "Exempt")]
PAYMENT_STATES = [("posted", "Recorded"), ("cancelled", "Cancelled")]
CHANNELS = [("cash", "Cash to the cell"),
            ("dvc", "National Public Service Portal"),
            ("bank", "Bank transfer")]


# the state of a due from its amount and what was paid for it (``c`` is the
# row with ``amount`` and ``amount_paid``)
DUE_STATE_SQL = """CASE WHEN c.amount = 0 THEN 'exempt'
                        WHEN c.amount_paid >= c.amount THEN 'paid'
                        WHEN c.amount_paid > 0 THEN 'partial'
                        ELSE 'due' END"""


def allocation_sql(dues):
    """SQL (a SELECT of ``member_id, month, amount_paid``): what the posted
    payments pay for each month of ``dues`` (the name of a relation with
    ``member_id, month, amount``: one row per member and month). The one
    definition of the allocation, used when dues are generated, recomputed
    and settled.

    A payment for a run of months pays them oldest month first: each month
    up to its due; what remains after the run's last month is counted on
    that last month (a voluntary higher payment). A month of the run whose
    due is not generated yet takes nothing until it is: the later months
    are then allocated as if it were there. Cancelled payments count for
    nothing. Several payments for one month add up."""
    return """
        SELECT a.member_id, a.month, sum(CASE
               WHEN a.month = a.month_to
                   THEN GREATEST(a.pay_amount - a.before, 0)
               ELSE LEAST(a.amount, GREATEST(a.pay_amount - a.before, 0))
               END)::integer AS amount_paid
          FROM (SELECT x.member_id, x.month, x.amount, pay.amount AS pay_amount,
                       pay.month_to, COALESCE(sum(x.amount) OVER (
                           PARTITION BY pay.id ORDER BY x.month ROWS BETWEEN
                           UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                  FROM {dues} x
                  JOIN party_fee_payment pay
                    ON pay.member_id = x.member_id AND pay.state = 'posted'
                   AND x.month BETWEEN pay.month_from AND pay.month_to) a
      GROUP BY a.member_id, a.month""".format(dues=dues)


class PartyFeeRate(models.Model):
    _name = "party.fee.rate"
    _description = "Party fee rate"
    _inherit = ["party.audited.thread"]
    _order = "category, date_from desc"

    category = fields.Selection(CATEGORIES, required=True, index=True,
                                track_visibility="onchange")
    method = fields.Selection(METHODS, required=True,
                              track_visibility="onchange")
    value = fields.Float(
        required=True, digits=(16, 4), track_visibility="onchange",
        help="Percent for the percent methods, VND for a fixed amount.")
    date_from = fields.Date(required=True, index=True,
                            track_visibility="onchange")
    date_to = fields.Date(index=True, track_visibility="onchange",
                          help="Last day the rate applies (empty: open).")
    source = fields.Char(required=True, track_visibility="onchange")
    source_detail = fields.Char(string="Article", track_visibility="onchange")


class PartyFeeMinimumWage(models.Model):
    _name = "party.fee.minimum.wage"
    _description = "Regional minimum monthly wage"
    _inherit = ["party.audited.thread"]
    _order = "region, date_from desc"

    region = fields.Selection(WAGE_REGIONS, required=True, index=True,
                              track_visibility="onchange")
    amount = fields.Integer(string="Amount (VND)", required=True,
                            track_visibility="onchange")
    date_from = fields.Date(required=True, index=True,
                            track_visibility="onchange")
    date_to = fields.Date(index=True, track_visibility="onchange")
    source = fields.Char(required=True, track_visibility="onchange")


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    fee_wage_region = fields.Selection(
        WAGE_REGIONS, string="Minimum wage region",
        help="Region of the regional minimum wage for members who pay a "
             "share of it; empty: the nearest parent organization's.")


class PartyFeeBasis(models.Model):
    _name = "party.fee.basis"
    _inherit = ["party.member.record", "party.audited.thread"]
    _description = "Party fee basis of a member"
    _order = "member_id, date_from desc"

    category = fields.Selection(CATEGORIES, required=True,
                                track_visibility="onchange")
    amount = fields.Integer(
        string="Monthly amount (VND)", track_visibility="onchange",
        help="The salary with compulsory social insurance of the previous "
             "month, the benefit or the pension the rate applies to.")
    date_from = fields.Date(required=True, index=True,
                            track_visibility="onchange")
    date_to = fields.Date(index=True, track_visibility="onchange")
    note = fields.Char(track_visibility="onchange")


class PartyFeeExemption(models.Model):
    _name = "party.fee.exemption"
    _inherit = ["party.member.record", "party.audited.thread"]
    _description = "Party fee exemption or reduction"
    _order = "member_id, date_from desc"

    kind = fields.Selection(EXEMPTION_KINDS, required=True,
                            track_visibility="onchange")
    percent = fields.Integer(
        string="Reduction (%)", track_visibility="onchange",
        help="30, 50 or 70 for a reduction; 100 for an exemption.")
    date_from = fields.Date(required=True, index=True,
                            track_visibility="onchange")
    date_to = fields.Date(index=True, track_visibility="onchange")
    reason = fields.Text(track_visibility="onchange")
    decision = fields.Char(
        string="Approval", track_visibility="onchange",
        help="Number and date of the approval (on paper or in the handbook).")
    approved_on = fields.Date(track_visibility="onchange")
    approved_by_id = fields.Many2one("res.users", readonly=True,
                                     track_visibility="onchange")
    state = fields.Selection(EXEMPTION_STATES, string="Status", required=True,
                             default="draft",
                             index=True, track_visibility="onchange")


class PartyFeeDue(models.Model):
    _name = "party.fee.due"
    _inherit = ["party.member.record"]
    _description = "Party fee due for a month"
    _order = "month desc, member_id"

    month = fields.Date(required=True, index=True,
                        help="First day of the month the fee is for.")
    category = fields.Selection(CATEGORIES)
    rate_id = fields.Many2one("party.fee.rate", ondelete="restrict")
    basis_amount = fields.Integer(string="Basis (VND)")
    amount_full = fields.Integer(string="Before exemption (VND)")
    exemption_id = fields.Many2one("party.fee.exemption", ondelete="set null")
    amount = fields.Integer(string="Due (VND)")
    amount_paid = fields.Integer(string="Paid (VND)")
    state = fields.Selection(DUE_STATES, string="Status", required=True, default="due",
                             index=True)

    _sql_constraints = [
        ("member_month_uniq", "unique(member_id, month)",
         "A member owes one fee a month."),
    ]

    @api.model
    def _party_fee_settle(self, member_ids):
        """Set ``amount_paid`` and ``state`` of these members' dues from
        their recorded payments, in one statement, allocated as
        :func:`allocation_sql` says (oldest month first). Called after any
        change of payments or dues; returns the number of dues changed."""
        if not member_ids:
            return 0
        # the SQL put together is this module's constant text
        self.env.cr.execute(  # pylint: disable=sql-injection
            """
            WITH dues AS (
                SELECT member_id, month, amount FROM party_fee_due
                 WHERE member_id IN %(ids)s),
            paid AS ({allocation}),
            computed AS (
                SELECT d.id, d.amount,
                       COALESCE(paid.amount_paid, 0) AS amount_paid
                  FROM party_fee_due d
             LEFT JOIN paid ON paid.member_id = d.member_id
                       AND paid.month = d.month
                 WHERE d.member_id IN %(ids)s),
            settled AS (
                SELECT c.id, c.amount_paid, {state} AS state
                  FROM computed c)
            UPDATE party_fee_due d
               SET amount_paid = settled.amount_paid, state = settled.state
              FROM settled
             WHERE settled.id = d.id
               AND (d.amount_paid IS DISTINCT FROM settled.amount_paid
                    OR d.state IS DISTINCT FROM settled.state)""".format(
                allocation=allocation_sql("dues"),
                state=DUE_STATE_SQL),
            {"ids": tuple(member_ids)})
        changed = self.env.cr.rowcount
        self.invalidate_cache(["amount_paid", "state"])
        return changed


class PartyFeePayment(models.Model):
    _name = "party.fee.payment"
    _inherit = ["party.member.record", "party.audited.thread"]
    _description = "Party fee payment"
    _order = "date desc, id desc"

    date = fields.Date(required=True, index=True, track_visibility="onchange")
    month_from = fields.Date(
        string="For the month", required=True, index=True,
        track_visibility="onchange", help="First month the payment is for.")
    month_to = fields.Date(
        string="Through the month", required=True, index=True,
        track_visibility="onchange",
        help="Last month the payment is for (the same for one month).")
    amount = fields.Integer(string="Amount (VND)", required=True,
                            track_visibility="onchange")
    channel = fields.Selection(CHANNELS, required=True, default="cash",
                               track_visibility="onchange")
    reference = fields.Char(
        index=True, track_visibility="onchange",
        help="The portal's transaction code or the cell's receipt number.")
    recorded_by_id = fields.Many2one("res.users", readonly=True)
    note = fields.Char(track_visibility="onchange")
    state = fields.Selection(
        PAYMENT_STATES, string="Status", required=True, default="posted", index=True,
        track_visibility="onchange",
        help="A payment recorded by mistake is cancelled, never deleted.")
