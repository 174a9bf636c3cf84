# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger


class TestPartyOrganization(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Organization = cls.env["party.organization"]
        cls.city = Organization.create({
            "name": "Thành ủy T", "code": "T", "level": "city"})
        cls.commune = Organization.create({
            "name": "Đảng ủy xã A", "code": "T-A", "level": "commune",
            "parent_id": cls.city.id})
        cls.cell = Organization.create({
            "name": "Chi bộ 1", "code": "T-A-1", "level": "cell",
            "parent_id": cls.commune.id})
        cls.other = Organization.create({
            "name": "Đảng ủy xã B", "code": "T-B", "level": "commune",
            "parent_id": cls.city.id})
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.member_user = Users.create({
            "name": "Member", "login": "ph_test_member",
            "email": "ph_test_member@example.org",
            "groups_id": [(6, 0, [
                cls.env.ref("party_handbook.group_party_handbook_member").id,
                cls.env.ref("base.group_user").id])]})
        cls.manager_user = Users.create({
            "name": "City officer", "login": "ph_test_manager",
            "email": "ph_test_manager@example.org",
            "groups_id": [(6, 0, [
                cls.env.ref("party_handbook.group_party_handbook_manager").id])]})

    def test_complete_name_follows_the_tree(self):
        self.assertEqual(
            self.cell.complete_name, "Thành ủy T / Đảng ủy xã A / Chi bộ 1")
        self.commune.name = "Đảng ủy xã A mới"
        self.assertEqual(
            self.cell.complete_name, "Thành ủy T / Đảng ủy xã A mới / Chi bộ 1")

    def test_subtree_query_uses_the_tree(self):
        subtree = self.env["party.organization"].search(
            [("id", "child_of", self.commune.id)])
        self.assertEqual(subtree, self.commune | self.cell)
        # _parent_store writes the bounds in SQL, behind the record cache
        self.commune.invalidate_cache(["parent_left", "parent_right"])
        bounds = [self.commune.parent_left, self.cell.parent_left,
                  self.cell.parent_right, self.commune.parent_right]
        self.assertEqual(bounds, sorted(bounds), bounds)

    def test_no_cycles(self):
        with self.assertRaises(ValidationError):
            self.city.parent_id = self.cell

    @mute_logger("odoo.sql_db")
    def test_code_is_unique(self):
        with self.assertRaises(IntegrityError):
            self.env["party.organization"].create({
                "name": "Duplicate", "code": "T-A", "level": "cell"})

    @mute_logger("odoo.models")
    def test_member_reads_but_cannot_change_the_tree(self):
        as_member = self.cell.sudo(self.member_user)
        self.assertEqual(as_member.name, "Chi bộ 1")
        with self.assertRaises(AccessError):
            as_member.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["party.organization"].sudo(self.member_user).create(
                {"name": "New", "level": "cell"})

    def test_city_officer_changes_the_tree(self):
        as_manager = self.env["party.organization"].sudo(self.manager_user)
        new_cell = as_manager.create({
            "name": "Chi bộ 2", "code": "T-B-2", "level": "cell",
            "parent_id": self.other.id})
        self.assertIn(new_cell, as_manager.search(
            [("id", "child_of", self.other.id)]))
        new_cell.unlink()
        self.assertFalse(new_cell.exists())
