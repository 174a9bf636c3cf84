# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Party fees' pure-Python part (issue #16): the statutory retirement age
that tells an "other member" below retirement age from one at or above it."""
