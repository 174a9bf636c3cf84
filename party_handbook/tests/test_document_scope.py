# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A document is sent only within the organizations its issuer serves
(issue #11): a commune officer cannot publish to the city above nor to
another commune; a city officer sends to the whole tree."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .test_document import DocumentCase


class TestDocumentScope(DocumentCase):

    def receivers(self, document):
        return document.sudo().receipt_ids.mapped("member_id")

    def assert_out_of_scope(self, call, organization):
        with self.assertRaises(AccessError) as caught, self.env.cr.savepoint(), \
                mute_logger("odoo.addons.base.ir.ir_model", "odoo.models"):
            call()
        self.assertIn(organization.display_name, str(caught.exception))
        self.assertIn("outside the organizations you serve", str(caught.exception))

    def test_commune_officer_publishes_within_the_commune(self):
        document = self.document([(self.commune_a, True), (self.cell_a2, False)],
                                 user=self.officer_user)
        document.action_publish()
        self.assertEqual(
            self.receivers(document),
            self.a1_official | self.a1_other | self.a1_probationary | self.a2_official)

    def test_commune_officer_cannot_target_the_city_or_another_commune(self):
        for target in (self.city, self.commune_b, self.cell_b1):
            with self.subTest(target=target.name):
                self.assert_out_of_scope(lambda: self.document(
                    [(self.cell_a1, True), (target, True)], user=self.officer_user),
                    target)
        self.assertFalse(self.env["party.document"].search(
            [("issuing_organization_id", "=", self.commune_a.id)]))

    def test_targets_written_directly_are_checked(self):
        document = self.document([(self.cell_a1, True)], user=self.officer_user)
        # through the document's one2many
        self.assert_out_of_scope(lambda: document.write({"target_ids": [
            (0, 0, {"organization_id": self.city.id})]}), self.city)
        self.assert_out_of_scope(lambda: document.write({"target_ids": [
            (1, document.target_ids.id, {"organization_id": self.commune_b.id})]}),
            self.commune_b)
        # through the target model, as an RPC caller may
        Target = self.env["party.document.target"].sudo(self.officer_user)
        self.assert_out_of_scope(lambda: Target.create({
            "document_id": document.id, "organization_id": self.cell_b1.id}),
            self.cell_b1)
        self.assert_out_of_scope(lambda: document.target_ids.sudo(
            self.officer_user).write({"organization_id": self.city.id}), self.city)
        self.assertEqual(document.target_ids.mapped("organization_id"), self.cell_a1)
        # within the subtree it works
        Target.create({"document_id": document.id, "organization_id": self.cell_a2.id})
        document.action_publish()
        self.assertEqual(self.receivers(document),
                         self.a1_official | self.a1_other | self.a1_probationary
                         | self.a2_official)

    def test_publishing_checks_the_targets_again(self):
        """Targets written by someone else (here the superuser) are checked
        for the user who publishes: nothing is delivered."""
        document = self.document([(self.cell_a1, True), (self.commune_b, True)])
        self.assert_out_of_scope(
            lambda: document.sudo(self.officer_user).action_publish(), self.commune_b)
        self.assertEqual((document.state, document.number), ("draft", False))
        self.assertFalse(document.sudo().receipt_ids)
        other = self.create_user("officer", [self.commune_b], login="ph_officer_b2")
        own = self.document([(self.commune_b, True)],
                            issuing_organization_id=self.commune_b.id)
        own.sudo(other).action_publish()
        self.assertEqual(self.receivers(own), self.b1_official | self.b1_other)

    def test_city_officer_sends_to_the_whole_tree(self):
        document = self.document([(self.city, True)], user=self.manager_user,
                                 issuing_organization_id=self.city.id)
        document.action_publish()
        self.assertEqual(
            self.receivers(document),
            self.a1_official | self.a1_other | self.a1_probationary
            | self.a2_official | self.b1_official | self.b1_other)
        # even from a commune's document: the city serves it all
        other = self.document([(self.commune_b, True)], user=self.manager_user)
        other.action_publish()
        self.assertEqual(self.receivers(other), self.b1_official | self.b1_other)

    def test_an_officer_serving_nothing_sends_nowhere(self):
        nobody = self.create_user("officer", [], login="ph_officer_nowhere")
        document = self.document([(self.cell_a1, True)])
        self.assert_out_of_scope(
            lambda: self.env["party.document.target"].sudo(nobody).create({
                "document_id": document.id, "organization_id": self.cell_a2.id}),
            self.cell_a2)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            document.sudo(nobody).action_publish()
        self.assertEqual(document.state, "draft")

    def test_targets_of_a_published_document_are_frozen(self):
        document = self.document([(self.cell_a1, True)], user=self.officer_user)
        document.action_publish()
        target = document.target_ids.sudo(self.officer_user)
        for call in (lambda: target.write({"include_subtree": False}),
                     lambda: target.write({"organization_id": self.cell_a2.id}),
                     lambda: target.unlink(),
                     lambda: target.create({"document_id": document.id,
                                            "organization_id": self.cell_a2.id})):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                call()
        self.assertEqual(document.target_ids.mapped("organization_id"), self.cell_a1)
