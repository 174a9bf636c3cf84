/* Copyright 2026 Party Handbook Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * The web client's tab reads "<action> - Party Member Handbook" (in the
 * user's language), not "Odoo". */
odoo.define('party_handbook.identity', function (require) {
"use strict";

var core = require('web.core');
var WebClient = require('web.WebClient');

var _t = core._t;

WebClient.include({
    _title_changed: function () {
        // translated at each change: the translations are loaded after the
        // web client is created
        var parts = this.get('title_part');
        if (parts) {
            parts.zopenerp = _t("Party Member Handbook");
        }
        return this._super.apply(this, arguments);
    },
});

});
