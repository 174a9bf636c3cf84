# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Security headers, error answers without tracebacks, refusal of
undecodable input, and a server log without rejected values.

Odoo 11 has no hook that sees every response (the XML-RPC endpoint does not
go through ``ir.http``), so this module patches the process at import, once:

- ``odoo.service.wsgi_server.application_unproxied`` (every request, the
  web client, portal, ``/web/static``, reports, XML-RPC and JSON-RPC) adds
  the security headers (Content-Security-Policy with ``frame-ancestors``,
  X-Frame-Options, Referrer-Policy, X-Content-Type-Options) to every
  response, refuses with 400 requests that carry NUL characters, invalid
  UTF-8 or lone surrogates (path, query string, form posts, JSON bodies)
  before any controller runs, and answers an error page with an incident id
  where an exception would have reached the HTTP server;
- ``wsgi_xmlrpc`` and ``odoo.http.dispatch_rpc``: a malformed XML-RPC body
  gets 400; a Fault carries the (translated) message and an incident id,
  never a traceback;
- ``JsonRequest._handle_exception`` and the web client's
  ``_serialize_exception``: JSON-RPC errors keep their message and type, and
  ``data.debug`` carries the incident id instead of the traceback;
- ``odoo.sql_db.Cursor.execute`` logs a failed query as its template, with
  string and number literals masked, and the error's type and PostgreSQL
  code, never the values the query carried.

The traceback of an unexpected error goes to the server log with its
incident id (the exception's message with quoted values masked). The
patches are process-wide: they also apply to databases without the module,
where they are harmless (they change no behaviour but headers and error
texts). They apply from the moment Odoo imports the module (the first load
of a registry that has it installed, at start for ``db_name``/``-d``).
Error pages for HTTP routes are ``ir.http`` (``models/ir_http_errors.py``).
"""
import io
import json
import logging
import re
import secrets
import sys
import threading
import traceback
from urllib.parse import unquote_to_bytes
from xmlrpc import client as xmlrpclib

import psycopg2
import werkzeug.exceptions
import werkzeug.formparser
import werkzeug.wrappers
from werkzeug.utils import escape

import odoo
from odoo import _, http, sql_db
from odoo.service import wsgi_server

_logger = logging.getLogger(__name__)
_sql_logger = logging.getLogger("odoo.sql_db")

# --- headers -----------------------------------------------------------------

# Odoo 11's web client compiles its QWeb templates with ``new Function`` and
# its pages carry inline scripts (``odoo.define``, session info): scripts
# need 'unsafe-inline' and 'unsafe-eval'. Everything is loaded from our own
# origin; nothing may frame our pages but our own pages (the report preview).
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' data: blob:",
    "frame-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
# A PDF opened in the browser is shown by its PDF viewer, which
# ``object-src 'none'`` would block (Chromium).
CSP_PDF = "default-src 'self'; object-src 'self'; base-uri 'none'; " \
          "form-action 'none'; frame-ancestors 'self'"
SECURITY_HEADERS = (
    ("X-Frame-Options", "SAMEORIGIN"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
)


def security_headers(headers):
    """``headers`` (a WSGI list of pairs) with the security headers added
    where the response does not set them itself."""
    present = {name.lower() for name, _value in headers}
    headers = list(headers)
    if "content-security-policy" not in present:
        content_type = next((value for name, value in headers
                             if name.lower() == "content-type"), "")
        headers.append(("Content-Security-Policy",
                        CSP_PDF if content_type.startswith("application/pdf")
                        else CSP))
    for name, value in SECURITY_HEADERS:
        if name.lower() not in present:
            headers.append((name, value))
    return headers


# --- incidents and the log ---------------------------------------------------

# Exceptions whose message is meant for the user (Odoo's own messages).
EXPECTED = (odoo.exceptions.except_orm, odoo.exceptions.AccessDenied,
            odoo.exceptions.RedirectWarning, odoo.exceptions.Warning,
            http.SessionExpiredException, werkzeug.exceptions.HTTPException)

_QUOTED = re.compile(r"""E?'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|\b\d{3,}\b""")


def mask(text):
    """``text`` with quoted strings and long numbers masked (the values of
    rejected input: names, national ids, phones)."""
    return _QUOTED.sub(lambda m: '"?"' if m.group(0).startswith('"') else "?",
                       str(text))


_SQL_LITERAL = re.compile(r"E?'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def sql_template(query):
    """A query with its literals masked (the parameters were merged in)."""
    if isinstance(query, bytes):
        query = query.decode("utf-8", "replace")
    return _SQL_LITERAL.sub("?", str(query))


def describe(error):
    """An exception's type and what can be said of it without its values."""
    name = type(error).__name__
    if isinstance(error, psycopg2.Error):
        diag = error.diag
        parts = ["%s [%s]" % (name, error.pgcode or "-")]
        if error.pgcode and error.pgcode.startswith(("23", "40", "42", "53", "55",
                                                     "57")):
            # integrity, transaction, syntax, resources: the primary message
            # names constraints and relations, never row values (DETAIL does)
            parts.append(mask(diag.message_primary or ""))
        for label, value in (("table", diag.table_name),
                             ("column", diag.column_name),
                             ("constraint", diag.constraint_name)):
            if value:
                parts.append("%s=%s" % (label, value))
        return " ".join(parts)
    return "%s: %s" % (name, mask(error))


def new_incident():
    return secrets.token_hex(5).upper()


def log_incident(error, where, tb=None):
    """Log ``error`` with a new incident id and return the id: an expected
    error (access, validation, user error) on one INFO line with its type, an
    unexpected one at ERROR with its traceback's frames. Neither carries the
    values of the request (messages are masked)."""
    incident = new_incident()
    if isinstance(error, EXPECTED):
        _logger.info("incident %s: %s in %s", incident, type(error).__name__, where)
    else:
        tb = tb if tb is not None else sys.exc_info()[2]
        frames = "".join(traceback.format_tb(tb)) if tb else ""
        _logger.error("incident %s: unexpected %s in %s\nTraceback (frames):\n%s%s",
                      incident, type(error).__name__, where, frames,
                      describe(error))
    return incident


def unexpected_message(incident, dbname=None, lang=None):
    """The translated message of an unexpected error."""
    return translate(dbname, lang, "unexpected") % incident


def translate(dbname, lang, key):
    """One of the messages below, translated with a cursor of its own (the
    request's may be in a failed transaction)."""
    if not (dbname and lang and lang != "en_US"):
        return MESSAGES[key](None)
    try:
        with odoo.registry(dbname).cursor() as cr:
            return MESSAGES[key](cr, {"lang": lang})
    except Exception:  # pylint: disable=broad-except
        return MESSAGES[key](None)


def _message_unexpected(cr, context=None):  # pylint: disable=unused-argument
    return _("An unexpected error occurred (incident %s). Please try again; "
             "if it happens again, give the incident number to your "
             "administrator.")


def _message_nul(cr, context=None):  # pylint: disable=unused-argument
    return _("The request contains a NUL character or text that is not valid "
             "UTF-8, which is not accepted. Please correct the text and try "
             "again.")


def _message_malformed(cr, context=None):  # pylint: disable=unused-argument
    return _("The request could not be read: its body is not well formed.")


def _message_incident(cr, context=None):  # pylint: disable=unused-argument
    return _("Incident %s")


MESSAGES = {
    "unexpected": _message_unexpected,
    "nul": _message_nul,
    "malformed": _message_malformed,
    "incident": _message_incident,
}


def request_lang():
    """The language of the current HTTP request, if any."""
    try:
        request = http.request
        lang = (getattr(request, "context", None) or {}).get("lang")
        return lang or (request.session.context or {}).get("lang")
    except Exception:  # pylint: disable=broad-except
        return None


def request_db():
    try:
        return http.request.db
    except Exception:  # pylint: disable=broad-except
        return None


# --- the failed query log ----------------------------------------------------

_original_execute = sql_db.Cursor.execute


def execute(self, query, params=None, log_exceptions=None):
    """Cursor.execute whose "bad query" line has no values."""
    if log_exceptions is None:
        log_exceptions = self._default_log_exceptions
    try:
        return _original_execute(self, query, params, log_exceptions=False)
    except Exception as error:
        if log_exceptions:
            _sql_logger.error("bad query: %s\nERROR: %s", sql_template(query),
                              describe(error))
        raise


# --- undecodable input -------------------------------------------------------

MAX_CHECKED_BODY = 16 * 1024 * 1024


def bad_text(value, replaced=True):
    """Whether ``value`` (str) holds a NUL, a lone surrogate or, if
    ``replaced``, U+FFFD (what werkzeug makes of invalid UTF-8 in a form)."""
    if "\x00" in value or (replaced and "\ufffd" in value):
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def bad_bytes(raw):
    """Whether URL-encoded bytes decode to bad text."""
    try:
        text = unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return "\x00" in text


def bad_value(value, depth=0):
    """Whether a decoded JSON/XML-RPC value holds bad text anywhere."""
    if depth > 64:
        return True
    if isinstance(value, str):
        return bad_text(value, replaced=False)
    if isinstance(value, dict):
        return any(bad_value(k, depth + 1) or bad_value(v, depth + 1)
                   for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(bad_value(v, depth + 1) for v in value)
    return False


def _read_body(environ):
    """The request body, put back for the application."""
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = -1
    if size < 0:
        raise werkzeug.exceptions.BadRequest()
    body = environ["wsgi.input"].read(size) if size else b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def _bad_form(environ, body):
    """Whether a multipart form's text fields hold bad text (file contents
    are not text: they are not checked)."""
    copy = dict(environ, **{"wsgi.input": io.BytesIO(body)})
    _stream, form, _files = werkzeug.formparser.parse_form_data(
        copy, silent=True, errors="replace")
    return any(bad_text(key) or bad_text(value)
               for key, values in form.lists() for value in values)


def html_page(status, title, message):
    """A small error page that needs no database."""
    body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/>"
            "<meta name=\"viewport\" content=\"width=device-width\"/>"
            "<title>%s</title></head><body style=\"font-family:sans-serif;"
            "margin:2em\"><h1>%s</h1><p>%s</p><p><a href=\"/my\">%s</a></p>"
            "</body></html>") % (escape(title), escape(title), escape(message),
                                 escape(_page_back()))
    return werkzeug.wrappers.Response(body, status=status,
                                      content_type="text/html; charset=utf-8")


def _page_back():
    return "\u2190"


def json_error(message, code=400, status=400, request_id=None, name="BadRequest"):
    body = json.dumps({"jsonrpc": "2.0", "id": request_id, "error": {
        "code": code, "message": message,
        "data": {"name": name, "message": message, "arguments": [message],
                 "exception_type": "user_error", "debug": ""}}})
    return werkzeug.wrappers.Response(body, status=status,
                                      content_type="application/json")


def xmlrpc_fault(code, message, status=200, string_faultcode=False):
    fault = xmlrpclib.Fault(message, "") if string_faultcode \
        else xmlrpclib.Fault(code, message)
    return werkzeug.wrappers.Response(
        xmlrpclib.dumps(fault, allow_none=False), status=status,
        content_type="text/xml")


def check_input(environ):
    """A 400 response for a request whose path, query or body carries text
    that cannot be stored, else None. The body is read and put back."""
    path = environ.get("PATH_INFO", "")
    mimetype = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    is_json = mimetype in ("application/json", "application/json-rpc")
    is_xmlrpc = path.startswith("/xmlrpc/")
    if _bad_url(environ):
        return _refusal(environ, is_json, is_xmlrpc, "nul")
    if environ.get("REQUEST_METHOD") not in ("POST", "PUT", "PATCH") or is_xmlrpc:
        return None
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _refusal(environ, is_json, is_xmlrpc, "malformed")
    if size > MAX_CHECKED_BODY or mimetype not in (
            "application/x-www-form-urlencoded", "multipart/form-data",
            "application/json", "application/json-rpc"):
        return None
    body = _read_body(environ)
    if is_json:
        return _check_json(environ, body)
    if mimetype == "multipart/form-data":
        bad = _bad_form(environ, body)
    else:
        bad = any(bad_bytes(part) for piece in body.split(b"&")
                  for part in piece.split(b"=", 1))
    return _refusal(environ, is_json, is_xmlrpc, "nul") if bad else None


def _bad_url(environ):
    path = environ.get("PATH_INFO", "")
    try:
        # WSGI gives the path as its bytes decoded as latin-1
        raw_path = path.encode("latin-1") if isinstance(path, str) else path
    except UnicodeEncodeError:
        return True
    query = environ.get("QUERY_STRING", "").encode("latin-1", "replace")
    return bad_bytes(raw_path) or any(
        bad_bytes(part) for piece in query.split(b"&") for part in piece.split(b"=", 1))


def _check_json(environ, body):
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return _refusal(environ, True, False, "nul")
    except (ValueError, RecursionError):
        return _refusal(environ, True, False, "malformed")
    if not isinstance(data, dict) or not isinstance(data.get("params", {}), dict):
        return _refusal(environ, True, False, "malformed")
    if bad_value(data):
        # a well formed call with values that cannot be stored: a JSON-RPC
        # error, which the web client shows like a validation error
        request_id = data.get("id") if isinstance(data.get("id"), (int, str)) else None
        return json_error(_environ_message(environ, "nul"), code=200, status=200,
                          request_id=request_id, name="odoo.exceptions.ValidationError")
    return None


def _environ_message(environ, key):
    """The message in the language of the caller's session (before Odoo
    dispatches: the session is read from its store)."""
    dbname, lang = odoo.tools.config.get("db_name") or None, None
    cookie = environ.get("HTTP_COOKIE", "")
    match = re.search(r"(?:^|;\s*)session_id=([0-9a-f]{40})(?:;|$)", cookie)
    if match:
        try:
            session = http.root.session_store.get(match.group(1))
            dbname = session.db or dbname
            lang = (session.context or {}).get("lang")
        except Exception:  # pylint: disable=broad-except
            _logger.debug("no session for the refusal's language", exc_info=True)
    match = re.search(r"(?:^|;\s*)frontend_lang=([A-Za-z_]{2,8})", cookie)
    if match and not lang:
        lang = match.group(1)
    return translate(dbname, lang, key)


def _refusal(environ, is_json, is_xmlrpc, key):
    message = _environ_message(environ, key)
    _logger.info("refused %s %s: %s", environ.get("REQUEST_METHOD"),
                 (environ.get("PATH_INFO") or "")[:80].encode("ascii", "replace"),
                 "undecodable text" if key == "nul" else "malformed body")
    if is_xmlrpc:
        return xmlrpc_fault(1, message, status=400)
    if is_json:
        return json_error(message)
    return html_page(400, "400 Bad Request", message)


# --- XML-RPC -----------------------------------------------------------------

_original_dispatch_rpc = http.dispatch_rpc


def dispatch_rpc(service_name, method, params):
    """odoo.http.dispatch_rpc without its logging of the exception (the
    callers log it once, with an incident id and no values)."""
    if http.rpc_request.isEnabledFor(logging.DEBUG) \
            or http.rpc_response.isEnabledFor(logging.DEBUG):
        return _original_dispatch_rpc(service_name, method, params)
    threading.current_thread().uid = None
    threading.current_thread().dbname = None
    dispatchers = {"common": odoo.service.common.dispatch,
                   "db": odoo.service.db.dispatch,
                   "object": odoo.service.model.dispatch}
    if service_name not in dispatchers:
        raise werkzeug.exceptions.NotFound()
    return dispatchers[service_name](method, params)


def _rpc_lang(service, params):
    """The language an XML-RPC answer should use: the call's context, else
    the user's."""
    try:
        if service == "object" and len(params) >= 7 and isinstance(params[6], dict):
            lang = (params[6].get("context") or {}).get("lang")
            if isinstance(lang, str):
                return lang
        if service == "object" and len(params) >= 2 and isinstance(params[1], int):
            with odoo.registry(params[0]).cursor() as cr:
                cr.execute("SELECT p.lang FROM res_users u JOIN res_partner p "
                           "ON p.id = u.partner_id WHERE u.id = %s", (params[1],))
                row = cr.fetchone()
                return row and row[0]
    except Exception:  # pylint: disable=broad-except
        return None
    return None


def _fault_text(error):
    if isinstance(error, odoo.exceptions.except_orm):
        return odoo.tools.ustr(error.name)
    return odoo.tools.ustr(error)


def xmlrpc_exception_response(error, service, method, params, string_faultcode):
    """The Fault for ``error``: its message (expected errors) or a generic
    one, and the incident id; never a traceback."""
    where = "xmlrpc %s.%s" % (service, method)
    if service == "object" and len(params) >= 5:
        where += " %s.%s" % (str(params[3])[:64], str(params[4])[:64])
    incident = log_incident(error, mask(where))
    if isinstance(error, odoo.exceptions.AccessDenied):
        # a refused login: nothing to trace
        code, text, label = wsgi_server.RPC_FAULT_CODE_ACCESS_DENIED, str(error), \
            "AccessDenied"
        return xmlrpc_fault(code, text, string_faultcode=False) \
            if not string_faultcode else werkzeug.wrappers.Response(
                xmlrpclib.dumps(xmlrpclib.Fault(label, text)),
                content_type="text/xml")
    dbname = params[0] if params and isinstance(params[0], str) else None
    lang = _rpc_lang(service, params)
    suffix = "\n\n(%s)" % (translate(dbname, lang, "incident") % incident)
    if isinstance(error, EXPECTED) and not isinstance(
            error, werkzeug.exceptions.HTTPException):
        if isinstance(error, odoo.exceptions.AccessError):
            code, label = wsgi_server.RPC_FAULT_CODE_ACCESS_ERROR, "AccessError"
        elif isinstance(error, odoo.exceptions.MissingError):
            code, label = wsgi_server.RPC_FAULT_CODE_WARNING, "MissingError"
        elif isinstance(error, (odoo.exceptions.UserError,
                                odoo.exceptions.RedirectWarning)):
            code, label = wsgi_server.RPC_FAULT_CODE_WARNING, "Warning"
        else:
            code, label = wsgi_server.RPC_FAULT_CODE_APPLICATION_ERROR, \
                type(error).__name__
        text = _fault_text(error)
    else:
        code, label = wsgi_server.RPC_FAULT_CODE_APPLICATION_ERROR, "Error"
        text = unexpected_message(incident, dbname, lang)
    if string_faultcode:
        fault = xmlrpclib.Fault("warning -- %s\n\n%s" % (label, text), suffix.strip())
    else:
        fault = xmlrpclib.Fault(code, text + suffix)
    return werkzeug.wrappers.Response(xmlrpclib.dumps(fault, allow_none=False),
                                      content_type="text/xml")


_XML_NUL = re.compile(rb"&#(?:x0*|0+);", re.I)


def wsgi_xmlrpc(environ, start_response):
    """Odoo's XML-RPC endpoint (``/xmlrpc/<service>`` with string fault
    codes, ``/xmlrpc/2/<service>`` with integer ones), hardened."""
    if environ["REQUEST_METHOD"] != "POST" \
            or not environ["PATH_INFO"].startswith("/xmlrpc/"):
        return None
    string_faultcode = True
    service = environ["PATH_INFO"][len("/xmlrpc/"):]
    if environ["PATH_INFO"].startswith("/xmlrpc/2/"):
        service = service[len("2/"):]
        string_faultcode = False
    data = b""
    try:
        data = _read_body(environ)
        params, method = xmlrpclib.loads(data)
    except Exception as error:  # pylint: disable=broad-except
        if b"\x00" in data or _XML_NUL.search(data):
            # XML cannot carry NUL: refused as the call's error
            return xmlrpc_fault(1, _environ_message(environ, "nul"),
                                string_faultcode=string_faultcode)(
                environ, start_response)
        _logger.info("refused a malformed XML-RPC body (%s)", type(error).__name__)
        return xmlrpc_fault(1, _environ_message(environ, "malformed"), status=400,
                            string_faultcode=string_faultcode)(
            environ, start_response)
    if bad_value(params):
        return xmlrpc_fault(1, _environ_message(environ, "nul"),
                            string_faultcode=string_faultcode)(
            environ, start_response)
    try:
        result = http.dispatch_rpc(service, method, params)
        response = werkzeug.wrappers.Response(
            xmlrpclib.dumps((result,), methodresponse=1, allow_none=False),
            content_type="text/xml")
    except Exception as error:  # pylint: disable=broad-except
        response = xmlrpc_exception_response(
            error, service, method, params, string_faultcode)
    return response(environ, start_response)


# --- JSON-RPC ----------------------------------------------------------------

_original_serialize_exception = http.serialize_exception


def serialize_exception(error, incident=None):
    """Odoo's error data for the web client, with the incident id where the
    traceback was; an unexpected error's message is a generic one."""
    if incident is None:
        incident = log_incident(error, mask(_request_where()))
    data = _original_serialize_exception(error)
    dbname, lang = request_db(), request_lang()
    data["debug"] = translate(dbname, lang, "incident") % incident
    data["incident"] = incident
    if not isinstance(error, EXPECTED):
        message = unexpected_message(incident, dbname, lang)
        data.update(name="odoo.exceptions.InternalError", message=message,
                    arguments=[message], exception_type="internal_error")
    return data


def web_serialize_exception(error):
    """The web client's upload and export routes catch their errors and
    answer them as a 500 with this data: the error is kept on the request
    so that the answer gets its real status (``ir_http_errors``)."""
    if http.request:  # a proxy, false outside a request
        http.request._party_wrapped_error = error
    return serialize_exception(error)


class _WebRouteLogFilter(logging.Filter):
    """Those routes also log the raw traceback, the rejected values with
    it: the incident logged by ``serialize_exception`` replaces it."""

    def filter(self, record):
        return not str(record.msg).startswith(
            "An exception occured during an http request")


_original_call_kw = odoo.api.call_kw


def call_kw(model, name, args, kwargs):
    """odoo.api.call_kw (every XML-RPC and JSON-RPC model call): a few
    public methods evaluate what the caller sends; only administrators
    call them over RPC (``models/rpc_method_guard.py``)."""
    from .models import rpc_method_guard
    if not rpc_method_guard.may_call(model.env, name):
        raise rpc_method_guard.refusal(model.env)
    return _original_call_kw(model, name, args, kwargs)


def _request_where():
    try:
        request = http.request
        where = request.httprequest.path
        params = getattr(request, "params", None) or {}
        if params.get("model") and params.get("method"):
            where += " %s.%s" % (str(params["model"])[:64], str(params["method"])[:64])
        return where
    except Exception:  # pylint: disable=broad-except
        return "?"


def json_handle_exception(self, exception):
    """JsonRequest._handle_exception: Odoo's answer, without the traceback."""
    self._failed = exception  # no commit
    incident = log_incident(exception, mask(_request_where()))
    error = {"code": 200, "message": "Odoo Server Error",
             "data": serialize_exception(exception, incident)}
    if isinstance(exception, werkzeug.exceptions.NotFound):
        error.update(http_status=404, code=404, message="404: Not Found")
    if isinstance(exception, http.AuthenticationError):
        error.update(code=100, message="Odoo Session Invalid")
    if isinstance(exception, http.SessionExpiredException):
        error.update(code=100, message="Odoo Session Expired")
    return self._json_response(error=error)


# --- the WSGI entry point ----------------------------------------------------

_original_application = wsgi_server.application_unproxied


def application_unproxied(environ, start_response):
    """Every request: security headers, undecodable input refused, and no
    exception reaches the HTTP server (which would answer its own 500)."""

    def start(status, headers, exc_info=None):
        return start_response(status, security_headers(headers), exc_info)

    try:
        refusal = check_input(environ)
    except Exception:  # pylint: disable=broad-except
        refusal = html_page(400, "400 Bad Request",
                            _environ_message(environ, "malformed"))
    if refusal is not None:
        return refusal(environ, start)
    try:
        return _original_application(environ, start)
    except Exception as error:  # pylint: disable=broad-except
        incident = log_incident(error, mask(environ.get("PATH_INFO", "?")[:120]))
        message = unexpected_message(
            incident, odoo.tools.config.get("db_name") or None, None)
        mimetype = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if mimetype in ("application/json", "application/json-rpc"):
            response = json_error(message, code=200, status=500,
                                  name="InternalServerError")
        else:
            response = html_page(500, "500 Internal Server Error", message)
        return response(environ, start)


def _patch():
    if getattr(wsgi_server, "_party_handbook_hardened", False):
        return
    wsgi_server.application_unproxied = application_unproxied
    wsgi_server.wsgi_xmlrpc = wsgi_xmlrpc
    http.dispatch_rpc = dispatch_rpc
    odoo.api.call_kw = call_kw
    http.serialize_exception = serialize_exception
    http.JsonRequest._handle_exception = json_handle_exception
    sql_db.Cursor.execute = execute
    try:
        from odoo.addons.web.controllers import main as web_main
    except ImportError:  # pragma: no cover (web is a server-wide module)
        web_main = None
    if web_main is not None:
        web_main._serialize_exception = web_serialize_exception
        logging.getLogger(web_main.__name__).addFilter(_WebRouteLogFilter())
        web_main.dispatch_rpc = dispatch_rpc
        web_main.call_kw = call_kw
    wsgi_server._party_handbook_hardened = True


_patch()
