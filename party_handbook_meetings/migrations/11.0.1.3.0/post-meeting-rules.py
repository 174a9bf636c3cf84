# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Minutes approved before 11.0.1.3.0 were approved in the handbook (the
paper approval did not exist): say so, so the minutes PDF and the form show
how they were approved."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE party_meeting SET minutes_approval_mode = 'account'
         WHERE state = 'approved' AND minutes_approval_mode IS NULL""")
