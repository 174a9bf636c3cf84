# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures shared by the report tests: a small tree, members, users."""
from odoo.tests.common import SavepointCase


class RegisterCase(SavepointCase):
    # The reports query the tree's nested sets (parent_left/parent_right),
    # which Odoo only computes once the modules are installed.
    at_install = False
    post_install = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Organization = cls.env["party.organization"]
        cls.city = Organization.create({
            "name": "Thành ủy Thử", "code": "RT", "level": "city"})
        cls.commune_a = Organization.create({
            "name": "Đảng ủy phường An Cựu", "code": "RT-A", "level": "commune",
            "parent_id": cls.city.id})
        cls.cell_a1 = Organization.create({
            "name": "Chi bộ Khu vực 1", "code": "RT-A-1", "level": "cell",
            "parent_id": cls.commune_a.id})
        cls.cell_a2 = Organization.create({
            "name": "Chi bộ Khu vực 2", "code": "RT-A-2", "level": "cell",
            "parent_id": cls.commune_a.id})
        cls.commune_b = Organization.create({
            "name": "Đảng ủy xã Hương Thủy", "code": "RT-B", "level": "commune",
            "parent_id": cls.city.id})
        cls.cell_b1 = Organization.create({
            "name": "Chi bộ Thôn 1", "code": "RT-B-1", "level": "cell",
            "parent_id": cls.commune_b.id})
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        group = cls.env.ref
        cls.secretary = Users.create({
            "name": "Bí thư phường", "login": "ph_test_register_secretary",
            "email": "ph_test_register_secretary@example.org",
            "party_organization_ids": [(6, 0, cls.commune_a.ids)],
            "groups_id": [(6, 0, [
                group("party_handbook.group_party_handbook_officer").id])]})
        cls.cell_secretary = Users.create({
            "name": "Bí thư chi bộ", "login": "ph_test_register_cell",
            "email": "ph_test_register_cell@example.org",
            "party_organization_ids": [(6, 0, cls.cell_a1.ids)],
            "groups_id": [(6, 0, [
                group("party_handbook.group_party_handbook_cell_secretary").id])]})
        cls.member_user = Users.create({
            "name": "Đảng viên", "login": "ph_test_register_member",
            "email": "ph_test_register_member@example.org",
            "party_organization_ids": [(6, 0, cls.cell_a1.ids)],
            "groups_id": [(6, 0, [
                group("party_handbook.group_party_handbook_member").id,
                group("base.group_user").id])]})

    @classmethod
    def _member(cls, name, organization, admission_date, state="official", **vals):
        return cls.env["party.member"].create(dict({
            "name": name, "organization_id": organization.id, "state": state,
            "admission_date": admission_date,
            "official_date": admission_date if state != "probationary" else False,
        }, **vals))
