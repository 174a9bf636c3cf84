# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A full connection pool makes the borrower wait for a connection given
back, and fails (PoolError) only after the wait."""
import threading
import time

from odoo import sql_db
from odoo.tests import common

from .. import db_pool


class TestConnectionPoolWaits(common.TransactionCase):

    def setUp(self):
        super().setUp()
        self.pool = sql_db.ConnectionPool(maxconn=1)
        self.addCleanup(self.pool.close_all)
        self.info = sql_db.connection_info_for(self.env.cr.dbname)[1]

    def test_a_borrower_waits_for_a_connection_given_back(self):
        first = self.pool.borrow(self.info)
        releaser = threading.Timer(0.4, self.pool.give_back, (first,))
        started = time.monotonic()
        releaser.start()
        second = self.pool.borrow(self.info)
        waited = time.monotonic() - started
        releaser.join()
        # the same connection, handed over once it came back
        self.assertIs(second, first)
        self.assertGreaterEqual(waited, 0.3)
        self.pool.give_back(second)

    def test_the_error_comes_after_the_wait(self):
        first = self.pool.borrow(self.info)
        self.addCleanup(self.pool.give_back, first)
        self.patch(db_pool, "WAIT_SECONDS", 0.3)
        started = time.monotonic()
        with self.assertRaises(sql_db.PoolError):
            self.pool.borrow(self.info)
        self.assertGreaterEqual(time.monotonic() - started, 0.25)
