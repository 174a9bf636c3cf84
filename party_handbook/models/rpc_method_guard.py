# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Methods no RPC caller but an administrator may call (issue #14's review).

Odoo 11 keeps a few public methods that evaluate or load what the caller
sends:

* ``render_template``, ``render_message``, ``generate_email``,
  ``render_post_process``, ``get_mail_values`` of ``mail.template`` and
  ``mail.compose.message`` render caller-written Jinja in a sandbox that
  lets ``object.sudo()`` through: any signed-in user, a portal member
  included, read every member's name and mobile number with
  ``render_template('${object.sudo().env["party.member"].search([])...}')``;
* ``ir.translation.load_module_terms`` loads .po files named by the caller
  (a language code such as ``../../i18n/vi``), creates and activates any
  language, and re-parses translation files on demand.

They stay available to the server's own code (a mail sent by an action,
the composer's onchange) and to administrators (*Settings*); an RPC call
(XML-RPC ``execute_kw``, JSON-RPC ``call_kw``) by anyone else is refused,
whatever its context. A composer's own text is rendered as Jinja only when
it is the chosen template's (written by administrators), see
``MailComposeMessage``.
"""
import re

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

SYSTEM_ONLY_METHODS = frozenset((
    "render_template", "render_message", "render_post_process",
    "generate_email", "get_mail_values", "render_template_batch",
    "load_module_terms",
))
# Jinja in the mail templates' syntax: ${expression}, % statement lines
JINJA = re.compile(r"\$\{|(^|\n)\s*%")


def may_call(env, method):
    """Whether the RPC caller of ``env`` may call ``method``."""
    if method not in SYSTEM_ONLY_METHODS or env.uid == SUPERUSER_ID:
        return True
    return env.user._is_system()


def refusal(env):
    # the caller's language, found by ``_`` in these locals
    # pylint: disable=unused-variable
    cr, uid, context = env.cr, env.uid, env.context  # noqa: F841
    return AccessError(_(
        "This operation is reserved to the administrators of the handbook."))


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    @api.multi
    def render_message(self, res_ids):
        """Mass mailing renders the composer's subject and body as Jinja:
        only the chosen template's own text may carry expressions, unless
        an administrator wrote it."""
        if self.env.uid != SUPERUSER_ID and not self.env.user._is_system():
            for composer in self:
                template = composer.template_id.sudo()
                for field, source in (("subject", "subject"),
                                      ("body", "body_html")):
                    text = composer[field] or ""
                    if JINJA.search(text) and text != (template[source] or ""):
                        raise AccessError(_(
                            "Expressions such as ${...} are only allowed in "
                            "e-mail templates, which administrators write. "
                            "Remove them from the subject and the text, or "
                            "choose a template."))
        return super(MailComposeMessage, self).render_message(res_ids)
