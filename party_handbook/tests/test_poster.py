# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Posters of documents (issue #15): made from a published document, key
points prefilled, figures counted from the receipts, 3 to 5 points on
publishing, files stored, frozen afterwards; who sees and manages them."""
import base64
import io
import struct

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..models.party_poster import key_points_of_html, pdf_to_png
from .test_document import DocumentCase

CONTENT = (
    "<p>Ban Chấp hành quyết nghị nâng cao chất lượng sinh hoạt chi bộ. "
    "Mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần mỗi quý.</p>"
    "<p>Các chi bộ quán triệt đến từng đảng viên; báo cáo kết quả thực "
    "hiện trước ngày 15 hằng tháng.</p>")
FORGED = {"internal_write": True, "party_internal": True, "install_mode": True,
          "tracking_disable": True, "force_publish": True, "bypass": True}


def png_size(data):
    """(width, height) read from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


class PosterCase(DocumentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_b = cls.create_user("officer", [cls.commune_b],
                                        login="ph_officer_b")
        cls.member_b = cls.create_user("member", [], partner=cls.b1_official,
                                       login="ph_member_b")
        cls.member_a2 = cls.create_user("member", [], partner=cls.a2_official,
                                        login="ph_member_a2")

    def published_document(self, targets=None, **values):
        document = self.document(targets or [(self.cell_a1, True)],
                                 user=self.officer_user, content=CONTENT,
                                 **values)
        document.action_publish()
        return document

    def make_poster(self, document, user=None):
        action = document.sudo(user or self.officer_user).action_make_poster()
        self.assertEqual(action["res_model"], "party.poster")
        return self.env["party.poster"].sudo(
            user or self.officer_user).browse(action["res_id"])


class TestPosterMaking(PosterCase):

    def test_key_points_come_from_list_items_or_first_sentences(self):
        self.assertEqual(key_points_of_html(
            "<p>Intro</p><ul><li>Một</li><li> Hai </li><li>Ba</li></ul>"),
            ["Một", "Hai", "Ba"])
        self.assertEqual(key_points_of_html(CONTENT), [
            "Ban Chấp hành quyết nghị nâng cao chất lượng sinh hoạt chi bộ.",
            "Mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần mỗi quý.",
            "Các chi bộ quán triệt đến từng đảng viên; báo cáo kết quả thực "
            "hiện trước ngày 15 hằng tháng."])
        # fewer than three sentences: cut at the semicolons
        self.assertEqual(key_points_of_html("<p>Một; hai; ba.</p>"),
                         ["Một", "hai", "ba."])
        self.assertEqual(len(key_points_of_html(
            "<ol>%s</ol>" % ("<li>x</li>" * 9))), 5)
        self.assertEqual(key_points_of_html(False), [])
        long_point = key_points_of_html("<ul><li>%s</li></ul>" % ("từ " * 90))[0]
        self.assertLessEqual(len(long_point), 151)
        self.assertTrue(long_point.endswith("…"))

    def test_a_poster_of_a_published_document_with_its_real_rate(self):
        document = self.published_document()  # cell A1: 3 members
        document.sudo(self.member_user).action_acknowledge()
        document.sudo(self.secretary_user).action_mark_read()
        poster = self.make_poster(document)
        self.assertEqual(poster.state, "draft")
        self.assertEqual(poster.kind, "document")
        self.assertEqual(poster.document_id, document)
        self.assertEqual(poster.organization_id, self.commune_a)
        self.assertEqual(poster.name, document.name)
        self.assertEqual(len(poster._point_list()), 3)
        self.assertIn("quán triệt", poster.key_points)
        figures = {f["code"]: f for f in poster._figure_list()}
        self.assertEqual((figures["acknowledged"]["value"],
                          figures["acknowledged"]["total"]), (1, 3))
        self.assertAlmostEqual(figures["acknowledged"]["percent"], 100.0 / 3)
        self.assertEqual((figures["read"]["value"], figures["read"]["total"]),
                         (2, 3))
        self.assertTrue(poster.figures_made_on)
        self.assertIn("1", poster.figures_text)
        self.assertEqual(document.sudo(self.officer_user).poster_count, 1)

    def test_figures_are_a_snapshot_refreshed_on_request(self):
        document = self.published_document()
        poster = self.make_poster(document)
        document.sudo(self.member_user).action_acknowledge()
        self.assertEqual(poster._figure_list()[0]["value"], 0)
        poster.action_refresh_figures()
        self.assertEqual(poster._figure_list()[0]["value"], 1)

    def test_drafts_and_other_committees_documents_make_no_poster(self):
        draft = self.document([(self.cell_a1, True)], user=self.officer_user)
        with self.assertRaises(UserError):
            draft.action_make_poster()
        document = self.published_document()
        with self.assertRaises(AccessError), mute_logger(
                "odoo.addons.base.ir.ir_model", "odoo.models"):
            document.sudo(self.officer_b).action_make_poster()
        for user in (self.secretary_user, self.member_user,
                     self.supervisor_user):
            with self.assertRaises(AccessError), mute_logger(
                    "odoo.addons.base.ir.ir_model", "odoo.models"):
                document.sudo(user).action_make_poster()
        self.assertFalse(self.env["party.poster"].search(
            [("document_id", "=", document.id)]))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_posters_are_made_by_the_button_only(self):
        document = self.published_document()
        for Poster in (self.env["party.poster"].sudo(self.officer_user),
                       self.env["party.poster"].sudo(
                           self.officer_user).with_context(**FORGED)):
            with self.assertRaises(UserError):
                Poster.create({"name": "x", "document_id": document.id,
                               "organization_id": self.commune_a.id})
        with self.assertRaises(AccessError):
            self.env["party.poster"].sudo(self.member_user).create({
                "name": "x", "organization_id": self.cell_a1.id})


class TestPosterPublishing(PosterCase):

    def test_three_to_five_key_points_on_publishing(self):
        poster = self.make_poster(self.published_document())
        for points in (["Một", "Hai"], ["p%s" % i for i in range(6)], [],
                       ["Một", "Hai", "x" * 151]):
            poster.write({"key_points": "\n".join(points)})
            with self.assertRaises(ValidationError):
                poster.action_publish()
            self.assertEqual(poster.state, "draft")
        # blank lines and bullets do not count
        poster.write({"key_points": "• Một\n\n- Hai\n   \nBa\n"})
        self.assertEqual(poster._point_list(), ["Một", "Hai", "Ba"])
        poster.action_publish()
        self.assertEqual(poster.state, "published")

    def test_publishing_stores_the_poster_and_freezes_it(self):
        document = self.published_document()
        document.sudo(self.member_user).action_acknowledge()
        poster = self.make_poster(document)
        poster.write({"name": "Nâng cao chất lượng sinh hoạt chi bộ"})
        poster.action_publish()
        self.assertEqual(poster.state, "published")
        self.assertEqual(poster.published_by, self.officer_user)
        # under --test-enable Odoo renders the report as HTML: it is stored
        # in place of the PDF, and no image is made from it
        stored = poster.sudo().pdf_attachment_id
        self.assertEqual((stored.res_model, stored.res_id),
                         ("party.poster", poster.id))
        html = base64.b64decode(stored.datas).decode("utf-8")
        # the data (the words around it are translated)
        for text in ("Nâng cao chất lượng sinh hoạt chi bộ", "Commune A",
                     "City", "quán triệt", document.number,
                     "width: 33.3%", "o_party_poster_bar_fill",
                     "data:image/png;base64,"):
            self.assertIn(text, html)
        self.assertTrue("33.3 %" in html or "33,3 %" in html)
        self.assertNotIn("<script", html.split("</head>")[-1])
        # frozen: the caller's context does not unlock it
        for Poster in (poster, poster.with_context(**FORGED)):
            for vals in ({"name": "Khác"}, {"key_points": "a\nb\nc"},
                         {"state": "draft"}, {"figures": "[]"}):
                with self.assertRaises(UserError):
                    Poster.write(vals)
            with self.assertRaises(UserError):
                Poster.action_refresh_figures()
            with self.assertRaises(UserError):
                Poster.action_publish()
            with self.assertRaises(UserError):
                Poster.unlink()
        with self.assertRaises(UserError):
            poster.sudo().write({"name": "Khác"})
        with self.assertRaises(AccessError), mute_logger(
                "odoo.addons.base.ir.ir_model", "odoo.models"):
            stored.sudo(self.officer_user).write({"datas": base64.b64encode(b"x")})
        with self.assertRaises(AccessError), mute_logger(
                "odoo.addons.base.ir.ir_model", "odoo.models"):
            stored.sudo(self.officer_user).unlink()
        self.assertEqual(poster.name, "Nâng cao chất lượng sinh hoạt chi bộ")

    def test_protected_values_are_not_written_by_a_caller(self):
        poster = self.make_poster(self.published_document())
        for Poster in (poster, poster.with_context(**FORGED)):
            for vals in ({"state": "published"}, {"figures": "[]"},
                         {"organization_id": self.commune_b.id},
                         {"published_by": self.officer_user.id}):
                with self.assertRaises(UserError):
                    Poster.write(vals)
        self.assertEqual(poster.state, "draft")

    def test_send_in_a_message_opens_the_composer_on_the_document(self):
        document = self.published_document()
        poster = self.make_poster(document)
        with self.assertRaises(UserError):
            poster.action_send_message()
        poster.write({"key_points": "Một\nHai\nBa"})
        poster.action_publish()
        action = poster.action_send_message()
        self.assertEqual(action["res_model"], "mail.compose.message")
        context = action["context"]
        self.assertEqual((context["default_model"], context["default_res_id"]),
                         ("party.document", document.id))
        composer = self.env["mail.compose.message"].sudo(
            self.officer_user).browse(action["res_id"])
        self.assertEqual(len(composer.attachment_ids), 1)
        self.assertIn(composer.attachment_ids, poster.sudo().png_attachment_id
                      | poster.sudo().pdf_attachment_id)
        composer.with_context(**context).send_mail()
        message = self.env["mail.message"].search([
            ("model", "=", "party.document"), ("res_id", "=", document.id)],
            limit=1)
        self.assertEqual(message.attachment_ids, composer.attachment_ids)

    def test_the_phone_image_is_made_from_the_pdf(self):
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=A4)
        page.setFillColorRGB(0.718, 0.11, 0.11)
        page.rect(0, A4[1] - 150, A4[0], 150, fill=1)
        page.drawString(72, 400, "Poster")
        page.save()
        data = pdf_to_png(buffer.getvalue())
        width, height = png_size(data)
        self.assertEqual(width, 1080)
        self.assertAlmostEqual(height / width, A4[1] / A4[0], places=2)
        with self.assertRaises(UserError), mute_logger(
                "odoo.addons.party_handbook.models.party_poster"):
            pdf_to_png(b"not a pdf")


class TestPosterAccess(PosterCase):

    def setUp(self):
        super().setUp()
        self.document_a1 = self.published_document()  # cell A1 only
        self.poster = self.make_poster(self.document_a1)
        self.poster.write({"key_points": "Một\nHai\nBa"})

    def visible(self, user):
        return self.env["party.poster"].sudo(user).search(
            [("id", "=", self.poster.id)])

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_drafts_are_for_the_issuing_committee_officers(self):
        self.assertTrue(self.visible(self.officer_user))
        self.assertTrue(self.visible(self.manager_user))
        for user in (self.officer_b, self.member_user, self.secretary_user,
                     self.supervisor_user, self.member_b):
            self.assertFalse(self.visible(user), user.login)
            with self.assertRaises(AccessError):
                self.poster.sudo(user).read(["name"])

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_published_posters_follow_the_document(self):
        self.poster.action_publish()
        # received it (member, cell secretary of A1), its issuers, the city
        for user in (self.member_user, self.secretary_user, self.officer_user,
                     self.manager_user):
            self.assertTrue(self.visible(user), user.login)
            self.poster.sudo(user).read(["name", "key_points"])
        # another committee's officer, a member of another cell, a member of
        # the same commune who did not receive it, a supervisor of others
        for user in (self.officer_b, self.member_b, self.member_a2,
                     self.supervisor_user):
            self.assertFalse(self.visible(user), user.login)
            with self.assertRaises(AccessError):
                self.poster.sudo(user).read(["name"])
        attachment = self.poster.sudo().pdf_attachment_id
        attachment.sudo(self.member_user).read(["datas"])
        with self.assertRaises(AccessError):
            attachment.sudo(self.member_b).read(["datas"])
        self.assertFalse(self.env["ir.attachment"].sudo(self.member_b).search(
            [("id", "=", attachment.id)]))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_only_the_issuers_officers_manage(self):
        for user in (self.officer_b, self.secretary_user, self.member_user):
            for action in ("action_publish", "action_refresh_figures"):
                with self.assertRaises(AccessError):
                    getattr(self.poster.sudo(user), action)()
            with self.assertRaises(AccessError):
                self.poster.sudo(user).write({"name": "Khác"})
            with self.assertRaises(AccessError):
                self.poster.sudo(user).unlink()
        self.assertEqual(self.poster.state, "draft")
        self.poster.sudo(self.manager_user).action_refresh_figures()
        self.poster.unlink()  # a draft, by its officer
