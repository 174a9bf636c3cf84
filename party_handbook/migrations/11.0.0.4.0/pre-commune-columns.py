# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.0.4.0 stores the commune of organizations and members (issue #13).

Before the ORM updates the tables: the two columns are created empty here,
so that Odoo does not compute them record by record for the whole member
table (it does so for a new stored computed column); post-commune-columns.py
fills them in one statement. Members' contacts are never private addresses
(the member list relies on it, see models/party_member_list_rules.py): any
that was is made a plain contact before the constraint is added."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE party_organization "
               "ADD COLUMN IF NOT EXISTS commune_id integer")
    cr.execute("ALTER TABLE party_member "
               "ADD COLUMN IF NOT EXISTS commune_id integer")
    cr.execute("""UPDATE res_partner p SET type = 'contact'
                    FROM party_member m
                   WHERE m.partner_id = p.id AND p.type = 'private'""")
