odoo.define('party_handbook.party_year_widget', function (require) {
"use strict";
// A year is a number, not a quantity: Vietnamese number formatting (grouping
// by thousands with ".") would print 2025 as "2.025". The widget shows and
// edits years without a thousands separator: widget="party_year".
var basic_fields = require('web.basic_fields');
var field_registry = require('web.field_registry');

var FieldYear = basic_fields.FieldInteger.extend({
    _formatValue: function (value) {
        if (value === false || value === null || value === undefined) {
            return "";
        }
        return String(value);
    },
});

field_registry.add('party_year', FieldYear);

return FieldYear;
});
