# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import party_organization
from . import party_organization_event
from . import party_member
from . import party_member_record
from . import party_member_history
from . import party_member_career
from . import party_member_reward
from . import party_member_rating
from . import party_member_change_request
from . import res_users
from . import res_partner
from . import party_member_register
from . import party_document
from . import party_document_receipt
from . import party_document_feedback
from . import party_document_notice
from . import party_document_report
