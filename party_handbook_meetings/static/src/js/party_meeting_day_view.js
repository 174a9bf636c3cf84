odoo.define('party_handbook_meetings.DayView', function (require) {
"use strict";
/**
 * The supervisor's live day view: every meeting of the user's cells on one
 * day, one card per meeting (state, present/expected, agenda, motions and
 * their results), kept up to date while the secretaries record.
 *
 * Data: party.meeting.get_day_overview(date, organization_id, expanded):
 * the explanations (why a motion passed, how the quorum is counted) come
 * only for the keys the user has open; opening another asks
 * party.meeting.get_day_explanations([key]).
 * Live: the bus channel (dbname, "party.meeting.live") — the day view asks
 * for it with the string "party.meeting.live" (Odoo 11's client sends string
 * channels only; controllers/bus.py swaps it; day_view_listen() ends the
 * long-polling request that was pending without it) — and, as a fallback, a
 * periodic refresh (refresh_seconds of the answer). Nothing is fetched while
 * the browser tab is hidden or the view is not displayed: the view catches
 * up when it shows again.
 */
var bus = require('bus.bus').bus;
var ControlPanelMixin = require('web.ControlPanelMixin');
var core = require('web.core');
var datepicker = require('web.datepicker');
var session = require('web.session');
var Widget = require('web.Widget');

var QWeb = core.qweb;
var _t = core._t;

var LIVE_CHANNEL = 'party.meeting.live';
// at most one reload per this many milliseconds when bus messages pour in
var BUS_DEBOUNCE = 1000;
// day views alive in this tab: the channel stays while one is (a new view
// starts before the one it replaces is destroyed)
var listeners = 0;

var DayView = Widget.extend(ControlPanelMixin, {
    template: 'party_handbook_meetings.DayView',
    events: {
        'click .o_party_day_prev': '_onPrevDay',
        'click .o_party_day_next': '_onNextDay',
        'click .o_party_day_today': '_onToday',
        'click .o_party_day_all': '_onAllMeetings',
        'change .o_party_day_organization': '_onOrganizationChange',
        'click .o_party_day_card': '_onCardClick',
        'keydown .o_party_day_card': '_onCardKeydown',
        'click .o_party_day_why': '_onToggleExplanation',
    },

    /**
     * @param {Widget} parent the action manager
     * @param {Object} action the client action; its context may carry
     *   ``date`` (YYYY-MM-DD), ``organization_id`` and ``refresh_seconds``
     */
    init: function (parent, action) {
        this._super.apply(this, arguments);
        this.action_manager = parent;
        var context = (action && action.context) || {};
        this.title = (action && action.name) || _t("Today's meetings");
        // null: today, as the server sees it (the user's or the city's
        // time zone), then the date of the last answer
        this.date = context.date ? moment.utc(context.date, 'YYYY-MM-DD') : null;
        this.organizationId = context.organization_id || false;
        this.contextRefresh = context.refresh_seconds || false;
        this.data = null;
        this.expanded = {};      // motion and meeting ids whose explanation is open
        this.attached = false;
        this.dirty = false;      // something changed while we were not shown
        this.loading = null;
        this.lastBusReload = 0;
        this._onVisibilityChange = this._onVisibilityChange.bind(this);
    },
    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._load());
    },
    start: function () {
        var self = this;
        this.set('title', this.title);
        this._updateControlPanel();
        this.datePicker = new datepicker.DateWidget(this);
        return $.when(
            this._super.apply(this, arguments),
            this.datePicker.appendTo(this.$('.o_party_day_date'))
        ).then(function () {
            if (self.date) {
                self.datePicker.setValue(self.date.clone());
            }
            self.datePicker.on('datetime_changed', self, self._onDatePicked);
            self._render();
            if (listeners++ === 0) {
                bus.add_channel(LIVE_CHANNEL);
            }
            self.listening = true;
            bus.on('notification', self, self._onNotification);
            bus.start_polling();
            // the pending long-polling request does not know the channel yet
            self._rpc({model: 'party.meeting', method: 'day_view_listen', args: [],
                       context: session.user_context},
                {shadow: true});
            document.addEventListener('visibilitychange', self._onVisibilityChange);
            self._schedule();
        });
    },
    destroy: function () {
        clearTimeout(this.timer);
        clearTimeout(this.busTimer);
        document.removeEventListener('visibilitychange', this._onVisibilityChange);
        bus.off('notification', this, this._onNotification);
        if (this.listening && --listeners === 0) {
            bus.delete_channel(LIVE_CHANNEL);
        }
        if (this.attached) {
            $('body').removeClass('o_party_day_fullwidth');
        }
        this._super.apply(this, arguments);
    },
    do_show: function () {
        this._updateControlPanel();
        return this._super.apply(this, arguments);
    },
    on_attach_callback: function () {
        this.attached = true;
        // phones: Odoo 11's side menu would leave the cards a third of the
        // screen; it is hidden while the day view shows (less/ file)
        $('body').addClass('o_party_day_fullwidth');
        if (this.dirty) {
            this._reload();
        }
    },
    on_detach_callback: function () {
        this.attached = false;
        $('body').removeClass('o_party_day_fullwidth');
    },

    //--------------------------------------------------------------------------
    // Private
    //--------------------------------------------------------------------------

    _updateControlPanel: function () {
        var breadcrumbs = (this.action_manager && this.action_manager.get_breadcrumbs &&
            this.action_manager.get_breadcrumbs()) || [{title: this.title, action: this}];
        this.update_control_panel({
            breadcrumbs: breadcrumbs,
            search_view_hidden: true,
            cp_content: {},
        }, {clear: true});
    },
    /**
     * Fetch the overview of the current date and organization.
     * @returns {Deferred}
     */
    _load: function () {
        var self = this;
        var requested = this._dateString();
        var def = this._rpc({
            model: 'party.meeting',
            method: 'get_day_overview',
            // the explanations the user has open come with the answer
            args: [this._dateString(), this.organizationId || false,
                   this._expandedKeys()],
            // the user's language and time zone: labels and times come
            // from the server
            context: session.user_context,
        }, {shadow: true}).then(function (data) {
            if (self._dateString() !== requested) {
                return;  // another day was picked meanwhile
            }
            self.data = data;
            if (!self.date) {
                self.date = moment.utc(data.date, 'YYYY-MM-DD');
                if (self.datePicker) {
                    self.datePicker.setValue(self.date.clone());
                }
            }
            self.updatedAt = moment();
            self.dirty = false;
        });
        this.loading = def;
        def.always(function () {
            if (self.loading === def) {
                self.loading = null;
            }
        });
        return def;
    },
    /**
     * Reload and render, unless hidden (then reload when shown again).
     */
    _reload: function () {
        var self = this;
        if (!this._isShown()) {
            this.dirty = true;
            return $.when();
        }
        var requested = this._dateString();
        return this._load().then(function () {
            // a newer request (another date) may have started meanwhile
            if (requested === self._dateString()) {
                self._render();
            }
        }).always(function () {
            self._schedule();
        });
    },
    _dateString: function () {
        return this.date ? this.date.format('YYYY-MM-DD') : false;
    },
    _isShown: function () {
        return this.attached && !document.hidden;
    },
    _refreshSeconds: function () {
        return this.contextRefresh || (this.data && this.data.refresh_seconds) || 20;
    },
    /**
     * The periodic refresh, the fallback when no bus message arrives.
     */
    _schedule: function () {
        var self = this;
        clearTimeout(this.timer);
        this.timer = setTimeout(function () {
            if (self._isShown() && !self.loading) {
                self._reload();
            } else {
                self.dirty = true;
                self._schedule();
            }
        }, this._refreshSeconds() * 1000);
    },
    _render: function () {
        var data = this.data || {meetings: [], totals: {}, organizations: []};
        var $content = $(QWeb.render('party_handbook_meetings.DayView.Content', {
            data: data,
            widget: this,
            _t: _t,
        }));
        this.$('.o_party_day_content').empty().append($content);
        this._renderOrganizations(data);
        this.$('.o_party_day_updated').text(this.updatedAt ?
            _.str.sprintf(_t("Updated at %s"), this.updatedAt.format('HH:mm:ss')) : '');
        this.$el.attr('data-date', data.date || '');
        this.$('.o_party_day_today').toggleClass('active', data.date === data.today);
    },
    _renderOrganizations: function (data) {
        var $select = this.$('.o_party_day_organization');
        $select.html(QWeb.render('party_handbook_meetings.DayView.Organizations', {
            organizations: data.organizations || [],
            selected: this.organizationId,
            _t: _t,
        }));
        // nothing to choose for a user who sees one cell
        $select.toggleClass('hidden', (data.organizations || []).length < 2 &&
            !this.organizationId);
    },
    /**
     * Width of the attendance bar (percent of the expected members).
     */
    presentPercent: function (meeting) {
        if (!meeting.expected) {
            return 0;
        }
        return Math.min(100, Math.round(100 * meeting.present / meeting.expected));
    },
    quorumText: function (meeting) {
        return _.str.sprintf(
            _t("voters / counted (%(quorum)s: %(required)s needed)"),
            {quorum: meeting.quorum, required: meeting.required});
    },
    votedText: function (motion) {
        return _.str.sprintf(_t("%(voted)s of %(voters)s voted"),
            {voted: motion.voted, voters: motion.voters});
    },
    stateClass: function (state) {
        return {
            draft: 'label-default', announced: 'label-info',
            in_progress: 'label-primary', closed: 'label-success',
            approved: 'label-success', cancelled: 'label-default',
        }[state] || 'label-default';
    },
    resultClass: function (result) {
        return {passed: 'label-success', rejected: 'label-danger',
            invalid: 'label-warning'}[result] || 'label-default';
    },
    isExpanded: function (key) {
        return !!this.expanded[key];
    },
    _expandedKeys: function () {
        return _.filter(_.keys(this.expanded), function (key) {
            return this.expanded[key];
        }, this);
    },
    /**
     * The meeting or motion of the answer that ``key`` names, and the name
     * of its explanation.
     */
    _explained: function (key) {
        var parts = key.split('-');
        var id = parseInt(parts[1], 10);
        var found = null;
        _.each((this.data && this.data.meetings) || [], function (meeting) {
            if (parts[0] === 'meeting' && meeting.id === id) {
                found = {record: meeting, field: 'quorum_explanation'};
            }
            _.each(meeting.motions, function (motion) {
                if (parts[0] === 'motion' && motion.id === id) {
                    found = {record: motion, field: 'explanation'};
                }
            });
        });
        return found;
    },
    _setDate: function (date) {
        this.date = date;
        if (this.datePicker && date) {
            this.datePicker.setValue(date.clone());
        }
        this.$('.o_party_day_content').addClass('o_party_day_loading');
        return this._reload();
    },

    //--------------------------------------------------------------------------
    // Handlers
    //--------------------------------------------------------------------------

    _onNotification: function (notifications) {
        var self = this;
        var shown = _.pluck((this.data && this.data.meetings) || [], 'id');
        var relevant = _.some(notifications, function (notification) {
            var channel = notification[0];
            var message = notification[1] || {};
            return _.isArray(channel) && channel[1] === LIVE_CHANNEL &&
                _.intersection(message.meeting_ids || [], shown).length;
        });
        if (!relevant) {
            return;
        }
        // many secretaries record at once: reload at most once a second
        clearTimeout(this.busTimer);
        var wait = Math.max(0, this.lastBusReload + BUS_DEBOUNCE - Date.now());
        this.busTimer = setTimeout(function () {
            self.lastBusReload = Date.now();
            self._reload();
        }, wait);
    },
    _onVisibilityChange: function () {
        if (!document.hidden && this.dirty && this.attached) {
            this._reload();
        }
    },
    _onPrevDay: function () {
        if (!this.date) {
            return;  // today is on its way
        }
        this._setDate(this.date.clone().subtract(1, 'days'));
    },
    _onNextDay: function () {
        if (!this.date) {
            return;
        }
        this._setDate(this.date.clone().add(1, 'days'));
    },
    _onToday: function () {
        this._setDate(null);
    },
    _onAllMeetings: function () {
        this.do_action('party_handbook_meetings.party_meeting_action');
    },
    _onDatePicked: function () {
        var value = this.datePicker.getValue();
        if (value && value.format('YYYY-MM-DD') !== this._dateString()) {
            this._setDate(moment.utc(value.format('YYYY-MM-DD'), 'YYYY-MM-DD'));
        }
    },
    _onOrganizationChange: function (ev) {
        this.organizationId = parseInt($(ev.currentTarget).val(), 10) || false;
        this._reload();
    },
    _onCardClick: function (ev) {
        if ($(ev.target).closest('a, button, .o_party_day_why').length) {
            return;
        }
        var id = $(ev.currentTarget).data('id');
        this.do_action({
            type: 'ir.actions.act_window',
            res_model: 'party.meeting',
            res_id: id,
            views: [[false, 'form']],
            target: 'current',
        });
    },
    _onCardKeydown: function (ev) {
        if (ev.which === 13 && ev.target === ev.currentTarget) {
            this._onCardClick(ev);
        }
    },
    _onToggleExplanation: function (ev) {
        ev.preventDefault();
        ev.stopPropagation();
        var self = this;
        var $button = $(ev.currentTarget);
        var key = $button.data('key');
        var $text = $button.closest('.o_party_day_explained')
            .find('.o_party_day_explanation').first();
        this.expanded[key] = !this.expanded[key];
        $button.attr('aria-expanded', this.expanded[key] ? 'true' : 'false');
        var explained = this._explained(key);
        if (!this.expanded[key] || !explained || explained.record[explained.field]) {
            $text.toggleClass('hidden', !this.expanded[key]);
            return $.when();
        }
        // built on demand: asked for when first opened
        return this._rpc({
            model: 'party.meeting',
            method: 'get_day_explanations',
            args: [[key]],
            context: session.user_context,
        }, {shadow: true}).then(function (texts) {
            explained.record[explained.field] = texts[key] || '';
            $text.text(texts[key] || '').toggleClass('hidden', !self.expanded[key]);
            $button.attr('title', texts[key] || '');
        });
    },
});

core.action_registry.add('party_meeting_day_view', DayView);

return DayView;

});
