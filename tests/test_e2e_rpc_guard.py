"""Odoo 11's public methods that evaluate or load what the caller sends
(issue #14's review): a portal member read every member's name and mobile
number through ``mail.template.render_template`` and its sandbox's
``object.sudo()``, and loaded translation files named by a language code
through ``ir.translation.load_module_terms``. Over RPC only administrators
call them now, whatever the context; the composer renders Jinja only from
an administrator's template."""
from xmlrpc.client import Fault

import pytest

from test_e2e_access import ADMIN, Rpc

LEAK = '${object.sudo().env["party.member"].search([], limit=3).mapped("name")}'
REFUSED = "reserved to the administrators"


@pytest.fixture(scope="module")
def organization(odoo_server):
    return Rpc(odoo_server, *ADMIN).ref("party_handbook.org_hue_demo")


@pytest.mark.parametrize("login", ["member", "thuanloc1", "secretary", "officer"])
@pytest.mark.parametrize("model,method,args", [
    ("mail.template", "render_template", [LEAK, "party.organization", None]),
    ("mail.compose.message", "render_template",
     [LEAK, "party.organization", None]),
    ("mail.template", "render_post_process", ["<p>x</p>"]),
    ("ir.translation", "load_module_terms", [["web_responsive"], ["../../i18n/vi"]]),
])
def test_only_administrators_call_them(
        odoo_server, organization, login, model, method, args):
    args = [organization if a is None else a for a in args]
    user = Rpc(odoo_server, login, login)
    for context in ({}, {"overwrite": True, "install_mode": True, "su": True}):
        with pytest.raises(Fault) as refused:
            user(model, method, *args, context=context)
        assert REFUSED in refused.value.faultString
        assert "Traceback" not in refused.value.faultString


def test_administrators_still_render(odoo_server, organization):
    admin = Rpc(odoo_server, *ADMIN)
    # one record: a text (a list gives a dict keyed by ids, which XML-RPC
    # cannot carry)
    rendered = admin("mail.template", "render_template",
                     "${object.name}", "party.organization", organization)
    assert "Huế" in rendered


def test_the_composer_renders_no_expression_but_a_template(odoo_server):
    secretary = Rpc(odoo_server, "secretary", "secretary")
    # a member of the secretary's cell, whom the secretary may write to
    member = secretary("party.member", "search", [], limit=1)[0]
    composer = secretary("mail.compose.message", "create", {
        "composition_mode": "mass_mail", "model": "party.member",
        "res_id": member, "subject": "Thông báo",
        "body": "<p>%s</p>" % LEAK})
    with pytest.raises(Fault) as refused:
        secretary("mail.compose.message", "send_mail", [composer])
    assert "only allowed in e-mail templates" in refused.value.faultString \
        or "chỉ được dùng" in refused.value.faultString
