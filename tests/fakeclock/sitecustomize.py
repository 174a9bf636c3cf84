"""Loaded by the Odoo processes of a PH_FAKE_DATE test run only
(tests/harness.py puts this folder on their PYTHONPATH and sets
PH_CLOCK_OFFSET, the seconds libfaketime adds to their clock).

Two pieces of Odoo compare the processes' clock with times that stay real:

* odoo.http.session_gc (one request in a thousand) deletes the session files
  older than a week by their modification time, which libfaketime does not
  move (it misses Debian 12's glibc stat calls): every session looked months
  old and was deleted, logging the tests' users out at random. It is turned
  off.
* the bus (odoo.addons.bus.models.bus) compares datetime.utcnow() with the
  rows' create_date, written by PostgreSQL's real clock: a first long poll
  found no message, and its garbage collection (one message in a hundred)
  deleted them all. The bus reads the real clock, the database's.

Nothing else changes: everything else in Odoo and in our modules runs on the
fake clock.
"""
import datetime as _datetime
import importlib.abc
import importlib.util
import os
import sys
import types

OFFSET = _datetime.timedelta(seconds=float(os.environ.get("PH_CLOCK_OFFSET") or 0))


def _no_session_gc(session_store):  # pylint: disable=unused-argument
    """Sessions are kept (a fake clock makes every session file look old)."""


class _DatabaseClock(_datetime.datetime):
    """datetime whose utcnow() is the real clock, PostgreSQL's."""

    @classmethod
    def utcnow(cls):
        return _datetime.datetime.utcnow() - OFFSET


def _datetime_module_on_the_database_clock():
    module = types.ModuleType("datetime")
    module.__dict__.update(_datetime.__dict__)
    module.datetime = _DatabaseClock
    return module


def _patch_http(module):
    module.session_gc = _no_session_gc


def _patch_bus(module):
    module.datetime = _datetime_module_on_the_database_clock()


PATCHES = {"odoo.http": _patch_http, "odoo.addons.bus.models.bus": _patch_bus}


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Applies PATCHES to each module right after it is first imported."""

    def find_spec(self, fullname, path, target=None):
        if fullname not in PATCHES:
            return None
        # the spec the other finders give, with its loader's exec wrapped
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            sys.meta_path.insert(0, self)
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            PATCHES[fullname](module)
        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _PatchOnImport())
