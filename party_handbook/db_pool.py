# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bursts of requests queue instead of failing on a full connection pool.

Odoo 11's ``ConnectionPool.borrow`` raises ``PoolError`` at once when all
``db_maxconn`` (64) connections of the process are in use, and its threaded
server (``workers = 0``: ``make run``, small installations, the tests)
starts a thread for every request, with no limit. A request may hold
several connections at once: a login holds the request's cursor, the
login's and the sign-in attempt's record (``auth_brute_force``), so 24
members signing in at the same second got "The Connection Pool Is Full"
as an error page and were not signed in; with 60 at once, every thread
held one connection and waited for another, for ever.

Two measures, process-wide:

- at most ``max(2, db_maxconn // 4)`` requests run at the same time in a
  process; the others wait their turn in the queue before they touch the
  database (long polling, static files, attachments and images are not
  counted: see ``UNCOUNTED_PREFIXES``). Prefork workers (production)
  serve one request at a time and never wait here;
- a borrower that still finds the pool full (scheduled jobs, a spike)
  waits, up to ``WAIT_SECONDS``, for a connection given back, and only
  then gets the ``PoolError``.
"""
import logging
import threading
import time

from odoo import sql_db
from odoo.service import wsgi_server
from odoo.tools import config

_logger = logging.getLogger(__name__)

WAIT_SECONDS = 10.0
_released = threading.Condition()
# Not counted: long polling waits for messages without a cursor; assets
# and files use one connection at a time, and wkhtmltopdf fetches them from
# this server while the report request that started it holds its turn.
UNCOUNTED_PREFIXES = ("/longpolling/", "/web/content", "/web/static/",
                      "/web/image")


def _counted(path):
    return not (path.startswith(UNCOUNTED_PREFIXES) or "/static/" in path)


def concurrent_requests():
    return max(2, int(config.get("db_maxconn") or 64) // 4)


_turns = threading.BoundedSemaphore(concurrent_requests())


def _patch_application():
    original = wsgi_server.application_unproxied
    if getattr(original, "party_handbook_gated", False):
        return

    def application_unproxied(environ, start_response):
        if not _counted(environ.get("PATH_INFO", "")):
            return original(environ, start_response)
        with _turns:
            # Odoo builds the whole response in this call (the cursor is
            # closed when it returns); only the body's bytes are sent later
            return original(environ, start_response)

    application_unproxied.party_handbook_gated = True
    wsgi_server.application_unproxied = application_unproxied


def _patch_pool():
    pool_class = sql_db.ConnectionPool
    if getattr(pool_class.borrow, "party_handbook_wrapped", False):
        return
    borrow, give_back = pool_class.borrow, pool_class.give_back

    def waiting_borrow(self, connection_info):
        deadline = time.monotonic() + WAIT_SECONDS
        waited = False
        while True:
            try:
                connection = borrow(self, connection_info)
            except sql_db.PoolError:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    _logger.warning("%r: no connection came free in %.1f s",
                                    self, WAIT_SECONDS)
                    raise
                if not waited:
                    _logger.info("%r: all connections in use, waiting", self)
                    waited = True
                with _released:
                    # a short timeout too: a connection may be freed by
                    # close_all or found leaked without a give_back
                    _released.wait(min(remaining, 0.5))
                continue
            return connection

    def notifying_give_back(self, connection, keep_in_pool=True):
        try:
            return give_back(self, connection, keep_in_pool=keep_in_pool)
        finally:
            with _released:
                _released.notify_all()

    waiting_borrow.party_handbook_wrapped = True
    pool_class.borrow = waiting_borrow
    pool_class.give_back = notifying_give_back


_patch_pool()
_patch_application()
