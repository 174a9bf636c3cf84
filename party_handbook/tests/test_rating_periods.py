# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quality rating by period (Quy định 366-QĐ/TW): periods, opening a
cell's ratings in one step, the whole chain by role, the evidence beside
the scores, the summary per period, the migration of yearly ratings and
the member's self-assessment in the portal (over HTTP)."""
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HttpCase
from odoo.tools import mute_logger

from ..models.party_member_rating_period import migrate_year_ratings
from .common import PartyCase

PASSWORD = "Ph-Rating-2026!x"


class RatingCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Period = cls.env["party.member.rating.period"]
        cls.q4 = Period._get_period("quarter", 2031, 4)
        cls.y2031 = Period._get_period("year", 2031)
        cls.Rating = cls.env["party.member.rating"]

    def ratings(self, period, organization=None):
        domain = [("period_id", "=", period.id)]
        if organization:
            domain.append(("rated_organization_id", "child_of", organization.id))
        return self.Rating.search(domain)


class TestPeriods(RatingCase):

    def test_periods_have_official_names_and_dates(self):
        self.assertEqual(self.q4.name, "Quý IV/2031")
        self.assertEqual((self.q4.date_from, self.q4.date_to),
                         ("2031-10-01", "2031-12-31"))
        self.assertEqual(self.y2031.name, "Năm 2031")
        self.assertEqual(self.env["party.member.rating.period"]._get_period(
            "quarter", 2031, 4), self.q4, "a quarter exists once")
        q1 = self.env["party.member.rating.period"]._get_period("quarter", 2032, 1)
        self.assertEqual((q1.name, q1.date_to), ("Quý I/2032", "2032-03-31"))

    def test_a_rated_period_keeps_what_it_is(self):
        self.Rating.sudo(self.secretary_user).open_period(self.cell_a1, self.q4)
        with self.assertRaises(UserError):
            self.q4.sudo(self.officer_user).write({"quarter": 3})
        self.q4.sudo(self.officer_user).write({"name": "Quý IV năm 2031"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.q4.sudo(self.secretary_user).write({"name": "x"})

    def test_yearly_callers_get_the_yearly_period(self):
        rating = self.Rating.create({"member_id": self.a2_official.id,
                                     "year": 2031,
                                     "rated_organization_id": self.cell_a2.id})
        self.assertEqual(rating.period_id, self.y2031)
        other = self.Rating.create({"member_id": self.a2_official.id,
                                    "period_id": self.q4.id,
                                    "rated_organization_id": self.cell_a2.id})
        self.assertEqual(other.year, 2031)

    def test_secretary_opens_own_cell_once(self):
        Rating = self.Rating.sudo(self.secretary_user)
        opened = Rating.open_period(self.cell_a1, self.q4)
        self.assertEqual(set(opened.sudo().mapped("member_id").ids),
                         {self.a1_official.id, self.a1_other.id,
                          self.a1_probationary.id})
        self.assertTrue(all(r.state == "draft" for r in opened.sudo()))
        # the creation note names the secretary
        note = self.env["mail.message"].search([
            ("model", "=", "party.member.rating"), ("res_id", "=", opened[0].id)])
        self.assertEqual(note.author_id, self.secretary_user.partner_id)
        # idempotent: nothing new the second time
        self.assertFalse(Rating.open_period(self.cell_a1, self.q4))
        self.assertEqual(len(self.ratings(self.q4, self.cell_a1)), 3)
        # a quarter and its year side by side
        yearly = Rating.open_period(self.cell_a1, self.y2031)
        self.assertEqual(len(yearly), 3)
        self.assertEqual(len(self.Rating.search([
            ("member_id", "=", self.a1_official.id), ("year", "=", 2031)])), 2)

    @mute_logger("odoo.models")
    def test_opening_is_scoped(self):
        with self.assertRaises(AccessError):
            self.Rating.sudo(self.secretary_user).open_period(self.cell_a2, self.q4)
        with self.assertRaises(AccessError):
            self.Rating.sudo(self.member_user).open_period(self.cell_a1, self.q4)
        with self.assertRaises(AccessError):
            self.Rating.sudo(self.supervisor_user).open_period(self.cell_a2, self.q4)
        # the officer opens his whole subtree, not the other commune
        opened = self.Rating.sudo(self.officer_user).open_period(
            self.commune_a, self.q4)
        self.assertEqual(len(opened), 4)
        with self.assertRaises(AccessError):
            self.Rating.sudo(self.officer_user).open_period(self.commune_b, self.q4)
        self.assertFalse(self.ratings(self.q4, self.commune_b))

    def test_open_wizard_from_the_cell(self):
        wizard = self.env["party.member.rating.open"].sudo(
            self.secretary_user).with_context(
                active_model="party.organization",
                active_ids=self.cell_a1.ids).create({
                    "kind": "quarter", "year": 2031, "quarter": "4"})
        self.assertEqual(wizard.organization_ids, self.cell_a1)
        action = wizard.action_open()
        self.assertIn(("period_id", "=", self.q4.id), action["domain"])
        self.assertEqual(len(self.ratings(self.q4)), 3)
        # from the period's form: that period
        wizard = self.env["party.member.rating.open"].sudo(
            self.secretary_user).with_context(
                default_period_id=self.y2031.id).create({})
        self.assertEqual((wizard.kind, wizard.year, wizard.organization_ids),
                         ("year", 2031, self.cell_a1))
        wizard.action_open()
        self.assertEqual(len(self.ratings(self.y2031)), 3)


class TestChain(RatingCase):

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_whole_chain_by_role(self):
        opened = self.Rating.sudo(self.secretary_user).open_period(
            self.cell_a1, self.q4).sudo()
        own = opened.filtered(lambda r: r.member_id == self.a1_official)
        other = opened.filtered(lambda r: r.member_id == self.a1_probationary)
        # the member reads and assesses only his own rating
        as_member = self.Rating.sudo(self.member_user)
        self.assertEqual(as_member.search([]), own)
        with self.assertRaises(AccessError):
            other.sudo(self.member_user).action_self_assess(80, "x")
        with self.assertRaises(AccessError):
            own.sudo(self.secretary_user).action_self_assess(80, "not mine")
        own.sudo(self.member_user).action_self_assess(86, "Hoàn thành tốt")
        self.assertEqual((own.state, own.self_level), ("self", "good"))
        # the step's message names the member, not the superuser
        message = own.message_ids.filtered(lambda m: m.tracking_value_ids)[:1]
        self.assertEqual(message.author_id, self.member_user.partner_id)
        # the member cannot propose; a secretary of another cell neither
        with self.assertRaises(AccessError):
            own.sudo(self.member_user).action_propose(80)
        stranger = self.create_user("secretary", [self.cell_a2],
                                    login="ph_rating_other_secretary")
        with self.assertRaises(AccessError):
            own.sudo(stranger).action_propose(80)
        # the cell committee proposes through the step screen
        step = self.env["party.member.rating.step"].sudo(
            self.secretary_user).with_context(
                party_rating_step="propose", active_model="party.member.rating",
                active_ids=opened.ids).create({})
        self.assertEqual(step.line_ids.mapped("rating_id"), own)
        self.assertEqual(step.skipped_count, 2)
        step.line_ids.score = 91
        step.action_apply()
        self.assertEqual((own.state, own.proposed_level), ("proposed", "excellent"))
        message = own.message_ids.filtered(lambda m: m.tracking_value_ids)[:1]
        self.assertEqual(message.author_id, self.secretary_user.partner_id)
        # the cell decides (batch confirmation of the proposals)
        own.sudo(self.secretary_user).action_cell_decide()
        self.assertEqual((own.state, own.cell_level), ("cell", "excellent"))
        # the upper committee confirms; the cell's own secretary cannot
        with self.assertRaises(AccessError):
            own.sudo(self.secretary_user).action_approve()
        cell_officer = self.create_user("officer", [self.cell_a1],
                                        login="ph_rating_cell_officer")
        with self.assertRaises(AccessError):
            own.sudo(cell_officer).action_approve()
        step = self.env["party.member.rating.step"].sudo(
            self.officer_user).with_context(
                party_rating_step="approve", active_model="party.member.rating",
                active_ids=own.ids).create({})
        step.line_ids.level = "good"
        step.action_apply()
        self.assertEqual((own.state, own.final_level), ("approved", "good"))
        message = own.message_ids.filtered(lambda m: m.tracking_value_ids)[:1]
        self.assertEqual(message.author_id, self.officer_user.partner_id)
        # nothing was written directly
        with self.assertRaises((AccessError, UserError)):
            other.sudo(self.secretary_user).write({"state": "proposed"})

    @mute_logger("odoo.models")
    def test_supervisor_counts_per_period_but_reads_no_rating(self):
        opened = self.Rating.sudo(self.officer_user).open_period(
            self.commune_a, self.q4)
        self.Rating.sudo(self.officer_user).open_period(self.commune_a, self.y2031)
        with self.assertRaises(AccessError):
            opened.sudo(self.supervisor_user).read(["self_score"])
        Summary = self.env["party.member.rating.summary"].sudo(self.supervisor_user)
        rows = Summary.search([("period_id", "in", (self.q4 + self.y2031).ids)])
        self.assertEqual(set(rows.mapped("period_id")), {self.q4, self.y2031})
        self.assertEqual(set(rows.mapped("organization_id")), {self.cell_a2})
        self.assertEqual(sum(rows.mapped("rating_count")), 2)
        self.assertEqual(set(rows.mapped("period_kind")), {"quarter", "year"})


class TestEvidence(RatingCase):

    def test_documents_and_feedback_of_the_period(self):
        rating = self.Rating.sudo(self.secretary_user).open_period(
            self.cell_a1, self.q4).filtered(
                lambda r: r.sudo().member_id == self.a1_official)
        Document = self.env["party.document"]
        documents = Document.browse()
        for number, deadline in ((1, "2031-10-20"), (2, False), (3, "2031-11-01")):
            documents |= Document.create({
                "name": "Evidence %s" % number, "document_type": "notice",
                "date": "2031-10-1%s" % number, "content": "<p>Nội dung</p>",
                "issuing_organization_id": self.commune_a.id,
                "deadline": deadline,
                "target_ids": [(0, 0, {"organization_id": self.cell_a1.id,
                                       "include_subtree": True})]})
        for document in documents:
            document.action_publish()
        receipts = self.env["party.document.receipt"].search([
            ("member_id", "=", self.a1_official.id),
            ("document_id", "in", documents.ids)])
        self.assertEqual(len(receipts), 3)
        # on time, late (after the deadline), and not acknowledged
        self.env.cr.execute("""
            UPDATE party_document_receipt SET state = 'acknowledged',
                   acknowledged_on = CASE document_id WHEN %s
                       THEN timestamp '2031-10-15 08:00:00'
                       ELSE timestamp '2031-11-20 08:00:00' END
             WHERE id IN %s AND document_id IN %s""", (
            documents[0].id, tuple(receipts.ids),
            (documents[0].id, documents[2].id)))
        documents[1].sudo(self.member_user).action_give_feedback(
            "opinion", "Ý kiến của tôi")
        self.env.cr.execute(
            "UPDATE party_document_feedback SET create_date = '2031-10-16' "
            "WHERE member_id = %s", (self.a1_official.id,))
        self.Rating.invalidate_cache()
        rating = rating.sudo(self.secretary_user)
        self.assertEqual(rating.evidence_documents_received, 3)
        self.assertEqual(rating.evidence_documents_on_time, 1)
        self.assertEqual(rating.evidence_feedback_count, 1)
        self.assertIn("1 of 3", rating.evidence_summary)

    def test_the_list_costs_the_same_queries_as_one_row(self):
        ratings = self.Rating.sudo(self.manager_user).open_period(
            self.city, self.q4)
        ratings = ratings.sudo(self.manager_user)
        self.assertGreaterEqual(len(ratings), 5)
        counts = []
        for rows in (ratings, ratings[:1], ratings):  # the first warms caches
            rows.invalidate_cache()
            rows.read(["member_id"])
            queries = self.cr.sql_log_count
            rows.read(["evidence_summary", "evidence_documents_on_time"])
            counts.append(self.cr.sql_log_count - queries)
        self.assertEqual(counts[1], counts[2], "no query per row")


class TestMigration(RatingCase):

    def test_yearly_ratings_of_the_old_schema_get_their_period(self):
        cr = self.env.cr
        # rows as the schema before periods left them: no period, one
        # rating per member and year
        cr.execute("ALTER TABLE party_member_rating ALTER COLUMN period_id "
                   "DROP NOT NULL")
        cr.execute("ALTER TABLE party_member_rating ADD CONSTRAINT "
                   "party_member_rating_member_year_uniq UNIQUE (member_id, year)")
        for member, year in ((self.a1_official, 2040), (self.a1_other, 2040),
                             (self.a1_official, 2041)):
            cr.execute("""
                INSERT INTO party_member_rating (member_id, year,
                       rated_organization_id, organization_id, state)
                VALUES (%s, %s, %s, %s, 'draft')""", (
                member.id, year, self.cell_a1.id, self.cell_a1.id))
        created, linked = migrate_year_ratings(cr)
        self.assertEqual((created, linked), (2, 3))
        self.assertEqual(migrate_year_ratings(cr), (0, 0), "idempotent")
        self.Rating.invalidate_cache()
        ratings = self.Rating.search([("year", "in", (2040, 2041))])
        self.assertEqual(sorted(ratings.mapped("period_id.name")),
                         ["Năm 2040", "Năm 2041"])
        self.assertTrue(all(r.period_id.year == r.year for r in ratings))
        cr.execute("SELECT 1 FROM pg_constraint WHERE conname = "
                   "'party_member_rating_member_year_uniq'")
        self.assertFalse(cr.fetchall())


class TestRatingPortal(HttpCase):
    """The member's self-assessment over HTTP, forged ids included."""
    at_install = False
    post_install = True

    def setUp(self):
        super().setUp()
        self.addCleanup(setattr, self, "cr", self.cr)
        self.addCleanup(setattr, self, "env", self.env)
        self.cr = self.registry.test_cr
        self.env = env = self.env(cr=self.cr, context=dict(
            self.env.context, tracking_disable=True))
        Organization = env["party.organization"]
        self.cell = Organization.create({
            "name": "Cell Rating Portal", "code": "TR-1", "level": "cell"})
        self.other_cell = Organization.create({
            "name": "Cell Rating Other", "code": "TR-2", "level": "cell"})
        Member = env["party.member"]
        self.member = Member.create({
            "name": "Rating Member Hạnh", "organization_id": self.cell.id,
            "admission_date": "1980-05-19"})
        self.other = Member.create({
            "name": "Rating Other Khoa", "organization_id": self.other_cell.id,
            "admission_date": "1980-05-19"})
        groups = [env.ref("base.group_portal").id,
                  env.ref("party_handbook.group_party_handbook_member").id]
        Users = env["res.users"].with_context(no_reset_password=True)
        self.user = Users.create({
            "login": "ph_rating_member", "password": PASSWORD,
            "partner_id": self.member.partner_id.id,
            "groups_id": [(6, 0, groups)]})
        Users.create({
            "login": "ph_rating_other", "password": PASSWORD,
            "partner_id": self.other.partner_id.id,
            "groups_id": [(6, 0, groups)]})
        period = env["party.member.rating.period"]._get_period("quarter", 2032, 2)
        Rating = env["party.member.rating"]
        self.rating = Rating.create({
            "member_id": self.member.id, "period_id": period.id,
            "rated_organization_id": self.cell.id})
        self.other_rating = Rating.create({
            "member_id": self.other.id, "period_id": period.id,
            "rated_organization_id": self.other_cell.id})
        self.registry.test_cr.commit()  # pylint: disable=invalid-commit

    def get(self, url, login="ph_rating_member"):
        self.registry.test_cr.commit()  # pylint: disable=invalid-commit
        self.authenticate(login, PASSWORD)
        return self.url_open(url, timeout=30)

    def post(self, rating_id, **values):
        page = self.get("/my/party/rating")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open("/my/party/rating/%s/assess" % rating_id,
                             data=dict(values, csrf_token=token), timeout=30)

    def test_tile_form_and_submit(self):
        home = self.get("/my")
        self.assertIn('href="/my/party/rating"', home.text)
        page = self.get("/my/party/rating")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Quý II/2032", page.text)
        self.assertIn('name="score"', page.text)
        self.assertNotIn("Rating Other Khoa", page.text)
        # an invalid score: the form again, the error by the field, the text kept
        response = self.post(self.rating.id, score="120", comment="Giữ lại")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_party_field_error", response.text)
        self.assertIn("Giữ lại", response.text)
        self.assertIn('value="120"', response.text)
        response = self.post(self.rating.id, score="88", comment="Hoàn thành tốt")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_party_rating_sent", response.text)
        self.env.clear()
        self.assertEqual((self.rating.state, self.rating.self_score),
                         ("self", 88))
        message = self.rating.message_ids.filtered(lambda m: m.tracking_value_ids)
        self.assertEqual(message[:1].author_id, self.user.partner_id)
        # nothing awaits any more: no tile
        self.assertNotIn('href="/my/party/rating"', self.get("/my").text)

    @mute_logger("odoo.addons.base.ir.ir_ui_view", "odoo.http")
    def test_forged_ids_answer_not_found(self):
        self.assertEqual(self.get("/my/party/rating/%s" % self.other_rating.id)
                         .status_code, 404)
        self.assertEqual(self.get("/my/party/rating/999999").status_code, 404)
        response = self.post(self.other_rating.id, score="99", comment="x")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Rating Other Khoa", response.text)
        self.env.clear()
        self.assertEqual(self.other_rating.state, "draft")
        # no CSRF token: refused
        self.authenticate("ph_rating_member", PASSWORD)
        response = self.url_open("/my/party/rating/%s/assess" % self.rating.id,
                                 data={"score": "80"}, timeout=30)
        self.assertNotEqual(response.status_code, 200)
        self.env.clear()
        self.assertEqual(self.rating.state, "draft")
