# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_party_organization
from . import test_member_register
from . import test_reconciliation
from . import test_import
