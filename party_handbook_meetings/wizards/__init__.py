# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import party_meeting_monthly_summary
from . import party_meeting_monthly_summary_defaults
from . import party_meeting_excuse_wizard
from . import party_meeting_print_names
from . import party_meeting_poster
from . import party_meeting_minutes_draft
