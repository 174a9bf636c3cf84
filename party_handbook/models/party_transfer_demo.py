# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo: three transfers with fixed dates, taken through the same steps the
secretaries use: one within the city at "letter issued" (Vinh Lộc's first
cell to its second), one from outside the city at "received", one from
outside accepted (its member created with a "transferred in" history)."""
from odoo import api, models

SELF_REVIEW = (
    "Tôi luôn chấp hành nghiêm Cương lĩnh, Điều lệ Đảng, tham gia đầy đủ "
    "sinh hoạt chi bộ, đóng đảng phí đầy đủ. Nay chuyển công tác về đơn vị "
    "mới, tôi xin chuyển sinh hoạt đảng chính thức để tiếp tục sinh hoạt.")


class PartyTransferDemo(models.AbstractModel):
    _name = "party.transfer.demo"
    _description = "Demo transfers"

    @api.model
    def _create_demo_transfers(self):
        ref = self.env.ref
        secretary = ref("party_handbook.user_secretary_demo")
        officer = ref("party_handbook.user_officer_demo")
        Transfer = self.env["party.transfer"]
        # 1. within the city, letter issued (before Tết 2026: the 30
        #    working days run across the Tết holidays)
        internal = Transfer.sudo(secretary).create({
            "member_id": ref("party_handbook.party_member_010_demo").id,
            "reason": "job", "reason_note": "Chuyển công tác về thôn Hiền An",
            "change_date": "2026-01-05", "request_date": "2026-01-20",
            "to_organization_id": ref("party_handbook.org_vinh_loc_cell_2_demo").id,
            "self_review": SELF_REVIEW,
            "dvc_reference": "G22.99-260120-0001",
        })
        internal.action_review()
        internal.write({"letter_number": "15-GGT/ĐU", "letter_date": "2026-02-10",
                        "fee_paid_until_entered": "2026-01"})
        internal.action_issue_letter()
        # 2. from outside the city, received
        Transfer.sudo(secretary).create({
            "member_name": "Lê Thị Thu Hà", "member_gender": "female",
            "member_date_of_birth": "1988-04-12",
            "member_admission_date": "2012-09-02",
            "member_official_date": "2013-09-02", "member_status": "official",
            "from_organization_name": "Chi bộ Tổ dân phố 5, Đảng bộ phường "
                                      "Hòa Khánh, thành phố Đà Nẵng",
            "to_organization_id": ref("party_handbook.org_vinh_loc_cell_1_demo").id,
            "letter_number": "42-GGT/ĐU", "letter_date": "2026-03-02",
            "fee_paid_until_entered": "2026-02", "received_date": "2026-03-10",
            "change_date": "2026-02-16", "reason": "move",
            "dvc_reference": "G01.48-260302-0117",
        })
        # 3. from outside the city, accepted
        accepted = Transfer.sudo(officer).create({
            "member_name": "Trương Công Minh", "member_gender": "male",
            "member_date_of_birth": "1979-11-03",
            "member_admission_date": "2004-05-19",
            "member_official_date": "2005-05-19", "member_status": "official",
            "from_organization_name": "Chi bộ Cơ quan Sở Xây dựng, Đảng bộ "
                                      "tỉnh Quảng Trị",
            "to_organization_id": ref("party_handbook.org_vinh_loc_cell_2_demo").id,
            "letter_number": "08-GGT/ĐU", "letter_date": "2026-04-01",
            "fee_paid_until_entered": "2026-03", "received_date": "2026-04-08",
            "change_date": "2026-03-15", "reason": "retirement",
        })
        accepted.write({"accept_date": "2026-04-15"})
        accepted.action_accept()
        return True
