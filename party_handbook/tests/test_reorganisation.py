# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .common import PartyCase


class TestReorganisation(PartyCase):

    def reorganize(self, user=None, **values):
        Wizard = self.env["party.organization.reorganize"]
        if user:
            Wizard = Wizard.sudo(user)
        return Wizard.create(values).action_apply()

    def test_merge_moves_members_children_and_keeps_history(self):
        # the 2025 reform: commune B is merged into commune A
        members_b = self.env["party.member"].search(
            [("organization_id", "child_of", self.commune_b.id)])
        self.reorganize(kind="merge", source_ids=[(6, 0, self.commune_b.ids)],
                        target_id=self.commune_a.id, date="2025-07-01",
                        note="Nghị quyết sáp nhập")
        self.assertEqual(self.cell_b1.parent_id, self.commune_a)
        self.assertFalse(self.commune_b.active)
        self.assertEqual(self.commune_b.date_end, "2025-07-01")
        # members of the merged cell stay in their cell, now under commune A
        self.assertEqual(self.b1_official.organization_id, self.cell_b1)
        self.assertIn(self.b1_official, self.env["party.member"].search(
            [("organization_id", "child_of", self.commune_a.id)]))
        event = self.env["party.organization.event"].search(
            [("target_id", "=", self.commune_a.id)])
        event = event.with_context(active_test=False)
        self.assertEqual((event.kind, event.source_ids, event.date),
                         ("merge", self.commune_b, "2025-07-01"))
        self.assertEqual(len(members_b), 1)

    def test_merging_cells_moves_members_with_a_history_entry(self):
        self.reorganize(kind="merge", source_ids=[(6, 0, self.cell_a2.ids)],
                        target_id=self.cell_a1.id, date="2025-07-01")
        self.assertEqual(self.a2_official.organization_id, self.cell_a1)
        last = self.a2_official.history_ids.sorted("id")[-1]
        self.assertEqual(
            (last.event, last.from_organization_id, last.to_organization_id,
             last.date),
            ("reorganisation", self.cell_a2, self.cell_a1, "2025-07-01"))
        # the earlier history is still there
        self.assertEqual(self.a2_official.history_ids.mapped("event"),
                         ["reorganisation", "official", "admission"])
        self.assertFalse(self.cell_a2.active)

    def test_move_subtree(self):
        self.reorganize(kind="move", organization_id=self.cell_a2.id,
                        new_parent_id=self.commune_b.id)
        self.assertIn(self.a2_official, self.env["party.member"].search(
            [("organization_id", "child_of", self.commune_b.id)]))
        event = self.env["party.organization.event"].search(
            [("target_id", "=", self.cell_a2.id)])
        self.assertEqual(event.previous_parent_id, self.commune_a)

    def test_split_cell(self):
        action = self.reorganize(
            kind="split", organization_id=self.cell_a1.id, new_name="Cell A1 bis",
            new_code="TC-A-1B",
            member_ids=[(6, 0, (self.a1_other | self.a1_probationary).ids)])
        new_cell = self.env["party.organization"].browse(action["res_id"])
        self.assertEqual(new_cell.parent_id, self.commune_a)
        self.assertEqual(self.a1_other.organization_id, new_cell)
        self.assertEqual(self.a1_official.organization_id, self.cell_a1)
        self.assertEqual(self.a1_other.history_ids.sorted("id")[-1].event,
                         "reorganisation")

    def test_bad_input_changes_nothing(self):
        with self.assertRaises(UserError):
            self.reorganize(kind="merge", source_ids=[(6, 0, self.city.ids)],
                            target_id=self.cell_a1.id)
        with self.assertRaises(UserError):
            self.reorganize(kind="split", organization_id=self.cell_a1.id,
                            new_name="X", member_ids=[(6, 0, self.b1_official.ids)])
        with self.assertRaises(UserError):
            self.reorganize(user=self.officer_user, kind="move",
                            organization_id=self.cell_a2.id,
                            new_parent_id=self.commune_b.id)
        self.assertEqual(self.cell_a2.parent_id, self.commune_a)
        self.assertFalse(self.env["party.organization.event"].search([]))
