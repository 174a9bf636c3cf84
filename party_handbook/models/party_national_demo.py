# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo's CSDL 3.0 export of Vinh Lộc commune (issue #16 §5): made
from the demo members when the demo data loads (their dates are relative to
that day), with a few differences of each kind, imported and compared by
the commune's officer; one difference corrected by a change request, one
marked to correct in CSDL 3.0, one ignored."""
import base64
import csv
import io
import unicodedata

from odoo import api, fields, models

HEADER = ["STT", "Số CCCD", "Họ và tên", "Ngày sinh", "Giới tính",
          "Số thẻ đảng viên", "Số lý lịch", "Ngày vào Đảng", "Ngày chính thức",
          "Mã tổ chức đảng", "Tên tổ chức đảng"]


def _date(value):
    return fields.Date.from_string(value).strftime("%d/%m/%Y") if value else ""


class PartyNationalImport(models.Model):
    _inherit = "party.national.import"

    @api.model
    def _demo_national_reconciliation(self):
        ref = self.env.ref
        commune = ref("party_handbook.org_vinh_loc_demo")
        cells = [ref("party_handbook.org_vinh_loc_cell_%s_demo" % i)
                 for i in (1, 2, 3)]
        officer = ref("party_handbook.user_officer_demo")
        cells[0].national_code = "46.VL.01"
        cells[1].national_code = "46.VL.02"
        # the third cell's members are still under the code of the commune
        # merged into Vinh Lộc on 1/7/2025
        self.env["party.national.code"].create({
            "national_code": "46.PL.01", "organization_id": cells[2].id,
            "note": "Mã chi bộ thôn Phú Lợi trước khi sắp xếp đơn vị hành "
                    "chính cấp xã (1/7/2025)"})
        codes = {cells[0]: "46.VL.01", cells[1]: "46.VL.02",
                 cells[2]: "46.PL.01"}
        members = self.env["party.member"].search([
            ("organization_id", "in", [c.id for c in cells]),
            ("state", "in", ("probationary", "official", "exempted")),
            ("national_id", "!=", False)], order="record_number, id")
        by_cell = {cell: members.filtered(
            lambda m, c=cell: m.organization_id == c) for cell in cells}
        first, second, third = (by_cell[c] for c in cells)
        rows = []
        changed = {}

        def row(member, **values):
            data = {
                "nid": member.national_id, "name": member.name,
                "born": _date(member.date_of_birth),
                "sex": {"male": "Nam", "female": "Nữ"}.get(member.gender, ""),
                "card": member.card_number or "",
                "record": member.record_number or "",
                "admitted": _date(member.admission_date),
                "official": _date(member.official_date),
                "code": codes[member.organization_id],
                "org": member.organization_id.name}
            data.update(values)
            rows.append(data)

        for member in members:
            if member == first[0]:
                # the 2025 card renewal: CSDL 3.0 holds the new card
                changed["card"] = member
                row(member, card="46.9" + (member.card_number or "0")[3:])
            elif member == first[1]:
                changed["name"] = member
                # the middle name as on the citizen ID card
                parts = member.name.split()
                if len(parts) > 2 and parts[1] in ("Thị", "Văn"):
                    parts = parts[:1] + parts[2:]
                else:
                    parts = parts[:1] + ["Thị" if member.gender == "female"
                                         else "Văn"] + parts[1:]
                row(member, name=" ".join(parts))
            elif member == first[2]:
                changed["born"] = member
                born = fields.Date.from_string(member.date_of_birth)
                row(member, born=born.replace(
                    day=1 if born.day != 1 else 2).strftime("%d/%m/%Y"))
            elif member == first[3]:
                continue  # missing in CSDL 3.0
            elif member == first[4]:
                # no diacritics: no difference (names are compared without)
                row(member, name=_strip(member.name))
            elif member == second[0]:
                admitted = fields.Date.from_string(member.admission_date)
                row(member, admitted=admitted.replace(
                    day=1 if admitted.day != 1 else 2).strftime("%d/%m/%Y"))
            elif member == second[1]:
                row(member, code=codes[cells[0]], org=cells[0].name)
            elif member == second[2]:
                row(member, code="46.VL.99", org="Chi bộ thôn Hiền An 2")
            elif member == third[0]:
                row(member)
                row(member)  # twice in the export
            else:
                row(member)
        rows.append({
            "nid": "046085331207", "name": "Trương Văn Hậu",
            "born": "12/04/1985", "sex": "Nam", "card": "46.377104",
            "record": "LL46-09912", "admitted": "19/05/2014",
            "official": "19/05/2015", "code": codes[cells[1]],
            "org": cells[1].name})
        rows.append({
            "nid": "046165220913", "name": "Hồ Thị Lài", "born": "30/02/1965",
            "sex": "Nữ", "card": "46.377120", "record": "LL46-09913",
            "admitted": "03/02/1995", "official": "03/02/1996",
            "code": codes[cells[1]], "org": cells[1].name})
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADER)
        for number, data in enumerate(rows, 1):
            writer.writerow([number, data["nid"], data["name"], data["born"],
                             data["sex"], data["card"], data["record"],
                             data["admitted"], data["official"], data["code"],
                             data["org"]])
        record = self.sudo(officer).create({
            "name": "CSDL đảng viên 3.0 — Đảng bộ xã Vinh Lộc",
            "organization_id": commune.id,
            "export_date": fields.Date.context_today(self),
            "filename": "csdl_dang_vien_3_0_xa_vinh_loc.csv",
            "file": base64.b64encode(buffer.getvalue().encode("utf-8"))})
        record.action_preview()
        record.action_import()
        record.action_compare()
        Difference = self.env["party.national.difference"].sudo(officer)
        card = Difference.search([("kind", "=", "card_number"),
                                  ("member_id", "=", changed["card"].id)])
        action = card.action_request_change()
        request = self.env["party.member.change.request"].sudo(
            officer).browse(action["res_id"])
        request.action_approve()
        Difference.search([("kind", "=", "date_of_birth"),
                           ("member_id", "=", changed["born"].id)]
                          ).action_mark_national(
            "Giấy khai sinh và căn cước công dân ghi đúng ngày sinh trong Sổ "
            "tay; đề nghị Ban Tổ chức Thành ủy điều chỉnh trên CSDL 3.0.")
        Difference.search([("kind", "=", "missing_local")]).action_ignore(
            "Đồng chí Trương Văn Hậu chuyển sinh hoạt đến từ tỉnh Quảng Trị; "
            "chi bộ đang chờ hồ sơ đảng viên để nhập vào Sổ tay.")
        return record


def _strip(name):
    text = unicodedata.normalize("NFD", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return text.replace("đ", "d").replace("Đ", "D")
