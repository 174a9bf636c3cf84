# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Vietnamese working-day calendar's pure-Python part: the lunar
calendar (Tết and the Hùng Kings' day move with it) and the default public
holidays of the Labour Code. The table the administrator keeps
(``party.holiday``) is the authority; this only fills years it lacks."""
