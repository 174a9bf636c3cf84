# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark operations: the party fee ledger (issue #16). See the contract
in core.py.

* generating a month's dues for the whole generated city: the scheduled
  action ``party.fee.due._cron_generate_dues`` for November 2026 when the
  dues of February..October exist (setup, committed once): one
  INSERT … SELECT per batch of 1,000 members, each due computed in SQL
  (basis, category by retirement age, rate, the region's minimum wage
  inherited upwards, 50 years of party age, exemptions, what payments
  already cover). Floor: one plain INSERT … SELECT of the same rows with a
  flat amount (no computation), in one statement.
* the arrears rule on that city (every member has months unpaid: the worst
  case, one activity per member): ``_cron_arrears``. Floor: the same
  activities inserted in plain SQL from one GROUP BY.
"""
CITY = "GEN"
PAYING = ("probationary", "official", "exempted")


def operations(size):
    return [
        {"name": "fees: generate a month's dues for the city (%d members)" % size,
         "group": "cron", "target": None, "runs": 1, "login": None,
         "setup": setup_generate, "run": run_generate, "floor": floor_generate},
        {"name": "fees: arrears rule, every member 3+ months unpaid "
                 "(one activity each)",
         "group": "cron", "target": None, "runs": 1, "login": None,
         "setup": setup_generate, "run": run_arrears, "floor": floor_arrears},
    ]


def setup_generate(env):
    """The city in region II, one member in ten with a salary basis, the
    dues of February..October 2026 (committed; a rerun adds nothing)."""
    city = env["party.organization"].search([("code", "=", CITY)])
    assert city, "no organization %s: generate the city first" % CITY
    if city.fee_wage_region != "2":
        city.fee_wage_region = "2"
    env.cr.execute("""
        INSERT INTO party_fee_basis (member_id, organization_id,
               member_partner_id, category, amount, date_from, create_uid,
               create_date, write_uid, write_date)
        SELECT m.id, m.organization_id, m.partner_id, 'salary',
               5000000 + mod(m.id, 97) * 100000, '2026-02-01', 1, now(), 1, now()
          FROM party_member m
         WHERE mod(m.id, 10) = 0 AND NOT EXISTS (
               SELECT 1 FROM party_fee_basis b WHERE b.member_id = m.id)""")
    env["party.fee.due"]._cron_generate_dues(through="2026-10-01", commit=False)
    return {"month": "2026-11-01"}


def run_generate(env, state):
    return env["party.fee.due"]._cron_generate_dues(
        through=state["month"], commit=False)


def floor_generate(cr, state):
    cr.execute("""
        INSERT INTO party_fee_due (member_id, month, organization_id,
               member_partner_id, category, basis_amount, amount_full, amount,
               amount_paid, state, create_uid, create_date, write_uid,
               write_date)
        SELECT m.id, %s, m.organization_id, m.partner_id, 'other_working',
               0, 14190, 14190, 0, 'due', 1, now(), 1, now()
          FROM party_member m WHERE m.state IN %s
        ON CONFLICT (member_id, month) DO NOTHING""", (state["month"], PAYING))
    return cr.rowcount


def run_arrears(env, state):
    return env["party.fee.due"]._cron_arrears(today="2026-11-15", commit=False)


def floor_arrears(cr, state):
    cr.execute("SELECT id FROM ir_model WHERE model = 'party.member'")
    model_id = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
               activity_type_id, user_id, date_deadline, summary, create_uid,
               create_date, write_uid, write_date)
        SELECT %s, 'party.member', d.member_id, min(p.name), 1, 1,
               '2026-11-15', 'arrears', 1, now(), 1, now()
          FROM party_fee_due d
          JOIN party_member m ON m.id = d.member_id
          JOIN res_partner p ON p.id = m.partner_id
         WHERE d.state = 'due' AND d.exemption_id IS NULL
           AND d.month < '2026-11-01'
      GROUP BY d.member_id, extract(year FROM d.month)
        HAVING count(*) >= 3""", (model_id,))
    return cr.rowcount
