# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files of documents and reports follow their records: read by who may
read the record, never rewritten or deleted once it is frozen, whatever
context the caller sends (models/ir_attachment_access.py)."""
import base64

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .test_document import DocumentCase

MUTE = mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
FORGED = {"force": True, "bypass_freeze": True, "install_mode": True,
          "tracking_disable": True}


class TestDocumentFiles(DocumentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_b = cls.create_user("officer", [cls.commune_b],
                                        login="ph_officer_b")

    def upload(self, user, **values):
        vals = {"name": "nghi-quyet.pdf", "datas_fname": "nghi-quyet.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 original")}
        vals.update(values)
        return self.env["ir.attachment"].sudo(user).create(vals)

    def draft_with(self, attachment):
        return self.document([(self.cell_a1, True)], user=self.officer_user,
                             attachment_ids=[(6, 0, attachment.ids)])

    @MUTE
    def test_a_file_of_a_document_is_read_only_by_its_readers(self):
        """Picked before the document was saved, the file has no res_id:
        Odoo would open it to every internal user."""
        attachment = self.upload(self.officer_user)
        document = self.draft_with(attachment)
        self.assertEqual(document.attachment_ids, attachment)
        as_other = attachment.sudo(self.officer_b)
        with self.assertRaises(AccessError):
            as_other.read(["datas"])
        with self.assertRaises(AccessError):
            as_other.with_context(**FORGED).read(["datas"])
        Attachment = self.env["ir.attachment"].sudo(self.officer_b)
        self.assertFalse(Attachment.search([("id", "=", attachment.id)]))
        self.assertEqual(Attachment.search_count([("id", "=", attachment.id)]), 0)
        with self.assertRaises(AccessError):
            as_other.write({"datas": base64.b64encode(b"forged")})
        # the issuer's officer reads it; once published, the officers of
        # the organizations reached (members get it through the portal)
        self.assertTrue(attachment.sudo(self.officer_user).read(["datas"]))
        document.action_publish()
        self.assertEqual(self.env["ir.attachment"].sudo(self.secretary_user).search(
            [("id", "=", attachment.id)]), attachment)
        with self.assertRaises(AccessError):
            attachment.sudo(self.officer_b).read(["name"])
        # a file nobody references keeps Odoo's rule (its uploader reads it)
        loose = self.upload(self.officer_b)
        self.assertTrue(loose.sudo(self.officer_b).read(["name"]))

    @MUTE
    def test_a_published_documents_file_cannot_be_replaced(self):
        attachment = self.upload(self.officer_user)
        document = self.draft_with(attachment)
        # a draft's file may still change
        attachment.sudo(self.officer_user).write(
            {"datas": base64.b64encode(b"%PDF-1.4 corrected")})
        document.action_publish()
        as_officer = attachment.sudo(self.officer_user).with_context(**FORGED)
        for forbidden in (
                lambda: as_officer.write({"datas": base64.b64encode(b"forged")}),
                lambda: as_officer.write({"name": "other.pdf"}),
                lambda: as_officer.write({"res_model": "res.partner"}),
                as_officer.unlink):
            with self.assertRaises(AccessError):
                forbidden()
        self.assertEqual(base64.b64decode(attachment.datas), b"%PDF-1.4 corrected")
        # linked by res_model/res_id (the chatter's way) it is frozen too
        linked = self.upload(self.officer_user, res_model="party.document",
                             res_id=document.id)
        with self.assertRaises(AccessError):
            linked.sudo(self.officer_user).write(
                {"datas": base64.b64encode(b"forged")})
        # a draft document's linked file is not frozen
        draft = self.document([(self.cell_a1, True)], user=self.officer_user)
        free = self.upload(self.officer_user, res_model="party.document",
                           res_id=draft.id)
        free.sudo(self.officer_user).write({"name": "ban-moi.pdf"})
        self.assertEqual(free.name, "ban-moi.pdf")

    @MUTE
    def test_a_submitted_reports_annex_cannot_be_replaced(self):
        request = self.document(
            [(self.cell_a1, False)], user=self.officer_user,
            name="Báo cáo sơ kết", document_type="report_request",
            deadline="2999-12-31")
        request.action_publish()
        report = request.report_ids
        annex = self.upload(self.secretary_user, name="bao-cao.pdf",
                            datas_fname="bao-cao.pdf")
        report.sudo(self.secretary_user).action_submit("Đã báo cáo.", annex)
        self.assertEqual(report.attachment_ids, annex)
        with self.assertRaises(AccessError):
            annex.sudo(self.secretary_user).write(
                {"datas": base64.b64encode(b"changed")})
        with self.assertRaises(AccessError):
            annex.sudo(self.secretary_user).unlink()
        # the issuing committee reads it, another commune's officer does not
        self.assertTrue(annex.sudo(self.officer_user).read(["name"]))
        with self.assertRaises(AccessError):
            annex.sudo(self.officer_b).read(["name"])
