from . import party_member
from . import party_meeting
from . import party_meeting_attendance
from . import party_meeting_motion
from . import party_meeting_vote_wizard
from . import party_meeting_demo
from . import party_meeting_minutes
from . import party_meeting_statistics
