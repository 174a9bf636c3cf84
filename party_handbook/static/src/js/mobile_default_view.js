odoo.define('party_handbook.mobile_default_view', function (require) {
"use strict";
// Phones open the handbook's lists as kanban cards (photo, name, status):
// Odoo 11 community always opens an action's first view, however small the
// screen. Only the handbook's own models are affected.
var config = require('web.config');
var ViewManager = require('web.ViewManager');

ViewManager.include({
    get_default_view: function () {
        var model = this.dataset && this.dataset.model;
        if (config.device.isMobile && !this.flags.default_view &&
                model && model.indexOf('party.') === 0) {
            var mobileView = _.findWhere(this.view_order, {mobile_friendly: true});
            if (mobileView) {
                return mobileView;
            }
        }
        return this._super.apply(this, arguments);
    },
});
});
