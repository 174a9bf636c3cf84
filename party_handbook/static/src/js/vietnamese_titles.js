odoo.define('party_handbook.vietnamese_titles', function (require) {
"use strict";
// Odoo 11 titles the dialog of every server error or warning with the
// server's untranslated JSON-RPC message ("Odoo Server Error") and the
// browser tab with "Odoo". The handbook names them in the user's language.
var AbstractWebClient = require('web.AbstractWebClient');
var core = require('web.core');
var CrashManager = require('web.CrashManager');

var _t = core._t;
var _lt = core._lt;

// Messages Odoo's server puts in a JSON-RPC error, never translated
var SERVER_MESSAGES = ["Odoo Server Error", "Odoo Warning", "Odoo Error"];

// Odoo core terms the handbook translates its own way (the web client
// loads the handbook's translations after the web and mail modules', so a
// term translated here replaces theirs): error titles without "Odoo", and
// the chatter's buttons in the words officers use.
var CORE_TERMS = [
    _lt("Odoo Warning"), _lt("Odoo Error"), _lt("Odoo Client Error"),
    _lt("Your Odoo session expired. Please refresh the current web page."),
    _lt("Send message"), _lt("Log note"), _lt("Schedule activity"),
    _lt("Planned activities"), _lt("Add Followers"),
];

function titled(error, title) {
    if (error && !error.type && _.contains(SERVER_MESSAGES, error.message)) {
        return _.extend({}, error, {message: title});
    }
    return error;
}

CrashManager.include({
    show_warning: function (error) {
        return this._super(titled(error, _t("Warning")));
    },
    show_error: function (error) {
        return this._super(titled(error, _t("Error")));
    },
});

AbstractWebClient.include({
    init: function () {
        this._super.apply(this, arguments);
        this.set('title_part', {"zopenerp": _lt("Party Handbook")});
    },
});

return {CORE_TERMS: CORE_TERMS};
});
