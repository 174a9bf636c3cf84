/* Copyright 2026 Party Handbook Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * The portal's listen button (views/portal_audio_templates.xml): plays and
 * pauses the audio, sets its speed, and tells the server once the member has
 * heard the share of it that counts as listened (the time actually played,
 * not the position: skipping to the end does not count). Plain script, no
 * framework: it must run on old phone browsers. */
(function () {
    'use strict';

    function word(section, name) {
        var node = section.querySelector('.o_party_audio_word[data-word="' + name + '"]');
        return node ? node.textContent : '';
    }

    function played(audio) {
        var total = 0;
        for (var i = 0; i < audio.played.length; i++) {
            total += audio.played.end(i) - audio.played.start(i);
        }
        return audio.duration ? total / audio.duration : 0;
    }

    function report(section, audio, status) {
        if (section.getAttribute('data-listened') || section.getAttribute('data-reporting')) {
            return;
        }
        var share = parseFloat(section.getAttribute('data-listened-share') || '0.8');
        var fraction = Math.min(played(audio), 1);
        if (fraction < share) {
            return;
        }
        section.setAttribute('data-reporting', '1');
        var request = new XMLHttpRequest();
        request.open('POST', '/party_handbook/audio/' + section.getAttribute('data-audio-id') + '/listened');
        request.setRequestHeader('Content-Type', 'application/json');
        request.onload = function () {
            section.removeAttribute('data-reporting');
            try {
                var answer = JSON.parse(request.responseText).result || {};
                if (answer.counted) {
                    section.setAttribute('data-listened', '1');
                    status.textContent = word(section, 'listened');
                }
            } catch (error) { /* a later pause reports again */ }
        };
        request.onerror = function () { section.removeAttribute('data-reporting'); };
        request.send(JSON.stringify({jsonrpc: '2.0', method: 'call',
                                     params: {fraction: fraction}}));
    }

    function setUp(section) {
        var audio = section.querySelector('audio');
        var button = section.querySelector('.o_party_listen');
        var label = section.querySelector('.o_party_listen_label');
        var icon = button && button.querySelector('.fa');
        var status = section.querySelector('.o_party_audio_status');
        if (!audio || !button) {
            return;
        }
        function showState() {
            var playing = !audio.paused && !audio.ended;
            label.textContent = word(section, playing ? 'pause' : 'play');
            button.setAttribute('aria-pressed', playing ? 'true' : 'false');
            if (icon) {
                icon.className = 'fa ' + (playing ? 'fa-pause' : 'fa-play');
            }
        }
        button.addEventListener('click', function () {
            if (audio.paused || audio.ended) {
                var started = audio.play();
                if (started && started.catch) {
                    started.catch(function () {
                        status.textContent = word(section, 'error');
                    });
                }
            } else {
                audio.pause();
            }
        });
        audio.addEventListener('play', showState);
        audio.addEventListener('pause', function () { showState(); report(section, audio, status); });
        audio.addEventListener('ended', function () { showState(); report(section, audio, status); });
        audio.addEventListener('timeupdate', function () { report(section, audio, status); });
        var speeds = section.querySelectorAll('.o_party_audio_speed input');
        for (var i = 0; i < speeds.length; i++) {
            speeds[i].addEventListener('change', function (event) {
                audio.playbackRate = parseFloat(event.target.value);
                audio.defaultPlaybackRate = audio.playbackRate;
            });
        }
        audio.addEventListener('loadedmetadata', function () {
            var checked = section.querySelector('.o_party_audio_speed input:checked');
            if (checked) {
                audio.playbackRate = parseFloat(checked.value);
            }
        });
        showState();
    }

    function start() {
        var sections = document.querySelectorAll('.o_party_audio[data-audio-id]');
        for (var i = 0; i < sections.length; i++) {
            setUp(sections[i]);
        }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
