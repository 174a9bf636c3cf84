# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_party_meeting
from . import test_statute
from . import test_meeting_flow
from . import test_ballot_crypto
from . import test_votes
from . import test_meeting_access
from . import test_portal_meetings
from . import test_meeting_minutes_report
from . import test_meeting_statistics
from . import test_party_meeting_day_view
from . import test_integrity
from . import test_platform_calendar
from . import test_field_access
from . import test_data_protection
from . import test_data_export
from . import test_assisted_meetings
