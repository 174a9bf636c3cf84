# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sign-in: wrong-password locks (OCA auth_brute_force with a window and a
per-login limit), the password policy (OCA password_security plus not the
login, not the name, not a common password), sessions and their cookie."""
import base64
import re
import threading
import time

from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests.common import HttpCase, TransactionCase

from ..models import party_session, party_totp

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
        for password in ("1", "short-Pw1!", "12345678", "Abc-2026!x"):
            self.assertRefused(password)

    def test_a_long_phrase_needs_no_character_classes(self):
        # length and the lists decide, not "a digit and a symbol"
        self.user.write({"password": "song huong chay qua hue"})
        self.user.sudo(self.user).check_credentials("song huong chay qua hue")
        self.assertEqual(self.env.ref("base.main_company").password_upper, 0)

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


class SigninHttpCase(HttpCase):
    """Fixtures in the registry's test cursor, the one the sign-in paths and
    the HTTP requests use (see PortalCase)."""

    at_install = False
    post_install = True

    def setUp(self):
        super().setUp()
        self.addCleanup(setattr, self, "cr", self.cr)
        self.addCleanup(setattr, self, "env", self.env)
        self.cr = self.registry.test_cr
        self.env = self.env(cr=self.cr)


class TestLockedLogin(SigninHttpCase):
    """OCA's hooks as a server runs them: the address comes from the WSGI
    environment."""

    def setUp(self):
        super().setUp()
        self.user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Victim", "login": "ph_victim", "password": STRONG})
        # the sign-in paths open (test) cursors whose close rolls back to
        # the last commit
        self.registry.test_cr.commit()  # pylint: disable=invalid-commit

    def test_a_member_changing_their_own_password(self):
        own = self.user.sudo(self.user)
        with self.assertRaises(UserError):
            own.change_password(STRONG, "1")
        self.registry.test_cr.commit()  # pylint: disable=invalid-commit
        self.assertTrue(own.change_password(STRONG, "Song-Huong-chay-2026!"))
        users = type(self.env["res.users"])
        self.assertEqual(users._login(self.env.cr.dbname, "ph_victim",
                                      "Song-Huong-chay-2026!"), self.user.id)

    def test_a_locked_user_is_refused_with_the_right_password(self):
        user = self.user
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


class TestSessions(SigninHttpCase):

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
        return self.session_id

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


class TestTotp(TransactionCase):

    def setUp(self):
        super().setUp()
        self.user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Officer Totp", "login": "ph_totp", "password": STRONG,
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        self.own = self.user.sudo(self.user)

    def enrol(self):
        action = self.own.action_party_totp_enrol()
        wizard = self.env["party.totp.wizard"].sudo(self.user).browse(action["res_id"])
        secret = re.search("secret=([A-Z2-7]+)", wizard.uri).group(1)
        wizard.code = party_totp.totp_code(secret, int(time.time() // 30))
        wizard.action_confirm()
        return secret

    def test_rfc_6238_vectors(self):
        # RFC 6238 appendix B, SHA-1, key "12345678901234567890"
        secret = base64.b32encode(b"12345678901234567890").decode()
        for at, code in ((59, "94287082"), (1111111109, "07081804"),
                         (2000000000, "69279037")):
            self.assertEqual(party_totp.totp_code(secret, at // 30),
                             code[-6:])

    def test_enrol_confirm_and_codes_are_used_once(self):
        action = self.own.action_party_totp_enrol()
        wizard = self.env["party.totp.wizard"].sudo(self.user).browse(action["res_id"])
        self.assertTrue(wizard.uri.startswith("otpauth://totp/"))
        self.assertIn("/report/barcode?type=QR", wizard.qr_code)
        wizard.code = "000000"
        if party_totp.totp_match(re.search("secret=([A-Z2-7]+)", wizard.uri)
                                 .group(1), "000000") is None:
            with self.assertRaises(UserError):
                wizard.action_confirm()
        secret = self.enrol()
        self.assertTrue(self.user.party_totp_enabled)
        # the secret is never shown again, to anybody
        self.assertFalse(
            self.env["res.users"].sudo(self.user)._party_totp_pending_uri())
        self.assertNotIn("party_totp_secret", self.env)
        self.assertNotIn("secret", self.env["res.users"]._fields)
        counter = int(time.time() // 30) + 1
        code = party_totp.totp_code(secret, counter)
        Users = self.env["res.users"]
        self.assertTrue(Users._party_totp_verify(self.user.id, code))
        self.assertFalse(Users._party_totp_verify(self.user.id, code))  # replay
        self.assertFalse(Users._party_totp_verify(self.user.id, "12345"))

    def test_a_password_alone_is_refused_outside_the_web_login(self):
        self.enrol()
        with self.assertRaises(AccessDenied):
            self.own.check_credentials(STRONG)
        with party_totp.web_password_step():
            self.own.check_credentials(STRONG)

    def test_enrolment_is_for_oneself_and_reset_for_administrators(self):
        other = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Other Officer", "login": "ph_totp_other", "password": STRONG,
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        with self.assertRaises(AccessError):
            other.sudo(self.user).action_party_totp_enrol()
        self.enrol()
        with self.assertRaises(UserError):
            self.own.action_party_totp_enrol()   # already on
        with self.assertRaises(AccessError):
            self.user.sudo(other).action_party_totp_disable()
        self.user.sudo(self.env.ref("base.user_root")).action_party_totp_disable()
        self.user.invalidate_cache()
        self.assertFalse(self.user.party_totp_enabled)
        self.own.check_credentials(STRONG)


class TestTotpRedirect(TransactionCase):
    """After the code step the user goes where the password step sent them,
    on this site only (Odoo 11 follows ``/web/login?redirect=`` anywhere)."""

    def test_only_pages_of_this_site(self):
        from unittest.mock import MagicMock, patch
        from ..controllers import totp
        fake = MagicMock()
        fake.httprequest.host = "hue.example.vn"
        with patch.object(totp, "request", fake):
            local = totp.PartyTotpHome._party_local
            self.assertEqual(local("/web#action=12"), "/web#action=12")
            self.assertEqual(local("https://hue.example.vn/my?x=1"), "/my?x=1")
            for target in ("https://evil.example/x", "//evil.example/x",
                           "javascript:alert(1)", "web"):
                self.assertEqual(local(target), "/web", target)
