# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sign-in: wrong-password locks (OCA auth_brute_force with a window and a
per-login limit), the password policy (OCA password_security plus not the
login, not the name, not a common password), sessions and their cookie."""
import threading
import time

from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests.common import HttpCase, TransactionCase

from ..models import party_session

STRONG = "Ph-Signin-2026!x"


class TestPasswordPolicy(TransactionCase):

    def setUp(self):
        super().setUp()
        self.Users = self.env["res.users"].with_context(no_reset_password=True)
        self.user = self.Users.create({
            "name": "Nguyễn Văn Bình", "login": "ph_binh", "password": STRONG,
            "email": "binh.nguyen@example.org"})

    def assertRefused(self, password):
        with self.assertRaises(UserError, msg=password):
            self.user.write({"password": password})

    def test_weak_passwords_are_refused_on_write(self):
        for password in ("1", "short-Pw1!", "alllowercase-long-1!",
                         "NoDigitsHere-Long!", "NoSymbols2026Long"):
            self.assertRefused(password)

    def test_the_login_the_name_and_common_passwords_are_refused(self):
        self.assertRefused("Ph_Binh-2026!xyz")        # the login inside
        self.assertRefused("NguyễnVănBình-2026!")     # the name
        self.assertRefused("Binh.Nguyen-2026!")       # the email's name
        self.assertRefused("Password@123")            # common, all classes
        self.assertRefused("Matkhau@123")             # common in Vietnam
        self.assertRefused("!!Iloveyou2026")          # a common word inside

    def test_a_strong_password_is_accepted_and_works(self):
        self.user.write({"password": "Song-Huong-chay-2026!"})
        self.user.sudo(self.user).check_credentials("Song-Huong-chay-2026!")

    def test_creating_a_user_checks_the_password_too(self):
        with self.assertRaises(UserError):
            self.Users.create({"name": "Weak", "login": "ph_weak",
                               "password": "1"})
        with self.assertRaises(UserError):
            self.Users.create({"name": "Same", "login": "ph_samepass2026",
                               "password": "Ph_SamePass2026!"})

    def test_a_member_changing_their_own_password(self):
        own = self.user.sudo(self.user)
        with self.assertRaises(UserError):
            own.change_password(STRONG, "1")
        self.assertTrue(own.change_password(STRONG, "Song-Huong-chay-2026!"))

    def test_no_forced_expiry(self):
        self.assertEqual(self.env.ref("base.main_company").password_expiration, 0)
        self.assertFalse(self.user._password_has_expired())


class TestBruteForce(TransactionCase):

    def setUp(self):
        super().setUp()
        self.Attempt = self.env["res.authentication.attempt"]
        self.set_param = self.env["ir.config_parameter"].set_param

    def fail(self, count, login, remote):
        for _i in range(count):
            self.Attempt.create({"login": login, "remote": remote,
                                 "result": "failed"})

    def test_a_login_and_address_is_locked_after_ten_failures(self):
        self.fail(9, "ph_victim", "192.0.2.1")
        self.assertTrue(self.Attempt._trusted("192.0.2.1", "ph_victim"))
        self.fail(1, "ph_victim", "192.0.2.1")
        self.assertFalse(self.Attempt._trusted("192.0.2.1", "ph_victim"))

    def test_a_login_is_locked_whatever_the_addresses(self):
        for index in range(10):
            self.fail(1, "ph_victim", "192.0.2.%d" % (index + 10))
        self.assertFalse(self.Attempt._trusted("198.51.100.7", "ph_victim"))
        self.assertTrue(self.Attempt._trusted("198.51.100.7", "ph_other"))

    def test_an_address_is_locked_after_fifty_failures(self):
        for index in range(50):
            self.fail(1, "ph_guess_%d" % index, "192.0.2.99")
        self.assertFalse(self.Attempt._trusted("192.0.2.99", "ph_anyone"))
        self.assertTrue(self.Attempt._trusted("192.0.2.98", "ph_anyone"))

    def test_the_lock_ends_after_the_window_and_successes_do_not_reset_it(self):
        self.fail(10, "ph_victim", "192.0.2.1")
        self.Attempt.create({"login": "ph_victim", "remote": "192.0.2.1",
                             "result": "successful"})
        self.assertFalse(self.Attempt._trusted("192.0.2.1", "ph_victim"))
        self.env.cr.execute(
            "UPDATE res_authentication_attempt SET create_date = "
            "create_date - interval '16 minutes' WHERE login = 'ph_victim'")
        self.Attempt.invalidate_cache()
        self.assertTrue(self.Attempt._trusted("192.0.2.1", "ph_victim"))

    def test_thresholds_are_data(self):
        self.set_param("party_handbook.auth_max_failures_login", "3")
        self.fail(3, "ph_victim", "192.0.2.1")
        self.assertFalse(self.Attempt._trusted("192.0.2.2", "ph_victim"))
        self.set_param("party_handbook.auth_lock_minutes", "0")
        self.assertTrue(self.Attempt._trusted("192.0.2.2", "ph_victim"))

    def test_attempts_are_for_administrators_only(self):
        self.fail(1, "ph_victim", "192.0.2.1")
        portal = self.env.ref("base.demo_user0", raise_if_not_found=False) \
            or self.env.ref("base.user_demo")
        for user in (portal, self.env.ref("base.user_demo")):
            with self.assertRaises(AccessError):
                self.Attempt.sudo(user).search([])
        self.assertTrue(self.Attempt.search([]))

    def test_no_address_is_looked_up_on_the_internet(self):
        self.fail(1, "ph_victim", "192.0.2.1")
        attempt = self.Attempt.search([("login", "=", "ph_victim")], limit=1)
        self.assertFalse(attempt.remote_metadata)

    def test_old_attempts_are_forgotten(self):
        self.fail(2, "ph_old", "192.0.2.1")
        self.env.cr.execute(
            "UPDATE res_authentication_attempt SET create_date = "
            "create_date - interval '91 days' WHERE login = 'ph_old'")
        self.fail(1, "ph_new", "192.0.2.1")
        self.Attempt._gc_attempts()
        logins = self.Attempt.search([]).mapped("login")
        self.assertNotIn("ph_old", logins)
        self.assertIn("ph_new", logins)


class TestLockedLogin(HttpCase):
    """OCA's hooks with the registry in test mode (one cursor), as a server
    runs them: the address comes from the WSGI environment."""

    at_install = False
    post_install = True

    def test_a_locked_user_is_refused_with_the_right_password(self):
        user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Victim", "login": "ph_victim", "password": STRONG})
        users = type(self.env["res.users"])
        db = self.env.cr.dbname
        thread = threading.current_thread()
        thread.environ = {"REMOTE_ADDR": "192.0.2.1"}
        try:
            self.assertEqual(users._login(db, "ph_victim", STRONG), user.id)
            for _i in range(10):
                self.assertFalse(users._login(db, "ph_victim", "Wrong-2026!pw"))
            self.assertFalse(users._login(db, "ph_victim", STRONG))
            with self.assertRaises(AccessDenied):
                users.check(db, user.id, STRONG)
            # from another address: the login itself is locked
            thread.environ = {"REMOTE_ADDR": "192.0.2.200"}
            self.assertFalse(users._login(db, "ph_victim", STRONG))
            results = self.env["res.authentication.attempt"].search(
                [("login", "=", "ph_victim")]).mapped("result")
            self.assertEqual(results.count("failed"), 10)
            self.assertIn("banned", results)
            # the window ends
            self.env["ir.config_parameter"].set_param(
                "party_handbook.auth_lock_minutes", "0")
            self.assertEqual(users._login(db, "ph_victim", STRONG), user.id)
        finally:
            del thread.environ


class TestSessions(HttpCase):

    at_install = False
    post_install = True

    def session_cookie(self, response):
        cookies = [c for c in response.raw.headers.getlist("Set-Cookie")
                   if c.startswith("session_id=")]
        self.assertEqual(len(cookies), 1, cookies)
        return cookies[0].lower()

    def test_the_cookie_is_a_browser_session_cookie_with_flags(self):
        cookie = self.session_cookie(self.url_open("/web/login", timeout=30))
        self.assertIn("httponly", cookie)
        self.assertIn("samesite=lax", cookie)
        self.assertNotIn("max-age", cookie)
        self.assertNotIn("expires", cookie)
        self.assertNotIn("secure", cookie)   # plain http on 127.0.0.1

    def _session(self):
        return self.opener.cookies["session_id"]

    def test_an_idle_session_ends(self):
        self.authenticate("admin", "admin")
        response = self.url_open("/web", timeout=30)
        self.assertNotIn("/web/login", response.url)
        from odoo.http import root
        session = root.session_store.get(self._session())
        self.assertTrue(session.get(party_session.SEEN_AT))
        session[party_session.SEEN_AT] -= 31 * 60
        root.session_store.save(session)
        response = self.url_open("/web", timeout=30)
        self.assertIn("/web/login", response.url)

    def test_a_session_ends_after_the_absolute_limit(self):
        self.env["ir.config_parameter"].set_param(
            "party_handbook.session_max_hours", "1")
        self.authenticate("admin", "admin")
        self.url_open("/web", timeout=30)
        from odoo.http import root
        session = root.session_store.get(self._session())
        session[party_session.LOGIN_AT] = time.time() - 3601
        root.session_store.save(session)
        response = self.url_open("/web", timeout=30)
        self.assertIn("/web/login", response.url)
