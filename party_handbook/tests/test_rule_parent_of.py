# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo 11's ``parent_of`` on an empty list matches every record (its
``child_of`` matches none): a supervising officer or cell secretary assigned
to no organization read every published document of the city through the
rule "issued in or sent to the assigned subtree" (found with issue #15)."""
from .test_document import DocumentCase


class TestRulesWithoutOrganizations(DocumentCase):

    def test_no_assigned_organization_reads_no_other_document(self):
        document = self.document([(self.cell_b1, True)])
        document.action_publish()
        for role in ("secretary", "supervisor", "officer"):
            lonely = self.create_user(role, [], login="ph_lonely_%s" % role)
            self.assertFalse(self.env["party.document"].sudo(lonely).search(
                [("id", "=", document.id)]), role)
        # a member who received it still reads it
        self.assertTrue(self.env["party.document"].sudo(
            self.create_user("secretary", [], partner=self.b1_official,
                             login="ph_b1_secretary")).search(
            [("id", "=", document.id)]))
