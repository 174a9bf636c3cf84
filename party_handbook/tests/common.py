# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase

GROUPS = {
    "member": "party_handbook.group_party_handbook_member",
    "supervisor": "party_handbook.group_party_handbook_supervisor",
    "secretary": "party_handbook.group_party_handbook_cell_secretary",
    "officer": "party_handbook.group_party_handbook_officer",
    "manager": "party_handbook.group_party_handbook_manager",
}


class PartyCase(SavepointCase):
    """A small city: two communes, three cells, members, one user per role.

    city ─┬─ commune_a ─┬─ cell_a1 (members a1_*)
          │             └─ cell_a2 (members a2_*)
          └─ commune_b ─── cell_b1 (members b1_*)
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Organization = cls.env["party.organization"]
        cls.city = Organization.create({"name": "City", "code": "TC", "level": "city"})
        cls.commune_a = Organization.create({
            "name": "Commune A", "code": "TC-A", "level": "commune",
            "parent_id": cls.city.id})
        cls.commune_b = Organization.create({
            "name": "Commune B", "code": "TC-B", "level": "commune",
            "parent_id": cls.city.id})
        cls.cell_a1 = Organization.create({
            "name": "Cell A1", "code": "TC-A-1", "level": "cell",
            "parent_id": cls.commune_a.id})
        cls.cell_a2 = Organization.create({
            "name": "Cell A2", "code": "TC-A-2", "level": "cell",
            "parent_id": cls.commune_a.id})
        cls.cell_b1 = Organization.create({
            "name": "Cell B1", "code": "TC-B-1", "level": "cell",
            "parent_id": cls.commune_b.id})
        cls.a1_official = cls.create_member("Nguyễn Văn An", cls.cell_a1, "official")
        cls.a1_other = cls.create_member("Trần Thị Bình", cls.cell_a1, "official")
        cls.a1_probationary = cls.create_member(
            "Lê Văn Cường", cls.cell_a1, "probationary", admission_date="2026-03-01")
        cls.a2_official = cls.create_member("Phạm Thị Dung", cls.cell_a2, "official")
        cls.b1_official = cls.create_member("Hoàng Văn Em", cls.cell_b1, "official")

        cls.member_user = cls.create_user("member", [], partner=cls.a1_official)
        cls.secretary_user = cls.create_user(
            "secretary", [cls.cell_a1], partner=cls.a1_other)
        cls.officer_user = cls.create_user("officer", [cls.commune_a])
        cls.supervisor_user = cls.create_user("supervisor", [cls.cell_a2, cls.cell_b1])
        cls.manager_user = cls.create_user("manager", [cls.city])
        cls.env["party.organization.position"].create({
            "organization_id": cls.cell_a1.id, "member_id": cls.a1_other.id,
            "role": "secretary", "date_start": "2025-01-01"})

    @classmethod
    def create_member(cls, name, organization, state, admission_date="2010-05-19",
                      **values):
        vals = {
            "name": name, "organization_id": organization.id,
            "date_of_birth": "1970-01-15", "gender": "male",
            "admission_date": admission_date,
            "email": "%s@example.org" % name.split()[-1].lower(),
        }
        if state != "probationary":
            vals["official_date"] = "2011-05-19"
        vals.update(values)
        member = cls.env["party.member"].create(vals)
        if state == "official":
            member.action_make_official(date="2011-05-19")
        return member

    @classmethod
    def create_user(cls, role, organizations, partner=None, login=None):
        groups = [cls.env.ref(GROUPS[role]).id]
        if role == "member":
            groups.append(cls.env.ref("base.group_portal").id)
        vals = {
            "login": login or "ph_%s" % role,
            "email": "%s@example.org" % (login or "ph_%s" % role),
            "groups_id": [(6, 0, groups)],
            "party_organization_ids": [(6, 0, [o.id for o in organizations])],
        }
        if partner:
            vals["partner_id"] = partner.partner_id.id
        else:
            vals["name"] = "%s user" % role.capitalize()
        return cls.env["res.users"].with_context(no_reset_password=True).create(vals)
