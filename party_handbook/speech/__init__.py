# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Speech for members who listen rather than read (issue #15).

Pure Python (no Odoo import), so that the normalizer and the engine are
tested on their own:

- ``normalizer.normalize(text)``: party texts as they are read aloud
  (numbers, dates, document numbers, abbreviations);
- ``engine.speak(text)``: normalized text to compressed audio on this
  server (nothing leaves it), behind ``engine.SpeechEngine`` so that a
  better engine can replace espeak-ng.
"""
