# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Error pages of HTTP routes (portal, reports, downloads) without tracebacks.

A refused access answers 403, a missing record 404, a user or validation
error 400 with its message, input a controller could not read (a number
that is not one, a missing field) 400, and anything else 500; every page
names the incident logged with the traceback (``http_hardening``). JSON
routes keep Odoo's JSON-RPC errors (also without traceback).
"""
import psycopg2
import werkzeug.exceptions

from odoo import _, models
from odoo.exceptions import AccessDenied, AccessError, MissingError, except_orm
from odoo.http import SessionExpiredException, request

from .. import http_hardening


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_exception(cls, exception):
        if getattr(request, "_request_type", None) != "http":
            return super(IrHttp, cls)._handle_exception(exception)
        try:
            return super(IrHttp, cls)._handle_exception(exception)
        except (SessionExpiredException, werkzeug.exceptions.HTTPException):
            raise
        except Exception as error:  # pylint: disable=broad-except
            return cls._party_error_page(error)

    @classmethod
    def _dispatch(cls):
        response = super(IrHttp, cls)._dispatch()
        wrapped = getattr(request, "_party_wrapped_error", None)
        if wrapped is not None and getattr(response, "status_code", None) == 500:
            # a route of the web client (uploads, exports) answered its
            # error as a 500 (web.controllers.main.serialize_exception):
            # the data the web client reads stays, with the real status
            response.status_code = cls._party_status(wrapped)
        return response

    @staticmethod
    def _party_status(error):
        """The HTTP status answering ``error``."""
        if isinstance(error, (AccessError, AccessDenied)):
            return 403
        if isinstance(error, MissingError):
            return 404
        if isinstance(error, (except_orm, ValueError, TypeError, KeyError,
                              UnicodeError, psycopg2.DataError)):
            return 400
        return 500

    @classmethod
    def _party_error_page(cls, error):
        """The page answering ``error`` (raised by an HTTP route)."""
        where = http_hardening.mask(request.httprequest.path[:120])
        incident = http_hardening.log_incident(error, where)
        if isinstance(error, (AccessError, AccessDenied)):
            status, title = 403, _("Access refused")
            message = _("You are not allowed to see this page or this record.")
        elif isinstance(error, MissingError):
            status, title = 404, _("Not found")
            message = _("This record does not exist or has been deleted.")
        elif isinstance(error, except_orm):
            status, title = 400, _("The request was refused")
            message = error.name
        elif isinstance(error, (ValueError, TypeError, KeyError, UnicodeError,
                                psycopg2.DataError)):
            status, title = 400, _("The request could not be read")
            message = _("Some of the values sent are not valid.")
        else:
            status, title = 500, _("Server error")
            message = http_hardening.unexpected_message(
                incident, request.db, request.env.lang)
            return http_hardening.html_page(status, title, message)
        message = "%s %s" % (message, _("(incident %s)") % incident)
        return http_hardening.html_page(status, title, message)
