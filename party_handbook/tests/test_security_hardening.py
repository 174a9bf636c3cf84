# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessDenied, AccessError
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger


class TestDeactivatedUsers(TransactionCase):
    """CVE-2021-44460: a deactivated user must lose RPC access at once, even
    in a worker that still remembers the user's password."""

    def test_deactivated_user_is_refused_even_when_cached(self):
        Users = self.env["res.users"]
        user = Users.with_context(no_reset_password=True).create({
            "name": "Leaving", "login": "ph_leaving", "password": "Ph-Quiet-2026!x",
            "email": "leaving@example.org"})
        users_class = type(Users)
        users_class._check_active(self.env.cr, user.id)  # active: accepted
        # deactivated behind this process's back (another worker's write)
        self.env.cr.execute("UPDATE res_users SET active = FALSE WHERE id = %s",
                            (user.id,))
        with self.assertRaises(AccessDenied):
            users_class._check_active(self.env.cr, user.id)

    def test_check_asks_the_database_even_on_a_cache_hit(self):
        users_class = type(self.env["res.users"])
        db = self.env.cr.dbname
        for klass in users_class.__mro__:
            cache = klass.__dict__.get("_Users__uid_cache")
            if cache is not None:
                cache[db][self.env.uid] = "cached-pw"
        calls = []

        def refuse(_cr, uid):
            calls.append(uid)
            raise AccessDenied()

        with patch.object(users_class, "_check_active", side_effect=refuse):
            with self.assertRaises(AccessDenied):
                users_class.check(db, self.env.uid, "cached-pw")
        self.assertEqual(calls, [self.env.uid])

    def test_passwords_are_stored_hashed(self):
        user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Hashed", "login": "ph_hashed", "password": "Ph-Stored-2026!x",
            "email": "hashed@example.org"})
        self.env.cr.execute(
            "SELECT password, password_crypt FROM res_users WHERE id = %s", (user.id,))
        plain, crypted = self.env.cr.fetchone()
        self.assertFalse(plain)
        self.assertTrue(crypted.startswith("$pbkdf2-sha512$"))


class TestMailTemplates(TransactionCase):
    """Odoo 11 lets every internal user write mail templates, which render
    with access to the environment: only administrators may."""

    def test_only_administrators_write_templates(self):
        template = self.env.ref("party_handbook.mail_template_document_digest")
        secretary = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Secretary", "login": "ph_tpl_secretary",
            "email": "tpl@example.org",
            "groups_id": [(6, 0, [self.env.ref(
                "party_handbook.group_party_handbook_cell_secretary").id])]})
        self.assertTrue(template.sudo(secretary).read(["subject"]))
        with mute_logger("odoo.addons.base.ir.ir_model"):
            with self.assertRaises(AccessError):
                template.sudo(secretary).write({"body_html": "${user.env}"})
            with self.assertRaises(AccessError):
                self.env["mail.template"].sudo(secretary).create(
                    {"name": "x", "model_id": template.model_id.id})
        admin = self.env.ref("base.user_root")
        template.sudo(admin).write({"subject": "New party documents for you"})


class TestDefaultLanguage(TransactionCase):

    def test_new_users_speak_vietnamese_when_it_is_installed(self):
        Users = self.env["res.users"].with_context(no_reset_password=True)
        Lang = self.env["res.lang"].with_context(active_test=False)
        vietnamese = Lang.search([("code", "=", "vi_VN")])
        vietnamese.active = False
        english = Users.create({"name": "A", "login": "ph_lang_a",
                                "email": "a@example.org"})
        self.assertNotEqual(english.lang, "vi_VN")
        vietnamese.active = True
        user = Users.create({"name": "B", "login": "ph_lang_b",
                             "email": "b@example.org"})
        self.assertEqual(user.lang, "vi_VN")
        chosen = Users.create({"name": "C", "login": "ph_lang_c",
                               "email": "c@example.org", "lang": "en_US"})
        self.assertEqual(chosen.lang, "en_US")

    def test_new_users_live_in_the_city_time_zone(self):
        Users = self.env["res.users"].with_context(no_reset_password=True)
        user = Users.create({"name": "D", "login": "ph_tz_d", "email": "d@example.org"})
        self.assertEqual(user.tz, "Asia/Ho_Chi_Minh")
        chosen = Users.create({"name": "E", "login": "ph_tz_e",
                               "email": "e@example.org",
                               "tz": "Europe/Paris"})
        self.assertEqual(chosen.tz, "Europe/Paris")
