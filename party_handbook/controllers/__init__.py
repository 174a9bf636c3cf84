# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import database
from . import register
from . import portal
from . import portal_documents
from . import report_errors
from . import data_protection
from . import totp
from . import portal_rating
from . import portal_assisted
from . import binary_upload
from . import portal_shortcuts
from . import pwa
from . import audio
from . import portal_bulletins
from . import portal_posters
from . import portal_fees
from . import portal_transfer
