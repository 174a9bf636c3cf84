# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduled jobs that finish their whole backlog in one run.

``run_in_batches`` walks a backlog oldest first in bounded batches (keyset
pagination: each page starts after the key of the previous page's last
item, so a failing item is passed by, never fetched again in the run). Each
batch runs in a savepoint; a failing batch is retried item by item so that
one bad item does not lose the others; the record cache is emptied after
each batch (bounded memory); the work is committed between batches, except
in Odoo tests and when the caller passes ``commit=False`` (benchmarks roll
back). Cron methods are private (underscore): their ``commit`` and
``batch_size`` arguments are not reachable over RPC.

``SharedMail`` renders a mail template once for a group of recipients who
get the same email (same language, same documents or meeting) and queues
one ``mail.mail`` per recipient set-wise (two INSERTs per batch), each with
its own name and address only."""
import logging
import time
import uuid

from markupsafe import escape
from psycopg2.extras import execute_values

from odoo import api, fields, models, sql_db, tools
from odoo.modules import module as odoo_module

from odoo.addons.bus.models.bus import json_dump
from odoo.addons.mail.models.mail_template import (
    format_amount, format_date, format_tz, mako_safe_template_env,
    mako_template_env)

_logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
_COMPILED = {}  # (safe, template text): compiled template (same text, same code)


def in_odoo_tests():
    """Odoo's test runner is running a module's tests (no commit then)."""
    return bool(getattr(odoo_module, "current_test", None))


def run_in_batches(env, name, fetch, process, key=None, batch_size=BATCH_SIZE,
                   commit=True):
    """Do a whole backlog in batches; returns the sum of what ``process``
    returned (the work items done).

    - ``fetch(after, limit)``: at most ``limit`` items after the key
      ``after`` (``None`` for the first page), oldest first;
    - ``key(item)``: the item's key, increasing along the pages (default:
      the item itself, e.g. an id);
    - ``process(items)``: does one batch, returns the number of work items.
    """
    key = key or (lambda item: item)
    commit = commit and not in_odoo_tests()
    started = time.time()
    after, done, seen, batches, failed = None, 0, 0, 0, 0
    while True:
        items = fetch(after, batch_size)
        if not items:
            break
        after = key(items[-1])
        batches += 1
        seen += len(items)
        try:
            with env.cr.savepoint():
                done += process(items) or 0
                _flush(env)
        except Exception:  # pylint: disable=broad-except
            env.clear()
            _logger.exception("%s: batch %s failed, retrying its %s items one "
                              "by one", name, batches, len(items))
            for item in items:
                try:
                    with env.cr.savepoint():
                        done += process([item]) or 0
                        _flush(env)
                except Exception:  # pylint: disable=broad-except
                    env.clear()
                    failed += 1
                    _logger.exception("%s: item %s failed, skipped", name,
                                      key(item))
        env.cache.invalidate()
        if commit:
            env.cr.commit()  # pylint: disable=invalid-commit
        _logger.info("%s: batch %s, %s items seen, %s done, %s failed, %.1f s",
                     name, batches, seen, done, failed, time.time() - started)
    _logger.info("%s: finished, %s batches, %s items seen, %s done, %s failed "
                 "in %.1f s", name, batches, seen, done, failed,
                 time.time() - started)
    return done


def _flush(env):
    """Store the computed fields the batch left to recompute (before the
    cache is emptied)."""
    if env.all.todo:
        env["res.users"].recompute()


def slicer(items):
    """A ``fetch`` for ``run_in_batches`` over a list read once (items
    already in their order): the pages follow one another."""
    position = [0]

    def fetch(_after, limit):
        page = items[position[0]:position[0] + limit]
        position[0] += len(page)
        return page
    return fetch


class NotShared(Exception):
    """The template reads a value that may differ between the recipients
    of a group: it is rendered for each recipient instead."""


class _Placeholders(object):
    """A record as a shared template sees it: the personal values named in
    ``personal`` (dotted paths from the record) are placeholders; the paths
    under a prefix of ``shared`` are the record's real values (the same for
    the whole group); any other value raises ``NotShared`` (``shared=None``:
    every value is the record's own)."""

    def __init__(self, record, personal, shared, path="", preset=None):
        self._record = record
        self._personal = personal
        self._shared = shared
        self._path = path
        self._preset = preset or {}

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        path = "%s.%s" % (self._path, name) if self._path else name
        if path in self._personal:
            return self._personal[path]
        if path in self._preset:
            return self._preset[path]
        if self._shared is None or any(
                path == p or path.startswith(p + ".") for p in self._shared):
            value = getattr(self._record, name)
            if self._shared is None and any(
                    p.startswith(path + ".") for p in self._personal):
                return _Placeholders(value, self._personal, None, path)
            return value
        if any(p.startswith(path + ".") for p in
               list(self._personal) + list(self._shared)):
            return _Placeholders(getattr(self._record, name), self._personal,
                                 self._shared, path)
        raise NotShared(path)


class SharedMail(object):
    """Render a mail template once per group of identical emails and queue
    one mail per recipient, set-wise.

    ``personal`` maps the dotted paths of the personal values the template
    reads from its record (e.g. ``{"name": "name", "email": "email"}`` or
    ``{"member_id.name": "name", "member_id.email": "email"}``) to the keys
    of the recipients' dicts; ``shared`` lists the paths that are the same
    for every recipient of a group (e.g. ``("meeting_id", "member_id.lang")``).
    A template that reads anything else of its record is rendered for each
    recipient."""

    def __init__(self, template, personal, shared=()):
        self.template = template
        self.env = template.env
        self.personal = personal
        self.shared = tuple(shared)
        self.token = "phshared%s" % uuid.uuid4().hex
        self.placeholders = {path: "%s%sx" % (self.token, index)
                             for index, path in enumerate(sorted(personal))}
        self.renders = 0
        self._default_from = None

    def render_group(self, members, lang, ctx=None, preset=None):
        """``members``: [(record, recipient dict)] who get the same email;
        ``preset``: the shared values the caller has already (e.g.
        ``{"meeting_id": meeting}``); returns the rows for ``queue``:
        (model, res_id, values)."""
        try:
            shared = self.render(members[0][0], lang, ctx, self.shared, preset)
            return [(record._name, record.id, self.personalise(shared, recipient))
                    for record, recipient in members]
        except NotShared as exc:
            _logger.info("template %s reads %s: rendered for each recipient",
                         self.template.name, exc)
        return [(record._name, record.id, self.personalise(
            self.render(record, lang, ctx, None), recipient))
            for record, recipient in members]

    def render(self, record, lang, ctx=None, shared=None, preset=None):
        """The email's values for ``record`` (or for its group), with
        placeholders for the personal values: one render of each field of
        the template. ``ctx`` is what the template reads in ``ctx``."""
        self.renders += 1
        template = self.template.with_context(lang=lang) if lang \
            else self.template
        Template = self.env["mail.template"].with_context(
            lang=template._context.get("lang"), **(ctx or {}))
        obj = _Placeholders(record, self.placeholders, shared,
                            preset=preset if shared is not None else None)
        values = {}
        for field in ("subject", "body_html", "email_from", "email_to",
                      "reply_to"):
            text = getattr(template, field)
            values[field] = Template._party_render_shared(
                text, obj, safe=(field == "subject"),
                post_process=(field == "body_html")) if text else ""
        if values["body_html"]:
            # as generate_email, then the message's Html field, do
            Message = self.env["mail.message"]
            values["body"] = Message._fields["body"].convert_to_column(
                tools.html_sanitize(values["body_html"]), Message)
        if not values["email_from"]:
            values["email_from"] = self.default_from()
        return values

    def default_from(self):
        if self._default_from is None:
            self._default_from = self.env["mail.message"]._get_default_from()
        return self._default_from

    def personalise(self, shared, recipient):
        """One recipient's values: the placeholders replaced by their own
        (and the record's name, when the caller knows it)."""
        result = {"record_name": recipient["record_name"]} \
            if "record_name" in recipient else {}
        for field, text in shared.items():
            if text and self.token in text:
                for path, placeholder in self.placeholders.items():
                    value = recipient.get(self.personal[path]) or ""
                    if field in ("body_html", "body"):
                        # the template's autoescape; quotes too, since an
                        # edited template may put the value in an attribute
                        value = str(escape(value))
                    text = text.replace(placeholder, value)
            result[field] = text
        return result

    def queue(self, rows):
        """Queue mails: ``rows`` are (model, res_id, values) with the
        personalised values. Two INSERTs; returns the number queued."""
        if not rows:
            return 0
        env = self.env
        template = self.template
        now = fields.Datetime.now()
        uid = env.uid
        author = env.user.partner_id.id
        names = {}  # read only when the caller did not give them
        for model in {row[0] for row in rows}:
            missing = sorted(res_id for row_model, res_id, values in rows
                             if row_model == model and "record_name" not in values)
            names[model] = dict(env[model].sudo().browse(missing).name_get())
        messages = []
        for model, res_id, values in rows:
            messages.append((
                values.get("subject") or None, values.get("body") or "",
                model, res_id, values.get("record_name", names[model].get(res_id)),
                "email", values.get("email_from") or self.default_from(),
                values.get("reply_to") or "",
                tools.generate_tracking_message_id("%s-%s" % (res_id, model)),
                author, template.mail_server_id.id or None, now, uid, now, uid,
                now))
        message_ids = execute_values(env.cr, """
            INSERT INTO mail_message (subject, body, model, res_id,
                   record_name, message_type, email_from, reply_to, message_id,
                   author_id, mail_server_id, date, create_uid, create_date,
                   write_uid, write_date)
            VALUES %s RETURNING id""", messages, page_size=len(messages),
                                     fetch=True)
        mails = [(message_id[0], values.get("body_html") or "",
                  values.get("email_to") or None, "outgoing",
                  bool(template.auto_delete), False, now, uid, now, uid)
                 for message_id, (_model, _res_id, values) in zip(
                     message_ids, rows)]
        execute_values(env.cr, """
            INSERT INTO mail_mail (mail_message_id, body_html, email_to,
                   state, auto_delete, notification, create_date, create_uid,
                   write_date, write_uid)
            VALUES %s""", mails, page_size=len(mails))
        return len(mails)


def render_shared(template_model, text, obj, safe=False, post_process=False):
    """``mail.template.render_template`` for one given ``object`` (see
    ``SharedMail``): same environment and variables."""
    env = template_model.env
    key = (safe, tools.ustr(text))
    compiled = _COMPILED.get(key)
    if compiled is None:
        mako_env = mako_safe_template_env if safe else mako_template_env
        if len(_COMPILED) > 200:
            _COMPILED.clear()
        compiled = _COMPILED[key] = mako_env.from_string(key[1])
    context = template_model._context
    variables = {
        "format_date": lambda date, format=False, context=context: format_date(
            env, date, format),
        "format_tz": lambda dt, tz=False, format=False, context=context: format_tz(
            env, dt, tz, format),
        "format_amount": lambda amount, currency, context=context: format_amount(
            env, amount, currency),
        "user": env.user,
        "ctx": context,
        "object": obj,
    }
    result = compiled.render(variables)
    if result == "False":
        result = ""
    if post_process:
        result = template_model.render_post_process(result)
    return result


def send_bus(env, notifications):
    """``bus.bus.sendmany`` set-wise: one INSERT for all the notifications
    (``sendmany`` creates them one by one through the ORM: 60% of the
    arrears run of a city), then the same ``NOTIFY imbus`` after commit."""
    if not notifications:
        return
    now = fields.Datetime.now()
    execute_values(env.cr, """
        INSERT INTO bus_bus (channel, message, create_uid, create_date,
               write_uid, write_date) VALUES %s""", [(
                   json_dump(channel), json_dump(message), env.uid, now,
                   env.uid, now) for channel, message in notifications],
                   page_size=len(notifications))
    channels = sorted({channel for channel, _message in notifications})

    def notify():
        with sql_db.db_connect("postgres").cursor() as cr:
            cr.execute("notify imbus, %s", (json_dump(channels),))
    env.cr.after("commit", notify)


def create_activities(env, model, vals_list):
    """Create ``mail.activity`` rows set-wise (one INSERT), as
    ``mail.activity.create`` would one by one: the document's name, the
    responsible user subscribed to the document (one ``message_subscribe``
    per user), a bus notice to each user with an activity due. ``vals_list``:
    dicts with ``res_id``, ``activity_type_id``, ``user_id``,
    ``date_deadline``, ``summary`` and, when the caller knows it,
    ``res_name`` (the document's ``name_get``). Returns the number created."""
    if not vals_list:
        return 0
    Model = env[model]
    model_id = env["ir.model"]._get(model).id
    names = {v["res_id"]: v["res_name"] for v in vals_list if "res_name" in v}
    names.update(Model.sudo().browse(sorted(
        {v["res_id"] for v in vals_list} - set(names))).name_get())
    now = fields.Datetime.now()
    today = fields.Date.today()
    env.cr.execute("SELECT id, partner_id FROM res_users WHERE id IN %s",
                   (tuple({v["user_id"] for v in vals_list}),))
    partner_of = dict(env.cr.fetchall())
    execute_values(env.cr, """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
               activity_type_id, user_id, date_deadline, summary,
               create_uid, create_date, write_uid, write_date)
        VALUES %s""", [(
            model_id, model, v["res_id"], names.get(v["res_id"]),
            v["activity_type_id"], v["user_id"], v["date_deadline"],
            v.get("summary"), env.uid, now, env.uid, now) for v in vals_list],
        page_size=len(vals_list))
    by_partner, due = {}, set()
    for vals in vals_list:
        partner = partner_of[vals["user_id"]]
        by_partner.setdefault(partner, set()).add(vals["res_id"])
        if vals["date_deadline"] <= today:
            due.add(partner)
    subscribe(env, model, by_partner)
    if due:
        send_bus(env, [
            ((env.cr.dbname, "res.partner", partner),
             {"type": "activity_updated", "activity_created": True})
            for partner in sorted(due)])
    Model.invalidate_cache(ids=sorted({v["res_id"] for v in vals_list}))
    env["mail.activity"].invalidate_cache()
    return len(vals_list)


def subscribe(env, model, by_partner):
    """``message_subscribe(partner_ids=[partner])`` on ``model``'s records
    ``by_partner[partner]``, set-wise: as Odoo's forced subscription, each
    pair's follower row is (re)created with the default subtypes (the
    external ones for partners without an internal user)."""
    pairs = [(res_id, partner) for partner, res_ids in sorted(by_partner.items())
             for res_id in sorted(res_ids)]
    if not pairs:
        return
    cr = env.cr
    default, _internal, external = env["mail.message.subtype"].default_subtypes(
        model)
    cr.execute("""SELECT partner_id FROM res_users
                   WHERE partner_id IN %s AND active AND NOT share""",
               (tuple(by_partner),))
    employees = {row[0] for row in cr.fetchall()}
    execute_values(cr, """
        DELETE FROM mail_followers f USING (VALUES %s) AS v (res_id, partner_id)
         WHERE f.res_model = {model} AND f.res_id = v.res_id
           AND f.partner_id = v.partner_id""".format(
               model=cr.mogrify("%s", (model,)).decode()), pairs,
                   page_size=len(pairs))
    followers = execute_values(cr, """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        VALUES %s RETURNING id, partner_id""", [
            (model, res_id, partner) for res_id, partner in pairs],
        page_size=len(pairs), fetch=True)
    subtypes = [(follower_id, subtype)
                for follower_id, partner in followers
                for subtype in (default if partner in employees else external).ids]
    if subtypes:
        execute_values(cr, """
            INSERT INTO mail_followers_mail_message_subtype_rel
                   (mail_followers_id, mail_message_subtype_id)
            VALUES %s""", subtypes, page_size=len(subtypes))
    env["mail.followers"].invalidate_cache()


class MailTemplate(models.Model):
    _inherit = "mail.template"

    @api.model
    def _party_render_shared(self, text, obj, safe=False, post_process=False):
        """Render ``text`` once for a group of recipients (``obj``: the
        record with placeholders for the personal values)."""
        return render_shared(self, text, obj, safe=safe,
                             post_process=post_process)
