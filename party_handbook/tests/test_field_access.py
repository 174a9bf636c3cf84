# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Restricted fields stay restricted (issue #11): a field a user may not
read cannot be searched, grouped, sorted or exported by that user, on any
model and through any path; its tracking values are hidden from them; and
ratings and discipline are read by the roles that decide them."""
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from ..models.party_member import SENSITIVE
from .common import PartyCase

NATIONAL_ID = "046080001234"
DIGITS = "0123456789"


class FieldAccessCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a2_official is in the supervisor's cells, b1_official too
        cls.a2_official.write({"national_id": NATIONAL_ID, "religion": "Phật giáo",
                               "ethnicity": "Kinh"})
        cls.b1_official.write({"national_id": "046080009999", "religion": "Không",
                               "ethnicity": "Tày"})

    def as_user(self, user, model="party.member"):
        return self.env[model].sudo(user)

    def assert_refused(self, call, label=None):
        with self.assertRaises(AccessError) as caught, mute_logger("odoo.models"):
            call()
        if label:
            self.assertIn(label, str(caught.exception))
        return caught.exception


class TestRestrictedSearch(FieldAccessCase):

    def test_the_oracle_attack_learns_nothing(self):
        """A supervisor tries to rebuild a national ID one digit at a time,
        as was done in 61 calls over XML-RPC: every call is refused."""
        Member = self.as_user(self.supervisor_user)
        known, calls, refused = "", 0, 0
        for __ in range(len(NATIONAL_ID)):
            found = None
            for digit in DIGITS:
                calls += 1
                try:
                    with mute_logger("odoo.models"):
                        if Member.search_count([
                                ("id", "=", self.a2_official.id),
                                ("national_id", "=like", known + digit + "%")]):
                            found = digit
                            break
                except AccessError:
                    refused += 1
            if found is None:
                break
            known += found
        self.assertEqual(known, "")
        self.assertEqual((calls, refused), (10, 10))

    def test_every_operator_and_negation_is_refused(self):
        Member = self.as_user(self.supervisor_user)
        domains = [
            [("national_id", "=", NATIONAL_ID)],
            [("national_id", "=like", "046%")],
            [("national_id", "=ilike", "046%")],
            [("national_id", "like", "0460")],
            [("national_id", "ilike", "0460")],
            [("national_id", "not ilike", "0460")],
            [("national_id", "in", [NATIONAL_ID])],
            [("national_id", "not in", [NATIONAL_ID])],
            [("national_id", "!=", False)],
            ["!", ("national_id", "=", NATIONAL_ID)],
            ["|", ("name", "=", "x"), ("religion", "=", "Phật giáo")],
            ["&", ("id", "=", self.a2_official.id), "!", ("ethnicity", "=", "Kinh")],
            [["ethnicity", "=", "Kinh"]],  # a list leaf, as JSON-RPC sends it
            [("discipline_ids", "!=", False)],
            [("discipline_ids.form", "=", "warning")],
            [("discipline_ids", "child_of", [1])],
            [("rating_ids.final_level", "=", "excellent")],
            [("rating_ids", "parent_of", [1])],
        ]
        for domain in domains:
            with self.subTest(domain=domain):
                self.assert_refused(lambda: Member.search(domain))
                self.assert_refused(lambda: Member.search_count(domain))
                self.assert_refused(lambda: Member.search_read(domain, ["name"]))
                self.assert_refused(lambda: Member.read_group(
                    domain, ["gender"], ["gender"]))
        error = self.assert_refused(
            lambda: Member.search([("national_id", "=like", "0%")]))
        self.assertEqual(
            str(error.name), 'You cannot search by the field "National ID" '
            '(Party member): it is restricted to the roles that may read it.')

    def test_paths_through_relations_are_refused(self):
        cases = [
            ("party.member.history", [("member_id.national_id", "=like", "0%")]),
            ("party.member.reward", [("member_id.religion", "=", "Không")]),
            ("party.member.work", ["!", ("member_id.ethnicity", "ilike", "Kinh")]),
            ("res.users", [("partner_id.party_member_ids.national_id", "=like", "0%")]),
            ("res.partner", [("party_member_ids.religion", "in", ["Không"])]),
            ("party.member", [("temporary_organization_id.member_ids.national_id",
                               "!=", False)]),
        ]
        for model, domain in cases:
            with self.subTest(model=model, domain=domain):
                self.assert_refused(
                    lambda: self.as_user(self.supervisor_user, model).search(domain))

    def test_sorting_grouping_and_exporting_are_refused(self):
        Member = self.as_user(self.supervisor_user)
        for order in ("national_id", "national_id desc", "name, religion",
                      '"ethnicity" asc'):
            with self.subTest(order=order):
                self.assert_refused(lambda: Member.search([], order=order),
                                    "You cannot sort by")
        for groupby in ("religion", ["gender", "ethnicity"], "national_id"):
            with self.subTest(groupby=groupby):
                self.assert_refused(lambda: Member.read_group(
                    [], ["gender", "religion", "ethnicity", "national_id"], groupby,
                    lazy=False), "You cannot group")
        # totals and orderings of groups by a restricted field
        self.assert_refused(lambda: Member.read_group(
            [], ["gender", "national_id"], ["gender"]), "You cannot group")
        self.assert_refused(lambda: Member.read_group(
            [], ["gender"], ["gender"], orderby="religion"), "You cannot sort")
        members = Member.search([])
        self.assertIn(self.a2_official, members)
        for fields in (["name", "national_id"], ["name", "discipline_ids/form"],
                       ["rating_ids/final_level"], ["rating_ids/id"],
                       ["organization_id/name", "ethnicity"]):
            with self.subTest(fields=fields):
                self.assert_refused(lambda: members.export_data(fields),
                                    "You cannot export")
        Reward = self.as_user(self.supervisor_user, "party.member.reward")
        self.assert_refused(lambda: Reward.search([]).export_data(
            ["member_id/national_id"]), "National ID")
        self.assert_refused(lambda: Reward.search([]).export_data(
            ["member_id.religion"]), "Religion")

    def test_what_the_user_may_read_still_works(self):
        Member = self.as_user(self.supervisor_user)
        self.assertEqual(
            Member.search([("id", "=", self.a2_official.id),
                           ("name", "ilike", "Dung")], order="name desc"),
            self.a2_official)
        groups = Member.read_group([], ["gender"], ["gender"], orderby="gender")
        self.assertEqual(sum(g["gender_count"] for g in groups), 2)
        # no field named: Odoo's totals leave the restricted fields out
        self.assertTrue(Member.read_group([], [], ["gender"]))
        rows = Member.browse(self.a2_official.id).export_data(
            ["name", "organization_id/name", "organization_id/.id"])["datas"]
        self.assertEqual(rows[0][:2], ["Phạm Thị Dung", "Cell A2"])

    def test_the_roles_that_read_the_field_search_it(self):
        for user in (self.officer_user, self.manager_user):
            Member = self.as_user(user)
            self.assertEqual(
                Member.search([("national_id", "=like", "04608000123%")]),
                self.a2_official)
            self.assertTrue(Member.search([], order="national_id, religion desc"))
            groups = Member.read_group(
                [("religion", "!=", False)], ["religion"], ["religion"])
            self.assertIn("Phật giáo", [g["religion"] for g in groups])
            # reading is not exporting: sensitive exports need their own
            # group (test_data_protection.py), then the field exports
            with self.assertRaisesRegex(AccessError, "Export sensitive"):
                self.a2_official.sudo(user).export_data(["national_id"])
            user.groups_id |= self.env.ref(
                "party_handbook.group_party_handbook_export_sensitive")
            rows = self.a2_official.sudo(user).export_data(
                ["national_id", "discipline_ids/form"])["datas"]
            self.assertEqual(rows[0][0], NATIONAL_ID)
        Member = self.as_user(self.secretary_user)
        self.assertEqual(
            Member.search([("national_id", "=like", "0%")]),
            Member.search([("national_id", "!=", False)]))

    def test_superuser_and_internal_code_are_not_checked(self):
        self.assertEqual(
            self.env["party.member"].search(
                [("national_id", "=like", "04608000123%")], order="religion"),
            self.a2_official)
        # sudo() after a check, as the application does
        Member = self.as_user(self.supervisor_user).sudo()
        self.assertEqual(
            Member.search([("national_id", "=", NATIONAL_ID)]), self.a2_official)
        self.assertTrue(Member.read_group([], ["religion"], ["religion"]))

    def test_record_rules_on_restricted_fields_keep_working(self):
        """Odoo evaluates rule domains as superuser: a rule may filter on a
        field the user may not read, and the user's searches still work."""
        self.env["ir.rule"].create({
            "name": "Test: hide one national ID",
            "model_id": self.env.ref("party_handbook.model_party_member").id,
            "domain_force": "['|', ('national_id', '=', False), "
                            "('national_id', '!=', '%s')]" % NATIONAL_ID,
        })
        Member = self.as_user(self.supervisor_user)
        self.assertEqual(Member.search([]), self.b1_official)
        self.assertEqual(Member.search_count([("name", "!=", False)]), 1)
        self.assertEqual(
            sum(g["gender_count"] for g in Member.read_group(
                [], ["gender"], ["gender"])), 1)
        self.assertEqual(self.as_user(self.officer_user).search(
            [("id", "=", self.a2_official.id)]).ids, [])

    def test_odoo_fields_with_groups_are_restricted_too(self):
        # the signup token of a contact: Access rights group only
        Partner = self.as_user(self.supervisor_user, "res.partner")
        self.assert_refused(
            lambda: Partner.search([("signup_token", "!=", False)]), "Signup Token")
        self.assert_refused(
            lambda: Partner.search([], order="signup_expiration desc"))
        # activities are for internal users; members are portal users
        Member = self.as_user(self.member_user)
        self.assert_refused(lambda: Member.search([("activity_ids", "!=", False)]))
        self.assert_refused(
            lambda: Member.search([("activity_user_id", "=", self.member_user.id)]))
        self.assertEqual(
            self.as_user(self.secretary_user).search(
                [("activity_ids", "!=", False), ("id", "=", 0)]).ids, [])
        # the code of a server action: Settings only
        officer_actions = self.as_user(self.officer_user, "ir.actions.server")
        self.assert_refused(
            lambda: officer_actions.search([("code", "ilike", "env")]), "Python Code")

    def test_the_member_cannot_search_their_own_sensitive_fields(self):
        # a member reads none of them, not even their own
        Member = self.as_user(self.member_user)
        self.assert_refused(lambda: Member.search([("religion", "!=", False)]))
        self.assertEqual(Member.search([]), self.a1_official)


class TestTrackingValues(FieldAccessCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a2_official.sudo(cls.officer_user).write({
            "national_id": "046080005555", "religion": "Công giáo",
            "occupation": "Giáo viên"})
        cls.messages = cls.env["mail.message"].search([
            ("model", "=", "party.member"), ("res_id", "=", cls.a2_official.id)])
        cls.values = cls.messages.mapped("tracking_value_ids")
        cls.system_user = cls.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "IT staff", "login": "ph_it_staff",
                "email": "it@example.org",
                "groups_id": [(6, 0, [cls.env.ref("base.group_system").id])]})

    def tracked(self, user):
        """{field label: [(old, new), ...]} as the user's chatter shows it."""
        tracked = {}
        for message in self.messages.sudo(user).message_format():
            for value in message["tracking_value_ids"]:
                tracked.setdefault(value["changed_field"], []).append(
                    (value["old_value"], value["new_value"]))
        return tracked

    def test_the_tracking_was_written(self):
        self.assertEqual(
            set(self.values.mapped("field")) & {"national_id", "religion",
                                                "occupation"},
            {"national_id", "religion", "occupation"})

    def test_the_chatter_hides_restricted_fields_from_who_cannot_read_them(self):
        tracked = self.tracked(self.supervisor_user)
        self.assertEqual([new for __, new in tracked["Occupation"]], ["Giáo viên"])
        self.assertNotIn("National ID", tracked)
        self.assertNotIn("Religion", tracked)
        text = repr(self.messages.sudo(self.supervisor_user).message_format())
        for secret in ("046080005555", NATIONAL_ID, "Công giáo", "Phật giáo"):
            self.assertNotIn(secret, text)

    def test_the_chatter_shows_them_to_who_can(self):
        for user in (self.officer_user, self.manager_user):
            tracked = self.tracked(user)
            self.assertIn((NATIONAL_ID, "046080005555"), tracked["National ID"])
            self.assertIn(("Phật giáo", "Công giáo"), tracked["Religion"])
            self.assertIn("Occupation", tracked)

    def test_the_portal_chatter_hides_them(self):
        formatted = self.messages.sudo(self.supervisor_user).portal_message_format()
        text = repr(formatted)
        self.assertNotIn("046080005555", text)

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_tracking_values_read_directly(self):
        sensitive = {name for name, field in self.env["party.member"]._fields.items()
                     if field.groups == SENSITIVE}
        hidden = self.values.filtered(lambda v: v.field in sensitive)
        shown = self.values - hidden
        self.assertTrue(hidden and shown)
        # Odoo: tracking values are for Settings users only
        for user in (self.supervisor_user, self.officer_user):
            self.assert_refused(lambda: self.env["mail.tracking.value"].sudo(
                user).search([]))
        # a Settings user without the member's sensitive fields
        Tracking = self.env["mail.tracking.value"].sudo(self.system_user)
        found = Tracking.search([("id", "in", self.values.ids)])
        self.assertEqual(found, shown)
        self.assertEqual(Tracking.search_count([("id", "in", hidden.ids)]), 0)
        self.assertEqual(
            sum(g["field_count"] for g in Tracking.read_group(
                [("id", "in", self.values.ids)], ["field"], ["field"])),
            len(shown))
        self.assertTrue(Tracking.browse(shown.ids).read(["new_value_char"]))
        self.assert_refused(lambda: Tracking.browse(hidden.ids).read(
            ["new_value_char"]))
        # the messages' tracking_value_ids (read by this very search)
        self.assertEqual(
            Tracking.search([("mail_message_id", "in", self.messages.ids)]), shown)
        # which only the superuser reads over RPC (debug mode's field)
        self.assert_refused(lambda: self.messages.sudo(
            self.supervisor_user).read(["tracking_value_ids"]))
        # who may read the fields finds them all
        self.system_user.groups_id |= self.env.ref(
            "party_handbook.group_party_handbook_cell_secretary")
        self.assertEqual(Tracking.search([("id", "in", self.values.ids)]),
                         self.values)

    def test_notification_emails_carry_no_restricted_value(self):
        message = self.values.filtered(
            lambda v: v.field == "national_id").sorted("id")[-1].mail_message_id
        context = self.env["res.partner"]._notify_prepare_template_context(message)
        text = repr(context["tracking"])
        self.assertNotIn("046080005555", text)
        self.assertIn("Giáo viên", text)


class TestRatingsAndDiscipline(FieldAccessCase):
    """Decided by the cell and the committee above it (QĐ 366-QĐ/TW): read
    per member by secretaries and officers; supervisors count them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rating = cls.env["party.member.rating"]
        cls.ratings = Rating.browse()
        for member, level in ((cls.a2_official, "excellent"),
                              (cls.b1_official, "good"),
                              (cls.a1_official, "good"),
                              (cls.a1_other, "not_completed")):
            rating = Rating.create({
                "member_id": member.id, "year": 2025,
                "rated_organization_id": member.organization_id.id})
            cls.env.cr.execute(
                "UPDATE party_member_rating SET state = 'approved', "
                "final_level = %s WHERE id = %s", (level, rating.id))
            cls.ratings |= rating
        cls.discipline = cls.env["party.member.discipline"].create({
            "member_id": cls.a2_official.id, "decision_number": "7-QĐ/ĐU",
            "issuing_body": "Đảng ủy xã", "form": "reprimand",
            "date": "2025-06-01"})
        cls.env["party.member.rating"].invalidate_cache()

    def summary(self, user):
        rows = self.env["party.member.rating.summary"].sudo(user).search(
            [("year", "=", 2025), ("organization_id", "child_of", self.city.id)])
        return {(row.organization_id.name, row.level): row.rating_count
                for row in rows}

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_supervisor_reads_no_member_rating_or_discipline(self):
        Rating = self.as_user(self.supervisor_user, "party.member.rating")
        self.assertEqual(Rating.search([("year", "=", 2025)]).ids, [])
        self.assertEqual(Rating.search_count([("final_level", "=", "excellent")]), 0)
        self.assertEqual(Rating.read_group([], ["year"], ["year"]), [])
        self.assert_refused(lambda: Rating.browse(self.ratings[0].id).read(
            ["final_level"]))
        self.assert_refused(lambda: self.as_user(
            self.supervisor_user, "party.member.discipline").search([]))
        self.assert_refused(lambda: self.discipline.sudo(
            self.supervisor_user).read(["form"]))
        self.assert_refused(lambda: self.a2_official.sudo(
            self.supervisor_user).read(["rating_ids"]))

    def test_supervisor_counts_the_levels_of_his_cells(self):
        self.assertEqual(self.summary(self.supervisor_user), {
            ("Cell A2", "excellent"): 1, ("Cell B1", "good"): 1})
        groups = self.env["party.member.rating.summary"].sudo(
            self.supervisor_user).read_group(
                [("year", "=", 2025)], ["level", "rating_count"], ["level"])
        self.assertEqual({g["level"]: g["rating_count"] for g in groups},
                         {"excellent": 1, "good": 1})
        # the summary names no member
        self.assertNotIn("member", " ".join(
            self.env["party.member.rating.summary"]._fields))

    def test_a_pending_rating_is_counted_as_pending(self):
        rating = self.env["party.member.rating"].create({
            "member_id": self.a2_official.id, "year": 2026,
            "rated_organization_id": self.cell_a2.id})
        rows = self.env["party.member.rating.summary"].sudo(
            self.supervisor_user).search([("year", "=", 2026)])
        self.assertEqual([(r.level, r.rating_count) for r in rows],
                         [("pending", 1)])
        self.assertTrue(rating)

    def test_the_roles_that_decide_read_them(self):
        Rating = self.env["party.member.rating"]
        self.assertEqual(
            Rating.sudo(self.secretary_user).search([("year", "=", 2025)]),
            self.ratings.filtered(lambda r: r.organization_id == self.cell_a1))
        self.assertEqual(
            Rating.sudo(self.officer_user).search([("year", "=", 2025)]),
            self.ratings.filtered(
                lambda r: r.organization_id in (self.cell_a1 | self.cell_a2)))
        self.assertEqual(
            Rating.sudo(self.manager_user).search(
                [("year", "=", 2025), ("organization_id", "child_of", self.city.id)]),
            self.ratings)
        self.assertEqual(
            self.discipline.sudo(self.officer_user).read(["form"])[0]["form"],
            "reprimand")
        self.assertEqual(self.summary(self.officer_user), {
            ("Cell A1", "good"): 1, ("Cell A1", "not_completed"): 1,
            ("Cell A2", "excellent"): 1})
        self.assertEqual(len(self.summary(self.manager_user)), 4)

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_members_read_their_own_rating_only(self):
        Rating = self.as_user(self.member_user, "party.member.rating")
        self.assertEqual(Rating.search([("year", "=", 2025)]),
                         self.ratings.filtered(
                             lambda r: r.member_id == self.a1_official))
        self.assert_refused(lambda: self.env["party.member.rating.summary"].sudo(
            self.member_user).search([]))
