"""Loaded by the Odoo processes of a PH_FAKE_DATE test run only
(tests/harness.py puts this folder on their PYTHONPATH).

libfaketime moves the processes' clock, not the times of the files they
write (it does not catch Debian 12's glibc stat calls): a session file
written now looks months old to them. Odoo's session garbage collector
(odoo.http.session_gc, run on one request in a thousand) would then delete
every session, logging the tests' users out at random. It is turned off for
these runs; nothing else changes.
"""
import importlib.abc
import importlib.util
import sys


def _no_session_gc(session_store):  # pylint: disable=unused-argument
    """Sessions are kept (a fake clock makes every session file look old)."""


class _PatchOdooHttp(importlib.abc.MetaPathFinder):
    """Replaces odoo.http.session_gc as soon as odoo.http is imported."""

    def find_spec(self, fullname, path, target=None):  # noqa: D401
        if fullname != "odoo.http":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            module.session_gc = _no_session_gc
        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _PatchOdooHttp())
