# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vietnamese for the addons we depend on that ship none (issue #14).

OCA ``web_responsive`` 11.0 has no ``vi.po``: its app drawer read "Apps",
"Searching:", "No Search Supplied." in English. The terms are kept in
``party_handbook/i18n_extra/<addon>/<lang>.po`` and loaded, under the
addon's name, whenever Odoo loads the terms of that addon or of this
module (installing, updating, loading a language).
"""
from odoo import api, models, tools
from odoo.modules.module import get_module_resource

BORROWED = ("web_responsive",)
OWNER = "party_handbook"


class IrTranslation(models.Model):
    _inherit = "ir.translation"

    @api.model
    def load_module_terms(self, modules, langs):
        result = super(IrTranslation, self).load_module_terms(modules, langs)
        Module = self.env["ir.module.module"].sudo()
        for addon in BORROWED:
            if not (addon in modules or OWNER in modules) or \
                    not Module.search_count([("name", "=", addon), ("state", "in", (
                        "installed", "to install", "to upgrade"))]):
                continue
            for lang in langs:
                code = tools.get_iso_codes(lang)
                path = get_module_resource(
                    OWNER, "i18n_extra", addon, code + ".po") or \
                    get_module_resource(OWNER, "i18n_extra", addon,
                                        code.split("_")[0] + ".po")
                if path:
                    # the module's own file, never overwriting what an
                    # administrator changed (no caller's context here)
                    tools.trans_load(self._cr, path, lang, verbose=False,
                                     module_name=addon, context={})
        return result
