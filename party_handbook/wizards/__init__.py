# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import party_organization_reorganize
from . import party_member_status
from . import party_member_change_wizard
from . import party_member_change_reject
from . import party_reconciliation_wizard
from . import party_document_feedback_reply
from . import party_document_report_submit
from . import party_member_rating_wizard
from . import party_assistance_wizard
from . import party_print_names
from . import party_fee_cash_sheet
from . import party_fee_report
