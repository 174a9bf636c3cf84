# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The language the handbook writes in when one text is read by many people.

A message posted in a record's chatter, an activity left by a scheduled
action or a reminder is read by members and officers, not only by whoever
(or whatever job) happened to write it: Odoo's ``_()`` would translate it
into the writer's language (English for the superuser running the
scheduled actions). These texts are written in the handbook's language: the
``party_handbook.lang`` system parameter (``vi_VN`` by default) when that
language is installed, else the writer's.
"""
from odoo import api, models
from odoo.modules.module import get_module_resource
from odoo.tools.translate import trans_load

DEFAULT_LANG = "vi_VN"


def handbook_lang(env):
    """The code of the handbook's language in ``env``'s database."""
    wanted = env["ir.config_parameter"].sudo().get_param(
        "party_handbook.lang", DEFAULT_LANG)
    installed = {code for code, _name in env["res.lang"].get_installed()}
    return wanted if wanted in installed else (env.lang or "en_US")


def in_handbook_lang(records):
    """``records`` whose ``_()`` (and names) speak the handbook's language."""
    return records.with_context(lang=handbook_lang(records.env))


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _party_speak_handbook_lang(self):
        """At installation: Odoo's first user (who installs the modules and
        loads their data) and the company speak the handbook's language, as
        every user created once it is installed does (res_users.py). They
        were created before it was loaded: the records of the installation
        would otherwise be logged in English in their chatter."""
        lang = handbook_lang(self.env)
        if lang == "en_US":
            return False
        self.env.ref("base.user_root").write({"lang": lang})
        self.env.ref("base.main_company").partner_id.write({"lang": lang})
        return self._party_translations_first("party_handbook")

    @api.model
    def _party_translations_first(self, module):
        """Load ``module``'s translations into the handbook's language before
        its data: Odoo loads them after the data, so the records the data
        creates would be logged with English field labels and values
        ("Name: ... Status: Draft → Published") in their chatter. Odoo loads
        them again, completely, once the data is in."""
        lang = handbook_lang(self.env)
        if lang == "en_US":
            return False
        for name in (lang.split("_")[0], lang):
            path = get_module_resource(module, "i18n", "%s.po" % name)
            if path:
                trans_load(self.env.cr, path, lang, verbose=False,
                           module_name=module)
        return True
