# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Audio of what members receive (issue #15), for those who listen rather
than read.

A ``party.audio`` is the spoken version of one thing a record says to its
readers: a published document, a meeting's notice, approved minutes, a
monthly bulletin (``purpose``). It is held by that record (``res_model`` /
``res_id``, the *holder*, a model inheriting ``party.audio.holder``) and
follows it: whoever may read the holder may listen, nobody else. No group
reads ``party.audio`` itself: the back office and the portal reach it through
the holder's methods and ``/party_handbook/audio/<id>``, which check the
holder first.

Making speech takes seconds: it is never done in the request. Asking for it
stores the text to say and leaves the audio *pending*; the scheduled action
``_cron_make_audio`` (poked to run at once) makes every pending audio in one
run, in bounded batches. An officer may replace the synthetic voice by a
human recording; a later text change then leaves the recording alone.
"""
import base64
import hashlib
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..speech import engine as speech
from .party_batch import run_in_batches
from .party_integrity import internal_write  # pylint: disable=missing-import-error

_logger = logging.getLogger(__name__)

PURPOSES = [
    ("document", "Document"),
    ("notice", "Meeting notice"),
    ("minutes", "Minutes"),
    ("bulletin", "Monthly bulletin"),
]
AUDIO_BATCH = 10  # audios made per batch (each takes about a second)
MAX_RECORDING = 50 * 1024 * 1024


class PartyAudio(models.Model):
    _name = "party.audio"
    _inherit = ["party.integrity.mixin"]
    _description = "Audio version"
    _order = "id desc"
    _protected_fields = (
        "res_model", "res_id", "purpose", "state", "source", "data",
        "mimetype", "duration", "file_size", "seconds_to_make", "engine",
        "text", "script", "text_hash", "error", "made_on", "name")

    name = fields.Char(string="Title", readonly=True)
    res_model = fields.Char(string="Holder model", required=True, index=True,
                            readonly=True)
    res_id = fields.Integer(string="Holder", required=True, index=True,
                            readonly=True)
    purpose = fields.Selection(PURPOSES, required=True, readonly=True)
    state = fields.Selection([
        ("pending", "Being made"), ("ready", "Ready"), ("failed", "Failed"),
    ], string="Status", default="pending", required=True, index=True,
        readonly=True)
    source = fields.Selection([
        ("synthetic", "Synthetic voice"), ("human", "Human recording"),
    ], default="synthetic", required=True, readonly=True)
    data = fields.Binary(string="Audio", attachment=True, readonly=True)
    mimetype = fields.Char(readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True)
    file_size = fields.Integer(string="Size (bytes)", readonly=True)
    seconds_to_make = fields.Float(readonly=True)
    engine = fields.Char(readonly=True)
    text = fields.Text(string="Text to say", readonly=True)
    script = fields.Text(string="Spoken text", readonly=True,
                         help="The text as the voice read it (normalized).")
    text_hash = fields.Char(readonly=True)
    error = fields.Char(readonly=True)
    made_on = fields.Datetime(readonly=True)
    listen_ids = fields.One2many("party.audio.listen", "audio_id",
                                 readonly=True)

    _sql_constraints = [
        ("holder_purpose_uniq", "unique(res_model, res_id, purpose)",
         "A record has one audio for each purpose."),
    ]

    def _create_refusal(self):
        return _("Audio is made by the application when a document or a "
                 "meeting is published.")

    def _unlink_refusal(self):
        return _("Audio goes with the record it speaks for.")

    # --- the holder -------------------------------------------------------

    def _holder(self):
        self.ensure_one()
        if self.res_model not in self.env:
            return None
        return self.env[self.res_model].browse(self.res_id).exists()

    def _check_listener(self, user=None):
        """The audio if ``user`` (default: the current one) may read its
        holder and it is ready; AccessError otherwise (never says whether
        it exists)."""
        self.ensure_one()
        user = user or self.env.user
        audio = self.sudo()
        holder = audio._holder()
        if not holder or audio.state != "ready" or not audio.data:
            raise AccessError(_("This audio does not exist or is not for you."))
        holder = holder.sudo(user.id)
        try:
            holder.check_access_rights("read")
            holder.check_access_rule("read")
        except AccessError:
            raise AccessError(_("This audio does not exist or is not for you."))
        if not holder._party_audio_may_listen(audio.purpose):
            raise AccessError(_("This audio does not exist or is not for you."))
        return audio

    def _duration_label(self):
        """"4 minutes 20 seconds", in the reader's language."""
        self.ensure_one()
        seconds = int(round(self.duration or 0))
        minutes, seconds = divmod(seconds, 60)
        if not minutes:
            return _("%s seconds") % seconds
        if not seconds:
            return _("%s minutes") % minutes
        return _("%(minutes)s minutes %(seconds)s seconds") % {
            "minutes": minutes, "seconds": seconds}

    # --- making -----------------------------------------------------------

    @api.model
    def _request(self, holder, purpose, text, title):
        """Ask for the spoken version of ``text`` (plain text) for ``holder``;
        does nothing when it was already made of the same text or replaced by
        a human recording. Returns the audio (superuser)."""
        Audio = self.sudo()
        digest = hashlib.sha1((text or "").encode("utf-8")).hexdigest()
        audio = Audio.search([("res_model", "=", holder._name),
                              ("res_id", "=", holder.id),
                              ("purpose", "=", purpose)], limit=1)
        if audio and (audio.source == "human" or audio.text_hash == digest):
            return audio
        vals = {"text": text, "text_hash": digest, "state": "pending",
                "error": False, "name": title}
        if audio:
            with internal_write(audio):
                audio.write(vals)
        else:
            vals.update(res_model=holder._name, res_id=holder.id,
                        purpose=purpose)
            with internal_write(Audio):
                audio = Audio.create(vals)
        self._poke_cron()
        return audio

    @api.model
    def _poke_cron(self):
        """Run the audio job at the cron thread's next look (within a
        minute), without waiting on a lock held by a running job."""
        cron = self.env.ref("party_handbook.ir_cron_party_audio",
                            raise_if_not_found=False)
        if not cron:
            return
        self.env.cr.execute("""
            UPDATE ir_cron SET nextcall = now() at time zone 'UTC'
             WHERE id = %s AND active AND nextcall > now() at time zone 'UTC'
               AND id IN (SELECT id FROM ir_cron WHERE id = %s
                          FOR UPDATE SKIP LOCKED)""", (cron.id, cron.id))

    def _make(self):
        """Speak the pending audios of this set (superuser), each on its
        own: a failing one is marked failed with the reason."""
        done = 0
        for audio in self.sudo():
            if audio.state != "pending" or audio.source != "synthetic":
                continue
            try:
                spoken = speech.speak(audio.text or "")
            except speech.SpeechError as error:
                _logger.warning("audio %s (%s %s): %s", audio.id,
                                audio.res_model, audio.res_id, error)
                with internal_write(audio):
                    audio.write({"state": "failed", "error": str(error)[:250]})
                continue
            with internal_write(audio):
                audio.write({
                    "state": "ready", "data": base64.b64encode(spoken.data),
                    "mimetype": spoken.mimetype, "duration": spoken.duration,
                    "file_size": len(spoken.data),
                    "seconds_to_make": spoken.seconds,
                    "engine": spoken.engine, "script": spoken.text,
                    "made_on": fields.Datetime.now(), "error": False,
                })
            _logger.info("audio %s: %.1f s of speech, %s bytes, made in %.2f s",
                         audio.id, spoken.duration, len(spoken.data),
                         spoken.seconds)
            done += 1
        return done

    @api.model
    def _cron_make_audio(self, batch_size=AUDIO_BATCH, commit=True):
        """Make every pending audio, oldest first, in batches."""
        def fetch(after, limit):
            domain = [("state", "=", "pending"), ("source", "=", "synthetic")]
            if after:
                domain.append(("id", ">", after))
            return self.sudo().search(domain, order="id", limit=limit).ids

        def process(ids):
            return self.sudo().browse(ids)._make()
        return run_in_batches(self.env, "party audio", fetch, process,
                              batch_size=batch_size, commit=commit)

    def _replace_with_recording(self, data, filename=None):
        """A human recording (any audio ffmpeg reads) replaces the voice."""
        self.ensure_one()
        if len(data) > MAX_RECORDING:
            raise UserError(_("The recording is larger than %s MB.")
                            % (MAX_RECORDING // 1024 // 1024))
        try:
            encoded = speech.encode(data)
            seconds = speech.duration(encoded)
        except speech.SpeechError:
            raise UserError(_("This file is not a sound recording that can be "
                              "read (use MP3, M4A, OGG or WAV)."))
        with internal_write(self):
            self.sudo().write({
                "source": "human", "state": "ready",
                "data": base64.b64encode(encoded),
                "mimetype": speech.MIMETYPE, "duration": seconds,
                "file_size": len(encoded), "seconds_to_make": 0,
                "engine": filename and filename[:100] or "recording",
                "script": False, "made_on": fields.Datetime.now(),
                "error": False,
            })

    def _back_to_synthetic(self):
        self.ensure_one()
        with internal_write(self):
            self.sudo().write({"source": "synthetic", "state": "pending",
                               "text_hash": False, "data": False})
        self._poke_cron()

    # --- listening --------------------------------------------------------

    @api.model
    def _listened_fraction(self):
        """Share of an audio that counts as listened (a rule row)."""
        return self.env["party.rule"].sudo().get_value(
            "audio_listened_fraction", 0.8)

    def _record_listening(self, fraction, user=None):
        """``user`` played ``fraction`` (0–1) of this audio; once it passes
        the rule's share it counts as listened (once per user), and the
        holder records it like reading. Returns True when counted."""
        audio = self._check_listener(user)
        user = user or self.env.user
        try:
            fraction = float(fraction)
        except (TypeError, ValueError):
            raise UserError(_("The share listened must be a number between 0 "
                              "and 1."))
        if not 0 <= fraction <= 1.0001:
            raise UserError(_("The share listened must be a number between 0 "
                              "and 1."))
        if fraction < audio._listened_fraction():
            return False
        Listen = self.env["party.audio.listen"].sudo()
        if Listen.search_count([("audio_id", "=", audio.id),
                                ("user_id", "=", user.id)]):
            return True
        member = self.env["party.member"].sudo().search(
            [("partner_id", "=", user.partner_id.id)], limit=1)
        # one step: a holder's hook that fails leaves no listener row (the
        # next report would count it as done, the hook never run)
        with self.env.cr.savepoint():
            with internal_write(Listen):
                Listen.create({"audio_id": audio.id, "user_id": user.id,
                               "member_id": member.id or False,
                               "fraction": min(fraction, 1.0)})
            holder = audio._holder()
            holder.sudo(user.id)._party_audio_listened(audio.purpose, member)
        return True


class PartyAudioListen(models.Model):
    _name = "party.audio.listen"
    _inherit = ["party.integrity.mixin"]
    _description = "Audio listened"
    _protected_fields = ("audio_id", "user_id", "member_id", "fraction",
                         "listened_on")

    audio_id = fields.Many2one("party.audio", required=True, index=True,
                               ondelete="cascade", readonly=True)
    user_id = fields.Many2one("res.users", required=True, index=True,
                              ondelete="cascade", readonly=True)
    member_id = fields.Many2one("party.member", index=True,
                                ondelete="set null", readonly=True)
    fraction = fields.Float(readonly=True)
    listened_on = fields.Datetime(default=fields.Datetime.now, readonly=True)

    _sql_constraints = [
        ("audio_user_uniq", "unique(audio_id, user_id)",
         "A listener counts once."),
    ]

    def _create_refusal(self):
        return _("Listening is recorded by the player.")


class PartyAudioHolder(models.AbstractModel):
    """What a record that speaks to its readers implements. Models list
    their purposes in ``_party_audio_purposes`` and give the text to say."""
    # the hooks' default bodies ignore their arguments (holders use them)
    # pylint: disable=unused-argument

    _name = "party.audio.holder"
    _description = "Record with an audio version"
    _party_audio_purposes = ()

    def _party_audio_text(self, purpose):  # pylint: disable=unused-argument
        """Plain text to say for ``purpose``, or "" when there is nothing to
        say yet (e.g. a draft)."""
        return ""

    def _party_audio_title(self, purpose):  # pylint: disable=unused-argument
        return self.display_name

    def _party_audio_may_listen(self, purpose):  # pylint: disable=unused-argument
        """Beyond reading the holder (checked before): may the current user
        listen to this purpose now? (e.g. minutes once approved)"""
        return True

    def _party_audio_listened(self, purpose, member):  # pylint: disable=unused-argument
        """The current user listened to most of it (hook: record it like
        reading)."""
        return True

    def _party_audio_check_manage(self):
        """May the current user replace the voice by a recording? Raise
        AccessError if not (default: who may write the record)."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    def _party_audio_request(self, purposes=None):
        """Ask for the audio of each purpose that has something to say."""
        Audio = self.env["party.audio"]
        for record in self:
            for purpose in purposes or record._party_audio_purposes:
                text = record._party_audio_text(purpose)
                if text and text.strip():
                    Audio._request(record, purpose, text,
                                   record._party_audio_title(purpose))
        return True

    def _party_audio(self, purpose):
        """The audio of ``purpose`` (superuser record), after checking that
        the current user may read this record; empty if there is none."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        return self.env["party.audio"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("purpose", "=", purpose)], limit=1)

    @api.model
    def _party_audio_map(self, records, purpose):
        """{record id: audio} for these records (one query; superuser
        audios: the caller has checked the records)."""
        if not records:
            return {}
        audios = self.env["party.audio"].sudo().search([
            ("res_model", "=", records._name), ("res_id", "in", records.ids),
            ("purpose", "=", purpose)])
        return {audio.res_id: audio for audio in audios}

    def _party_audio_url(self, purpose):
        audio = self._party_audio(purpose)
        if audio and audio.state == "ready":
            return "/party_handbook/audio/%s" % audio.id
        return ""

    @api.multi
    def action_party_audio_upload(self, purpose, data, filename=None):
        """Replace the voice of ``purpose`` by a human recording (base64
        ``data``)."""
        self.ensure_one()
        if purpose not in self._party_audio_purposes:
            raise UserError(_("This record has no such audio."))
        self._party_audio_check_manage()
        if not self._party_audio_may_listen(purpose):
            # a recording reads the final text: a draft may still change
            raise UserError(_(
                "A recording replaces the voice once the text is final "
                "(published, announced or approved): there is nothing to "
                "record yet."))
        audio = self._party_audio(purpose)
        if not audio:
            audio = self.env["party.audio"]._request(
                self, purpose, self._party_audio_text(purpose) or "",
                self._party_audio_title(purpose))
        try:
            raw = base64.b64decode(data or b"", validate=False)
        except (ValueError, TypeError):
            raw = b""
        if not raw:
            raise UserError(_("Choose the recording to upload."))
        audio._replace_with_recording(raw, filename)
        self.message_post(body=_("A human recording replaces the synthetic "
                                 "voice (%s).") % (dict(
                                     self.env["party.audio"]._fields["purpose"]
                                     ._description_selection(self.env))
                                     .get(purpose, purpose)))
        return True

    @api.multi
    def action_party_audio_synthetic(self, purpose):
        """Go back to the synthetic voice for ``purpose``."""
        self.ensure_one()
        if purpose not in self._party_audio_purposes:
            raise UserError(_("This record has no such audio."))
        self._party_audio_check_manage()
        audio = self._party_audio(purpose)
        if audio.source == "human":
            audio._back_to_synthetic()
            audio._request(self, purpose, self._party_audio_text(purpose) or "",
                           self._party_audio_title(purpose))
        return True
