# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix: every role × model × read/create/write/unlink, on a record
inside the role's scope and on one outside it. Deny by default."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import PartyCase

R, W, C, U = "read", "write", "create", "unlink"
ALL = {R, W, C, U}

# role -> model -> operations allowed inside the role's scope.
# Outside the scope (another cell/commune), nothing is allowed, except for
# the city officer, whose scope is the whole city.
MATRIX = {
    "member": {
        "party.member": {R}, "party.member.history": {R}, "party.member.work": {R},
        "party.member.reward": {R}, "party.member.discipline": set(),
        "party.member.rating": {R}, "party.member.change.request": {R},
    },
    # supervisors: ratings counted per organization only (test_field_access)
    "supervisor": {
        "party.member": {R}, "party.member.history": {R}, "party.member.work": {R},
        "party.member.reward": {R}, "party.member.discipline": set(),
        "party.member.rating": set(), "party.member.change.request": {R},
    },
    "secretary": {
        "party.member": {R, W, C}, "party.member.history": {R},
        "party.member.work": ALL, "party.member.reward": ALL,
        "party.member.discipline": {R}, "party.member.rating": {R},
        "party.member.change.request": {R},
    },
    "officer": {
        "party.member": {R, W, C}, "party.member.history": {R},
        "party.member.work": ALL, "party.member.reward": ALL,
        "party.member.discipline": ALL, "party.member.rating": {R},
        "party.member.change.request": {R},
    },
    "manager": {
        "party.member": ALL, "party.member.history": {R}, "party.member.work": ALL,
        "party.member.reward": ALL, "party.member.discipline": ALL,
        "party.member.rating": ALL, "party.member.change.request": {R},
    },
}


class TestAccessMatrix(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "member": cls.member_user, "supervisor": cls.supervisor_user,
            "secretary": cls.secretary_user, "officer": cls.officer_user,
            "manager": cls.manager_user,
        }
        # The member's own profile is "inside"; for the others, a member of
        # their assigned subtree. "outside" is a member none of them (but
        # the city officer) may touch.
        cls.inside = {
            "member": cls.a1_official, "supervisor": cls.a2_official,
            "secretary": cls.a1_official, "officer": cls.a2_official,
            "manager": cls.b1_official,
        }
        cls.outside = {
            "member": cls.a1_other, "supervisor": cls.a1_official,
            "secretary": cls.a2_official, "officer": cls.b1_official,
            "manager": None,
        }
        cls.records = {}
        for member in cls.a1_official | cls.a1_other | cls.a2_official | \
                cls.b1_official:
            cls.records[member] = {
                "party.member": member,
                "party.member.history": member.history_ids[:1],
                "party.member.work": cls.env["party.member.work"].create(
                    cls.vals("party.member.work", member)),
                "party.member.reward": cls.env["party.member.reward"].create(
                    cls.vals("party.member.reward", member)),
                "party.member.discipline": cls.env["party.member.discipline"].create(
                    cls.vals("party.member.discipline", member)),
                "party.member.rating": cls.env["party.member.rating"].create(
                    cls.vals("party.member.rating", member)),
                "party.member.change.request": cls.env[
                    "party.member.change.request"].create({"member_id": member.id}),
            }

    @classmethod
    def vals(cls, model, member):
        return {
            "party.member": {"name": "Mới",
                             "organization_id": member.organization_id.id},
            "party.member.work": {"member_id": member.id, "date_from": "2000-01-01",
                                  "employer": "UBND"},
            "party.member.reward": {"member_id": member.id, "decision_number": "1",
                                    "issuing_body": "Thành ủy", "form": "certificate",
                                    "date": "2020-01-01"},
            "party.member.discipline": {"member_id": member.id, "decision_number": "2",
                                        "issuing_body": "Đảng ủy", "form": "reprimand",
                                        "date": "2020-01-01"},
            "party.member.rating": {"member_id": member.id, "year": 2020,
                                    "rated_organization_id": member.organization_id.id},
            "party.member.history": {"member_id": member.id, "date": "2020-01-01",
                                     "event": "registration"},
            "party.member.change.request": {"member_id": member.id},
        }[model]

    WRITES = {
        "party.member": {"occupation": "Kỹ sư"},
        "party.member.history": {"reason": "x"},
        "party.member.work": {"job": "Trưởng phòng"},
        "party.member.reward": {"reason": "Thành tích"},
        "party.member.discipline": {"reason": "Vi phạm"},
        # every value of a rating is a step's (an action's): a manager's
        # write is granted by access control, then refused by the rating
        "party.member.rating": {"year": 2019},
        "party.member.change.request": {"note": "x"},
    }

    def allowed(self, user, model, operation, member):
        record = self.records[member][model]
        try:
            with self.env.cr.savepoint(), mute_logger(
                    "odoo.addons.base.ir.ir_model", "odoo.models"):
                if operation == R:
                    record.sudo(user).read(["display_name"])
                elif operation == W:
                    record.sudo(user).write(self.WRITES[model])
                elif operation == U:
                    record.sudo(user).unlink()
                else:
                    vals = self.vals(model, member)
                    if model == "party.member.rating":
                        vals["year"] = 2021
                    self.env[model].sudo(user).create(vals)
                # roll the change back whatever happened
                raise _Rollback()
        except _Rollback:
            return True
        except UserError:
            # access granted; the record's own rules refused the values
            # (values only its actions write: see party_integrity)
            return True
        except AccessError as error:
            self.last_error = error
            return False
        finally:
            # the savepoint is gone: so are the values and recomputations it
            # left in the environment
            self.env.clear()

    def test_access_matrix(self):
        checked = 0
        for role, models in MATRIX.items():
            user = self.users[role]
            for model, granted in models.items():
                for operation in (R, W, C, U):
                    expected = operation in granted
                    got = self.allowed(user, model, operation, self.inside[role])
                    self.assertEqual(got, expected, "%s %s %s inside scope: %s %s" % (
                        role, operation, model, "denied" if expected else "allowed",
                        getattr(self, "last_error", "")))
                    outside = self.outside[role]
                    if outside is not None:
                        self.assertFalse(
                            self.allowed(user, model, operation, outside),
                            "%s %s %s outside scope: allowed"
                            % (role, operation, model))
                    checked += 1
        self.assertEqual(checked, 5 * 7 * 4)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_deny_by_default(self):
        employee = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Employee", "login": "ph_employee", "email": "e@example.org",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        for model in ("party.member", "party.organization", "party.member.rating",
                      "party.member.discipline", "party.member.history"):
            with self.assertRaises(AccessError):
                self.env[model].sudo(employee).search([])

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_sensitive_fields_need_the_secretary_group(self):
        self.a1_official.write({"national_id": "046070000001", "religion": "Phật giáo"})
        for user in (self.member_user, self.supervisor_user):
            record = self.a1_official if user == self.member_user else self.a2_official
            for field in ("national_id", "religion", "ethnicity", "discipline_ids",
                          "rating_ids"):
                with self.assertRaises(AccessError):
                    record.sudo(user).read([field])
        self.assertEqual(
            self.a1_official.sudo(self.secretary_user).read(["national_id"])[0][
                "national_id"], "046070000001")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_member_reads_only_own_profile(self):
        Member = self.env["party.member"].sudo(self.member_user)
        self.assertEqual(Member.search([]), self.a1_official)
        self.assertEqual(Member.action_my_profile()["res_id"], self.a1_official.id)

    def test_scopes_follow_assignment_changes(self):
        Member = self.env["party.member"]
        as_secretary = Member.sudo(self.secretary_user)
        self.assertEqual(set(as_secretary.search([]).mapped("organization_id")),
                         {self.cell_a1})
        self.secretary_user.party_organization_ids = [(6, 0, self.cell_b1.ids)]
        # the secretary remains a member of cell A1: own profile still visible
        self.assertEqual(as_secretary.search([]), self.b1_official | self.a1_other)
        officer_view = Member.sudo(self.officer_user).search([])
        self.assertEqual(set(officer_view.mapped("organization_id")),
                         {self.cell_a1, self.cell_a2})
        self.officer_user.party_organization_ids = [(6, 0, [])]
        self.assertFalse(Member.sudo(self.officer_user).search([]))


class _Rollback(Exception):
    pass
