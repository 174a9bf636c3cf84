# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The suite module has no code of its own: see __manifest__.py.
