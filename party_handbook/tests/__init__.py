# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_party_organization
from . import test_party_member
from . import test_decisions
from . import test_change_request
from . import test_reorganisation
from . import test_access
from . import test_security_hardening
from . import test_member_register
from . import test_reconciliation
from . import test_import
from . import test_document
from . import test_portal
from . import test_document_reports
from . import test_portal_documents
from . import test_integrity
from . import test_signin
