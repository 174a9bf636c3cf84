odoo.define('party_handbook.phone_x2many', function (require) {
"use strict";
// Odoo 11 shows a one2many or many2many as kanban cards below 768 px when
// the form gives it no "mode", even when it only has a list: the cards of
// such a list carry no field (an empty box per line). The handbook's lines
// without a kanban view stay a list on phones, scrolling inside its own box
// (party_phone.less); those with one (the meeting form's) say
// mode="tree,kanban".
var DataManager = require('web.DataManager');

DataManager.include({
    _processField: function (viewType, field, attrs) {
        if ((field.type === 'one2many' || field.type === 'many2many') &&
                !attrs.mode && !attrs.widget && field.views && field.views.tree &&
                !field.views.kanban && field.relation &&
                field.relation.indexOf('party.') === 0) {
            attrs.mode = 'tree';
        }
        return this._super.apply(this, arguments);
    },
});
});
