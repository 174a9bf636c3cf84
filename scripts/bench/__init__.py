# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The benchmark suite: ``scripts/bench.py`` runs every operation of every
``ops_*.py`` module here (see core.py for the contract)."""
