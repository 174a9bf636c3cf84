# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue #12: motions voted before kinds of decision existed are ordinary
resolutions (more than half of the counted members); register rows written
before paper ballots existed were cast online or by the recorder."""
import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE party_meeting_motion SET decision_kind_id = d.res_id
          FROM ir_model_data d
         WHERE d.module = 'party_handbook_meetings'
           AND d.name = 'decision_kind_ordinary'
           AND party_meeting_motion.decision_kind_id IS NULL""")
    _logger.info("%s motions marked as ordinary resolutions", cr.rowcount)
    # the column could not be NOT NULL while the motions had no kind
    cr.execute("""
        SELECT 1 FROM party_meeting_motion WHERE decision_kind_id IS NULL
         LIMIT 1""")
    if not cr.fetchone():
        cr.execute("ALTER TABLE party_meeting_motion "
                   "ALTER COLUMN decision_kind_id SET NOT NULL")
    cr.execute("UPDATE party_meeting_vote SET channel = 'online' "
               "WHERE channel IS NULL")
    cr.execute("UPDATE party_meeting_motion SET paper_tally_recorded = false "
               "WHERE paper_tally_recorded IS NULL")
