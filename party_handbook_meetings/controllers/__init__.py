# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import portal_meetings
from . import bus
from . import portal_meeting_audio
