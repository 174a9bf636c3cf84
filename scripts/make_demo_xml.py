#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write party_handbook/demo/party_member_demo.xml: about 200 party members of
the demo organizations with their history, career, rewards, discipline,
ratings, the committee positions of cells and communes, and one demo user per
role.

Deterministic (seeded random, fixed reference date): running it twice writes
the same file. Dates that must follow the day the demo is installed
(probationary members' admission, the years of the ratings, a probationary
member's discipline) are written as ``eval`` expressions; the rest are fixed
dates before REFERENCE.

Run with the system Python (no Odoo needed):  python3 scripts/make_demo_xml.py
"""
import argparse
import os
import random
from collections import Counter, defaultdict
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "party_handbook", "demo", "party_member_demo.xml")
SEED = 20251015
# Every fixed date is before this day.
REFERENCE = date(2026, 1, 1)
HUE = "thành phố Huế"

# Communes (xml id, name, locality name used in addresses, issuing body).
COMMUNES = {
    "org_vinh_loc_demo": ("xã Vinh Lộc", "Đảng ủy xã Vinh Lộc"),
    "org_huong_an_demo": ("phường Hương An", "Đảng ủy phường Hương An"),
    "org_binh_dien_demo": ("xã Bình Điền", "Đảng ủy xã Bình Điền"),
    "org_thuan_hoa_demo": ("phường Thuận Hóa", "Đảng ủy phường Thuận Hóa"),
    "org_phu_xuan_demo": ("phường Phú Xuân", "Đảng ủy phường Phú Xuân"),
    "org_phu_vang_demo": ("xã Phú Vang", "Đảng ủy xã Phú Vang"),
    "org_phu_bai_demo": ("phường Phú Bài", "Đảng ủy phường Phú Bài"),
}
# Cells: xml id, commune, name, number of members, kind, place (address).
CELLS = [
    ("org_vinh_loc_cell_1_demo", "org_vinh_loc_demo", "Chi bộ thôn Lương Viện",
     16, "rural", "thôn Lương Viện"),
    ("org_vinh_loc_cell_2_demo", "org_vinh_loc_demo", "Chi bộ thôn Hiền An",
     16, "rural", "thôn Hiền An"),
    ("org_vinh_loc_cell_3_demo", "org_vinh_loc_demo", "Chi bộ thôn Phú Lợi",
     12, "rural", "thôn Phú Lợi"),
    ("org_huong_an_cell_1_demo", "org_huong_an_demo", "Chi bộ khu vực Bồn Phổ",
     17, "urban", "khu vực Bồn Phổ"),
    ("org_huong_an_cell_2_demo", "org_huong_an_demo",
     "Chi bộ khu vực Thanh Chữ", 13, "urban", "khu vực Thanh Chữ"),
    ("org_binh_dien_cell_1_demo", "org_binh_dien_demo", "Chi bộ thôn Hương Sơn",
     14, "mountain", "thôn Hương Sơn"),
    ("org_binh_dien_cell_2_demo", "org_binh_dien_demo",
     "Chi bộ thôn Bình Thành", 10, "mountain", "thôn Bình Thành"),
    ("org_thuan_hoa_cell_1_demo", "org_thuan_hoa_demo",
     "Chi bộ khu vực 1 Vĩnh Ninh", 18, "city", None),
    ("org_thuan_hoa_cell_2_demo", "org_thuan_hoa_demo",
     "Chi bộ khu vực 3 Phú Hội", 14, "city", None),
    ("org_phu_xuan_cell_1_demo", "org_phu_xuan_demo", "Chi bộ khu vực 2 Đông Ba",
     17, "city", None),
    ("org_phu_xuan_cell_2_demo", "org_phu_xuan_demo",
     "Chi bộ khu vực 5 Thuận Lộc", 13, "city", None),
    # Deliberately only 2 official members: the form shows the warning.
    ("org_phu_vang_cell_1_demo", "org_phu_vang_demo", "Chi bộ thôn Kế Sung",
     4, "rural", "thôn Kế Sung"),
    ("org_det_may_office_cell_demo", "org_phu_bai_demo",
     "Chi bộ Văn phòng Công ty", 10, "factory", None),
    ("org_det_may_soi_cell_1_demo", "org_phu_bai_demo", "Chi bộ Phân xưởng Sợi 1",
     14, "factory", None),
    ("org_det_may_soi_cell_2_demo", "org_phu_bai_demo", "Chi bộ Phân xưởng Sợi 2",
     12, "factory", None),
]
SMALL_CELL = "org_phu_vang_cell_1_demo"
STREETS = {
    "org_thuan_hoa_demo": ["Lê Lợi", "Hùng Vương", "Nguyễn Huệ", "Bến Nghé",
                           "Phan Chu Trinh", "Nguyễn Trường Tộ", "Ngô Quyền"],
    "org_phu_xuan_demo": ["Mai Thúc Loan", "Đinh Tiên Hoàng", "Lê Duẩn",
                          "Huỳnh Thúc Kháng", "Tăng Bạt Hổ", "Chi Lăng"],
}
FACTORY_HOMES = ["tổ dân phố 3, phường Phú Bài", "tổ dân phố 7, phường Phú Bài",
                 "thôn Lang Xá Cồn, phường Thủy Xuân", "thôn Thanh Thủy Chánh, "
                 "phường Thanh Thủy", "tổ dân phố Châu Sơn, phường Thủy Xuân",
                 "thôn Phú Lương, xã Phú Vang"]
HOME_TOWNS = [
    "Phú Vang, Thừa Thiên Huế", "Hương Trà, Thừa Thiên Huế",
    "Quảng Điền, Thừa Thiên Huế", "Phong Điền, Thừa Thiên Huế",
    "Phú Lộc, Thừa Thiên Huế", "Hương Thủy, Thừa Thiên Huế",
    "A Lưới, Thừa Thiên Huế", "Nam Đông, Thừa Thiên Huế",
    "thành phố Huế, Thừa Thiên Huế",
]
HOME_TOWN_BY_COMMUNE = {
    "org_vinh_loc_demo": "Phú Lộc, Thừa Thiên Huế",
    "org_huong_an_demo": "Hương Trà, Thừa Thiên Huế",
    "org_binh_dien_demo": "Hương Trà, Thừa Thiên Huế",
    "org_phu_vang_demo": "Phú Vang, Thừa Thiên Huế",
    "org_thuan_hoa_demo": "thành phố Huế, Thừa Thiên Huế",
    "org_phu_xuan_demo": "thành phố Huế, Thừa Thiên Huế",
    "org_phu_bai_demo": "Hương Thủy, Thừa Thiên Huế",
}

SURNAMES = [("Nguyễn", 24), ("Trần", 9), ("Lê", 10), ("Phạm", 4), ("Hoàng", 6),
            ("Huỳnh", 4), ("Phan", 5), ("Võ", 6), ("Đặng", 3), ("Bùi", 3),
            ("Đỗ", 2), ("Hồ", 5), ("Ngô", 3), ("Dương", 2), ("Lý", 1),
            ("Trương", 3), ("Đoàn", 2), ("Mai", 1), ("Lương", 1)]
MALE_ONLY_SURNAMES = [("Nguyễn Phước", 2), ("Tôn Thất", 2)]
FEMALE_ONLY_SURNAMES = [("Tôn Nữ", 3)]
MALE_MIDDLE = [("Văn", 30), ("Đức", 6), ("Hữu", 6), ("Quang", 5), ("Minh", 5),
               ("Công", 4), ("Đình", 4), ("Xuân", 4), ("Ngọc", 3), ("Thanh", 3),
               ("Anh", 2), ("Bá", 2), ("Viết", 3), ("Trọng", 2), ("Quốc", 3)]
MALE_GIVEN = ["Hùng", "Dũng", "Tuấn", "Sơn", "Hải", "Long", "Nam", "Phúc",
              "Thắng", "Toàn", "Quân", "Bảo", "Huy", "Khánh", "Lâm", "Tài",
              "Trung", "Vinh", "Lợi", "Thành", "Hòa", "Bình", "Cường", "Định",
              "Hiếu", "Hưng", "Kiên", "Lộc", "Mạnh", "Nghĩa", "Phong", "Quý",
              "Sang", "Tâm", "Thái", "Thiện", "Tín", "Tú", "Việt", "Xuân",
              "Châu", "Đạt", "Hoàng", "Khoa", "Nhân", "Phước"]
FEMALE_MIDDLE = [("Thị", 40), ("Thị Thu", 6), ("Thị Kim", 5), ("Thị Minh", 4),
                 ("Thị Thanh", 5), ("Thị Ngọc", 4), ("Ngọc", 3), ("Thu", 3),
                 ("Thanh", 3), ("Phương", 2), ("Mỹ", 2), ("Diệu", 2), ("Bảo", 1)]
FEMALE_GIVEN = ["Lan", "Hương", "Hoa", "Mai", "Thảo", "Hằng", "Nga", "Trang",
                "Linh", "Huyền", "Nhung", "Yến", "Hạnh", "Thủy", "Phương",
                "Dung", "Loan", "Vân", "Hà", "Hiền", "Liên", "Ngân", "Oanh",
                "Quyên", "Tâm", "Thúy", "Trinh", "Uyên", "Xuân", "Diệp", "Châu",
                "Hồng", "Anh", "Nhàn", "Sương", "Tuyết"]

OCCUPATIONS = {
    "rural": [("Nông dân", 5), ("Ngư dân", 3), ("Giáo viên", 2),
              ("Cán bộ xã", 2), ("Buôn bán nhỏ", 2), ("Công an xã", 1),
              ("Nhân viên y tế", 1), ("Lao động tự do", 1)],
    "mountain": [("Nông dân", 6), ("Làm rừng", 3), ("Giáo viên", 2),
                 ("Cán bộ xã", 2), ("Nhân viên y tế", 1)],
    "urban": [("Buôn bán nhỏ", 3), ("Giáo viên", 2), ("Viên chức", 3),
              ("Công nhân", 2), ("Nông dân", 2), ("Kinh doanh", 1)],
    "city": [("Viên chức", 4), ("Giáo viên", 3), ("Bác sĩ", 2), ("Kỹ sư", 2),
             ("Kinh doanh", 2), ("Buôn bán nhỏ", 2), ("Công chức", 3),
             ("Luật sư", 1), ("Kiến trúc sư", 1)],
    "factory": [("Công nhân dệt may", 8), ("Kỹ sư", 2), ("Kế toán", 1),
                ("Cán bộ quản lý", 1), ("Nhân viên văn phòng", 1)],
}
EMPLOYERS = {
    "rural": ["UBND xã Vinh Lộc", "Hợp tác xã nông nghiệp Vinh Lộc",
              "Trường Tiểu học Vinh Lộc", "Trạm Y tế xã Vinh Lộc",
              "Hợp tác xã nuôi trồng thủy sản Phú Vang"],
    "mountain": ["UBND xã Bình Điền", "Lâm trường Hương Trà",
                 "Trường THCS Bình Điền", "Hợp tác xã nông nghiệp Bình Thành"],
    "urban": ["UBND phường Hương An", "Trường THCS Hương An",
              "Công ty TNHH Xây dựng Hương Trà", "Chợ Bồn Phổ"],
    "city": ["Sở Giáo dục và Đào tạo Thừa Thiên Huế", "Bệnh viện Trung ương Huế",
             "Trung tâm Bảo tồn Di tích Cố đô Huế", "Trường THPT chuyên Quốc Học",
             "Sở Xây dựng Thừa Thiên Huế", "Đại học Huế",
             "Công ty Cổ phần Du lịch Hương Giang", "UBND phường Phú Hội"],
    "factory": ["Công ty Cổ phần Dệt May Huế", "Công ty Cổ phần Sợi Phú Bài",
                "Công ty TNHH Dệt Thiên An Phát"],
}
EX_MILITARY = ["Trung đoàn 6, Quân khu Trị Thiên",
               "Bộ Chỉ huy Quân sự tỉnh Thừa Thiên Huế",
               "Sư đoàn 324, Quân khu 4", "Công an tỉnh Thừa Thiên Huế"]
TRAININGS = [
    ("Trường Chính trị Nguyễn Chí Thanh", "Trung cấp lý luận chính trị - hành "
     "chính", "political", "Bằng trung cấp"),
    ("Trung tâm Chính trị huyện", "Bồi dưỡng lý luận chính trị dành cho đảng "
     "viên mới", "political", "Giấy chứng nhận"),
    ("Học viện Chính trị khu vực III", "Cao cấp lý luận chính trị", "political",
     "Bằng cao cấp"),
    ("Trường Đại học Sư phạm, Đại học Huế", "Sư phạm Ngữ văn", "professional",
     "Cử nhân"),
    ("Trường Đại học Y - Dược, Đại học Huế", "Y đa khoa", "professional",
     "Bác sĩ"),
    ("Trường Đại học Kinh tế, Đại học Huế", "Kế toán", "professional", "Cử nhân"),
    ("Trường Đại học Khoa học, Đại học Huế", "Kiến trúc", "professional",
     "Kiến trúc sư"),
    ("Trường Cao đẳng Công nghiệp Huế", "Công nghệ may", "professional",
     "Cao đẳng"),
    ("Trường Chính trị Nguyễn Chí Thanh", "Quản lý nhà nước ngạch chuyên viên",
     "state_management", "Chứng chỉ"),
    ("Trường Đại học Ngoại ngữ, Đại học Huế", "Tiếng Anh bậc 3 (B1)",
     "language", "Chứng chỉ B1"),
]
VN_MOBILE = ["090", "091", "093", "094", "097", "098", "088", "035", "077"]


class Writer:
    def __init__(self):
        self.lines = []

    def record(self, xml_id, model, fields, context=None, comment=None):
        if comment:
            self.lines.append("    <!-- %s -->" % escape(comment))
        attrs = "id=%s model=%s" % (quoteattr(xml_id), quoteattr(model))
        if context:
            attrs += " context=%s" % quoteattr(context)
        self.lines.append("    <record %s>" % attrs)
        for name, value in fields:
            if value is None or value is False or value == "":
                continue
            if isinstance(value, Ref):
                self.lines.append('        <field name="%s" ref="%s"/>'
                                  % (name, value.xml_id))
            elif isinstance(value, Eval):
                self.lines.append('        <field name="%s" eval=%s/>'
                                  % (name, quoteattr(value.expr)))
            else:
                self.lines.append('        <field name="%s">%s</field>'
                                  % (name, escape(str(value))))
        self.lines.append("    </record>")

    def comment(self, text):
        self.lines.append("")
        self.lines.append("    <!-- %s -->" % escape(text))


class Ref:
    def __init__(self, xml_id):
        self.xml_id = xml_id


class Eval:
    def __init__(self, expr):
        self.expr = expr


def days_ago(months=0, days=0):
    return Eval("(DateTime.today() - relativedelta(months=%d, days=%d))"
                ".strftime('%%Y-%%m-%%d')" % (months, days))


def iso(day):
    return day.strftime("%Y-%m-%d")


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for dom in (day.day, 30, 29, 28):
        try:
            return date(year, month, dom)
        except ValueError:
            continue
    raise ValueError(day)


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.names = set()
        self.national_ids = set()
        self.cards = set()
        self.members = []
        self.by_cell = defaultdict(list)

    # --- identity ---------------------------------------------------------

    def name(self, gender, age):
        rng = self.rng
        while True:
            if gender == "male":
                surname = weighted(rng, SURNAMES + MALE_ONLY_SURNAMES)
                middle = weighted(rng, MALE_MIDDLE)
                given = rng.choice(MALE_GIVEN)
            else:
                surname = weighted(rng, SURNAMES + FEMALE_ONLY_SURNAMES)
                # Older women's names almost all carry "Thị".
                middle = "Thị" if age > 65 and rng.random() < 0.7 else weighted(
                    rng, FEMALE_MIDDLE)
                given = rng.choice(FEMALE_GIVEN)
            full = " ".join([surname, middle, given])
            if full not in self.names:
                self.names.add(full)
                return full

    def national_id(self, gender, dob):
        century = 0 if dob.year < 2000 else 2
        digit = century + (0 if gender == "male" else 1)
        while True:
            value = "046%d%02d%06d" % (digit, dob.year % 100,
                                       self.rng.randrange(10 ** 6))
            if value not in self.national_ids:
                self.national_ids.add(value)
                return value

    def card_number(self):
        while True:
            value = "46.%06d" % self.rng.randrange(10 ** 6)
            if value not in self.cards:
                self.cards.add(value)
                return value

    def mobile(self):
        return "%s %s %s" % (self.rng.choice(VN_MOBILE),
                             self.rng.randrange(100, 1000),
                             self.rng.randrange(100, 1000))

    def birth_date(self, age):
        return REFERENCE - timedelta(days=int(age * 365.25)
                                     + self.rng.randrange(1, 360))

    def age_for(self, kind, state):
        rng = self.rng
        if state == "probationary":
            return rng.randint(20, 36)
        if state == "exempted":
            return rng.randint(74, 92)
        if state == "deceased":
            return rng.randint(80, 95)
        if state in ("left", "transferred_out"):
            return rng.randint(27, 50)
        if kind == "factory":
            return rng.randint(24, 58)
        low, high = rng.choices([(22, 30), (31, 45), (46, 60), (61, 75),
                                 (76, 90)], [10, 24, 28, 24, 14])[0]
        return rng.randint(low, high)

    def residence(self, cell):
        xml_id, commune, _name, _size, kind, place = cell
        locality = COMMUNES[commune][0]
        if kind == "factory":
            return "%s, %s" % (self.rng.choice(FACTORY_HOMES), HUE)
        if kind == "city":
            return "%d %s, %s, %s" % (self.rng.randint(2, 180),
                                      self.rng.choice(STREETS[commune]),
                                      locality, HUE)
        return "%s, %s, %s" % (place, locality, HUE)

    # --- members ----------------------------------------------------------

    def make_member(self, cell, state, **fixed):
        rng = self.rng
        kind = cell[4]
        age = fixed.get("age") or self.age_for(kind, state)
        gender = fixed.get("gender") or (
            "female" if rng.random() < (0.45 if kind == "factory" else 0.38)
            else "male")
        dob = fixed.get("dob") or self.birth_date(age)
        member = {
            "seq": len(self.members) + 1, "cell": cell, "state": state,
            "kind": kind, "age": age, "gender": gender, "dob": dob,
            "name": fixed.get("name") or self.name(gender, age),
        }
        member["xml_id"] = fixed.get("xml_id") or (
            "party_member_%03d_demo" % member["seq"])
        if state == "probationary":
            if fixed.get("probation_ending"):
                months, days = 11, fixed["probation_ending"]
            else:
                months, days = rng.randint(1, 10), rng.randint(0, 25)
            member["admission"] = days_ago(months, days)
            member["admitted_months_ago"] = months
        else:
            # Admitted between 18 and 40, at least 13 months before REFERENCE.
            latest = min(age - 2, 40)
            admission_age = min(latest, max(18, int(rng.gauss(25, 5))))
            admission = add_years(dob, admission_age) + timedelta(
                days=rng.randrange(0, 330))
            admission = min(admission, add_months(REFERENCE, -14))
            if admission < add_years(dob, 18):
                admission = add_years(dob, 18) + timedelta(days=10)
            member["admission"] = admission
            member["official"] = add_months(admission, 12)
        self.fill_profile(member)
        self.members.append(member)
        self.by_cell[cell[0]].append(member)
        return member

    def fill_profile(self, member):
        rng = self.rng
        kind, age, cell = member["kind"], member["age"], member["cell"]
        commune = cell[1]
        member["ethnicity"] = "Kinh"
        if kind == "mountain" and rng.random() < 0.3:
            member["ethnicity"] = rng.choice(["Cơ Tu", "Tà Ôi", "Pa Cô"])
        member["religion"] = weighted(rng, [("Không", 85), ("Phật giáo", 12),
                                            ("Công giáo", 3)])
        member["national_id"] = self.national_id(member["gender"], member["dob"])
        member["home_town"] = (HOME_TOWN_BY_COMMUNE[commune]
                               if rng.random() < 0.6 else rng.choice(HOME_TOWNS))
        member["residence"] = self.residence(cell)
        if member["state"] != "probationary":
            member["card"] = self.card_number()
        member["record_number"] = "LL46-%05d" % (1000 + member["seq"] * 7)
        if age > 70:
            member["education"] = weighted(rng, [("primary", 2),
                                                 ("lower_secondary", 4),
                                                 ("upper_secondary", 3)])
        elif age > 50:
            member["education"] = weighted(rng, [("lower_secondary", 2),
                                                 ("upper_secondary", 8)])
        else:
            member["education"] = "upper_secondary"
        if kind == "city":
            professional = [("bachelor", 6), ("master", 3), ("doctor", 1),
                            ("college", 1)]
        elif kind == "factory":
            professional = [("vocational", 5), ("college", 3), ("bachelor", 2),
                            ("none", 1)]
        else:
            professional = [("none", 4), ("vocational", 3), ("college", 2),
                            ("bachelor", 2)]
        member["professional"] = (
            "none" if member["education"] != "upper_secondary"
            else weighted(rng, professional))
        if member["state"] == "probationary":
            member["theory"] = "none"
        else:
            member["theory"] = weighted(rng, [("elementary", 7),
                                              ("intermediate", 2),
                                              ("advanced", 1 if kind == "city"
                                               else 0.2)])
        if age < 50 and member["professional"] in (
                "bachelor", "master", "doctor"):
            member["language"] = rng.choice(["Tiếng Anh bậc 3 (B1)",
                                             "Tiếng Anh trình độ B",
                                             "Tiếng Anh bậc 4 (B2)",
                                             "Tiếng Pháp trình độ A"])
        if age >= 62 and member["state"] in ("official", "exempted",
                                             "deceased"):
            member["occupation"] = weighted(rng, [("Hưu trí", 6),
                                                  ("Cựu chiến binh", 3),
                                                  ("Nông dân", 1)])
        else:
            member["occupation"] = weighted(rng, OCCUPATIONS[kind])
        if kind == "factory" and member["occupation"] == "Nông dân":
            member["occupation"] = "Công nhân dệt may"
        if rng.random() < 0.7:
            member["mobile"] = self.mobile()
        # Badge (Huy hiệu Đảng) for 30 years and more.
        if "official" in member:
            years = (REFERENCE - member["admission"]).days // 365
            levels = [30, 40, 45, 50, 55, 60, 65, 70, 75]
            earned = [level for level in levels if level <= years]
            if earned:
                level = earned[-1]
                badge_day = add_years(member["admission"], level)
                # awarded on the next 3 February (the Party's anniversary)
                award = date(badge_day.year, 2, 3)
                if award < badge_day:
                    award = date(badge_day.year + 1, 2, 3)
                if award < REFERENCE:
                    member["badge"] = str(level)
                    member["badge_date"] = award

    def build(self):
        rng = self.rng
        cells = {cell[0]: cell for cell in CELLS}
        # The members behind the demo users.
        vl1 = cells["org_vinh_loc_cell_1_demo"]
        self.make_member(vl1, "official", xml_id="party_member_secretary_demo",
                         name="Nguyễn Văn Thành", gender="male", age=55,
                         dob=date(1970, 4, 12))
        self.make_member(vl1, "official", xml_id="party_member_member_demo",
                         name="Trần Thị Mỹ Linh", gender="female", age=37,
                         dob=date(1988, 9, 2))
        self.make_member(cells["org_vinh_loc_cell_2_demo"], "official",
                         xml_id="party_member_officer_demo",
                         name="Hoàng Đức Minh", gender="male", age=46,
                         dob=date(1979, 6, 20))
        self.make_member(cells["org_thuan_hoa_cell_1_demo"], "official",
                         xml_id="party_member_supervisor_demo",
                         name="Phan Quang Huy", gender="male", age=50,
                         dob=date(1975, 11, 8))
        self.make_member(cells["org_phu_xuan_cell_1_demo"], "official",
                         xml_id="party_member_cityofficer_demo",
                         name="Tôn Nữ Thị Phương Thảo", gender="female", age=43,
                         dob=date(1982, 3, 15))
        for member in self.members:
            self.names.add(member["name"])
        # The small cell: 2 official members, 1 probationary, 1 deceased.
        small = cells[SMALL_CELL]
        self.make_member(small, "official", age=rng.randint(40, 55))
        self.make_member(small, "official", age=rng.randint(36, 48))
        self.make_member(small, "probationary")
        self.make_member(small, "deceased")
        # Special states spread over the other cells.
        residential = [c for c in CELLS if c[4] != "factory" and c[0] != SMALL_CELL]
        others = [c for c in CELLS if c[0] != SMALL_CELL]
        special = []
        special += [("probationary", rng.choice(others)) for _i in range(14)]
        special += [("exempted", rng.choice(residential)) for _i in range(8)]
        special += [("deceased", rng.choice(residential)) for _i in range(2)]
        special += [("left", rng.choice(others)) for _i in range(2)]
        special += [("transferred_out", rng.choice(others)) for _i in range(2)]
        ending = iter([6, 13, 20])
        for state, cell in special:
            fixed = {}
            if state == "probationary":
                fixed["probation_ending"] = next(ending, None)
            self.make_member(cell, state, **fixed)
        for cell in CELLS:
            while len(self.by_cell[cell[0]]) < cell[3]:
                self.make_member(cell, "official")
        self.members.sort(key=lambda m: (CELLS.index(m["cell"]), m["seq"]))
        self.plan_history()
        self.plan_positions()
        self.check()

    def plan_history(self):
        rng = self.rng
        for member in self.members:
            state = member["state"]
            # Members who became official recently show both steps.
            member["two_step"] = state == "official" and member[
                "official"] >= date(2022, 1, 1)
            if state == "exempted":
                start = max(add_years(member["dob"], 72), date(2012, 1, 1),
                            member["official"] + timedelta(days=400))
                member["event_date"] = min(start + timedelta(
                    days=rng.randrange(0, 900)), date(2025, 10, 20))
            elif state in ("deceased", "left", "transferred_out"):
                member["event_date"] = date(2024, 1, 15) + timedelta(
                    days=rng.randrange(0, 640))

    def plan_positions(self):
        """Cell secretary and deputy, commune and grassroots committees."""
        rng = self.rng
        self.positions = []
        used = set()

        def eligible(members, min_age=28, max_age=68, org=None):
            pool = [m for m in members if m["state"] == "official"
                    and min_age <= m["age"] <= max_age]
            free = [m for m in pool if m["seq"] not in used]
            if free or not org:
                return free
            # A small commune: its committee also holds cell positions.
            return [m for m in pool if not any(
                p[0] == org and p[1] is m for p in self.positions)]

        def take(member, org, role, start, end=None):
            used.add(member["seq"])
            self.positions.append((org, member, role, start, end))

        by_xml = {m["xml_id"]: m for m in self.members}
        for cell in CELLS:
            members = self.by_cell[cell[0]]
            if cell[0] == "org_vinh_loc_cell_1_demo":
                secretary = by_xml["party_member_secretary_demo"]
            else:
                secretary = max(eligible(members, 35), key=lambda m: (
                    m["theory"] != "elementary", m["age"]))
            take(secretary, cell[0], "secretary", date(2020, 7, 1))
            deputy = rng.choice([m for m in eligible(members, 25)
                                 if m["xml_id"] not in USER_MEMBERS])
            take(deputy, cell[0], "deputy", date(2025, 5, 20))
        # A former secretary, now exempted, keeps a dated past position.
        vl1 = self.by_cell["org_vinh_loc_cell_1_demo"]
        past = [m for m in vl1 if m["state"] == "exempted"] or [
            m for m in vl1 if m["age"] > 65]
        if past:
            self.positions.append(("org_vinh_loc_cell_1_demo", past[0],
                                   "secretary", date(2010, 6, 1),
                                   date(2020, 6, 30)))
        for commune in COMMUNES:
            members = [m for m in self.members if m["cell"][1] == commune]
            if commune == "org_vinh_loc_demo":
                take(by_xml["party_member_officer_demo"], commune, "standing",
                     date(2025, 7, 1))
            pool = eligible(members, 38, 60, commune)
            take(pool.pop(rng.randrange(len(pool))), commune, "secretary",
                 date(2025, 7, 1))
            pool = eligible(members, 35, 60, commune)
            take(pool.pop(rng.randrange(len(pool))), commune, "deputy",
                 date(2025, 7, 1))
        factory = [m for m in self.members if m["kind"] == "factory"]
        for org, role in (("org_det_may_demo", "secretary"),
                          ("org_det_may_demo", "deputy"),
                          ("org_det_may_soi_demo", "secretary")):
            pool = eligible(factory, 35, 58)
            take(pool[rng.randrange(len(pool))], org, role, date(2025, 6, 15))
        take(by_xml["party_member_supervisor_demo"], "org_hue_demo", "member",
             date(2025, 10, 16))
        for _org, member, _role, _start, _end in self.positions:
            if member["theory"] in ("none", "elementary"):
                member["theory"] = "intermediate"

    def check(self):
        for cell in CELLS:
            members = self.by_cell[cell[0]]
            official = sum(1 for m in members
                           if m["state"] in ("official", "exempted"))
            if cell[0] == SMALL_CELL:
                assert official == 2, (cell, official)
            else:
                assert official >= 3, (cell, official)
        for member in self.members:
            if "official" in member:
                assert member["admission"] >= add_years(member["dob"], 18)
                assert member["official"] < REFERENCE
        assert len(self.cards) == len(set(self.cards))

    # --- XML ----------------------------------------------------------------

    def write(self, path):
        out = Writer()
        self.write_members(out)
        self.write_history(out)
        self.write_career(out)
        self.write_rewards(out)
        self.write_ratings(out)
        self.write_positions(out)
        self.write_users(out)
        header = [
            '<?xml version="1.0" encoding="utf-8"?>',
            "<!-- Copyright 2026 Party Handbook Developers",
            "     License LGPL-3.0 or later "
            "(https://www.gnu.org/licenses/lgpl).",
            "",
            "     GENERATED by scripts/make_demo_xml.py: edit the script and run",
            "     python3 scripts/make_demo_xml.py, do not edit this file.",
            "",
            "     noupdate: states and organizations of demo members change",
            "     through the UI; a module update must not write them back. -->",
            '<odoo noupdate="1">',
        ]
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(header + out.lines + ["</odoo>", ""]))

    def write_members(self, out):
        ctx = "{'tracking_disable': True, 'mail_create_nolog': True}"
        current_cell = None
        for member in self.members:
            if member["cell"] is not current_cell:
                current_cell = member["cell"]
                out.comment("%s (%s)" % (current_cell[2],
                                         COMMUNES[current_cell[1]][0]))
            partner = None
            if member["xml_id"] in USER_MEMBERS:
                login = USER_MEMBERS[member["xml_id"]]
                partner = "res_partner_%s_demo" % login
                out.record(partner, "res.partner", [
                    ("name", member["name"]),
                    ("email", "%s@example.com" % login),
                    ("mobile", member.get("mobile")),
                    ("customer", Eval("False")),
                ], context=ctx)
            state = member["state"]
            # Created official (a registered existing member) or, for the
            # two-step and probationary ones, probationary (admission).
            create_state = ("official" if state != "probationary"
                            and not member["two_step"] else None)
            admission = member["admission"]
            fields = [
                ("partner_id", partner and Ref(partner)),
                ("name", None if partner else member["name"]),
                ("mobile", None if partner else member.get("mobile")),
                ("organization_id", Ref(member["cell"][0])),
                ("state", create_state),
                ("gender", member["gender"]),
                ("date_of_birth", iso(member["dob"])),
                ("ethnicity", member["ethnicity"]),
                ("religion", member["religion"]),
                ("national_id", member["national_id"]),
                ("home_town", member["home_town"]),
                ("residence", member["residence"]),
                ("admission_date", admission if isinstance(admission, Eval)
                 else iso(admission)),
                ("official_date", member.get("official") and iso(
                    member["official"])),
                ("card_number", member.get("card")),
                ("record_number", member["record_number"]),
                ("badge", member.get("badge")),
                ("badge_date", member.get("badge_date") and iso(
                    member["badge_date"])),
                ("education_level", member["education"]),
                ("professional_level", member["professional"]),
                ("political_theory_level", member["theory"]),
                ("language_level", member.get("language")),
                ("occupation", member["occupation"]),
            ]
            out.record(member["xml_id"], "party.member", fields, context=ctx)

    def write_history(self, out):
        """Members whose state is not the one they were created in: their
        dated history, then the state written directly (one write per target
        state, at install only: the file is noupdate)."""
        out.comment("Status changes after the profile was created: the history "
                    "is added and the state written directly")
        writes = defaultdict(list)
        for member in self.members:
            state = member["state"]
            xml_id = member["xml_id"]
            history = "%s_history_%s" % (xml_id[:-len("_demo")], state) + "_demo"
            values = [("member_id", Ref(xml_id)), ("to_state", state)]
            if member["two_step"]:
                writes["{'state': 'official'}"].append(xml_id)
                values += [("date", iso(member["official"])), ("event", "official"),
                           ("from_state", "probationary"),
                           ("decision", "%d-QĐ/ĐU" % self.rng.randint(10, 400))]
            elif state in ("exempted", "left", "deceased", "transferred_out"):
                writes["{'state': '%s'%s}" % (
                    state, "" if state == "exempted" else ", 'active': False"
                )].append(xml_id)
                values += [("date", iso(member["event_date"])),
                           ("from_state", "official")]
                values += self.history_details(member)
            else:
                continue
            out.record(history, "party.member.history", values)
        # The history rows above date these changes: data files may write a
        # status directly (party_integrity trusts the module loader, never
        # a caller's context).
        for vals, xml_ids in sorted(writes.items()):
            # (Odoo 11's <function> ignores its context attribute; the
            # context is passed as the call's last argument instead.)
            out.lines.append(
                '    <function model="party.member" name="write"')
            out.lines.append(
                '              eval="[[%s], %s, {\'tracking_disable\': True}]"/>' % (
                    ", ".join("ref(\'%s\')" % x for x in xml_ids),
                    escape(vals, {"'": "&apos;"}).replace("&apos;", "'")))

    def history_details(self, member):
        rng, state = self.rng, member["state"]
        if state == "exempted":
            return [("event", "exemption"),
                    ("reason", "Tuổi cao, sức yếu; chi bộ đồng ý miễn công tác "
                               "và sinh hoạt đảng."),
                    ("decision", "Nghị quyết chi bộ số %02d-NQ/CB"
                     % rng.randint(1, 30))]
        if state == "deceased":
            return [("event", "deceased"), ("reason", "Từ trần do bệnh nặng.")]
        if state == "left":
            if member["seq"] % 2:
                return [("event", "left"), ("leave_form", "struck_off"),
                        ("reason", "Bỏ sinh hoạt đảng 3 tháng liền không có lý "
                                   "do chính đáng."),
                        ("decision", "%d-QĐ/ĐU" % rng.randint(10, 400))]
            return [("event", "left"), ("leave_form", "resigned"),
                    ("reason", "Xin ra khỏi Đảng vì hoàn cảnh gia đình."),
                    ("decision", "%d-QĐ/ĐU" % rng.randint(10, 400))]
        destination = rng.choice([
            "Đảng bộ phường Hải Châu, thành phố Đà Nẵng",
            "Đảng bộ xã Cam Lộ, tỉnh Quảng Trị",
            "Đảng bộ phường Sài Gòn, Thành phố Hồ Chí Minh"])
        month = member["event_date"]
        return [("event", "transfer_out"), ("destination", destination),
                ("fee_paid_until", "%04d-%02d" % (month.year, month.month)),
                ("decision", "%d-QĐ/ĐU" % rng.randint(10, 400)),
                ("reason", "Chuyển sinh hoạt đảng chính thức theo nơi công tác "
                           "mới.")]

    def write_career(self, out):
        rng = self.rng
        out.comment("Work history, training and positions held")
        for member in self.members:
            has_position = any(p[1] is member for p in self.positions)
            if not has_position and (member["state"] == "probationary"
                                     or rng.random() > 0.6):
                continue
            base = member["xml_id"][:-len("_demo")]
            start = add_years(member["dob"], rng.randint(19, 24))
            if member["age"] > 62 and rng.random() < 0.6:
                end = add_years(start, rng.randint(4, 10))
                out.record(base + "_work_1_demo", "party.member.work", [
                    ("member_id", Ref(member["xml_id"])),
                    ("date_from", iso(start)), ("date_to", iso(end)),
                    ("employer", rng.choice(EX_MILITARY)),
                    ("job", rng.choice(["Chiến sĩ", "Tiểu đội trưởng",
                                        "Trung đội trưởng"]))])
                start = end + timedelta(days=30)
            retire = add_years(member["dob"], 60 if member["gender"] == "male"
                               else 55)
            end = retire if retire < REFERENCE else None
            if start < REFERENCE - timedelta(days=400):
                out.record(base + "_work_2_demo", "party.member.work", [
                    ("member_id", Ref(member["xml_id"])),
                    ("date_from", iso(start)), ("date_to", end and iso(end)),
                    ("employer", rng.choice(EMPLOYERS[member["kind"]])),
                    ("job", member["occupation"] if member["occupation"] not in (
                        "Hưu trí", "Cựu chiến binh") else "Nhân viên")])
            if rng.random() < 0.5 or has_position:
                institution, subject, kind, degree = rng.choice(
                    [t for t in TRAININGS
                     if kind_fits(t, member)] or TRAININGS[:2])
                tstart = max(add_years(member["dob"], 19),
                             date(1975, 9, 1))
                if tstart < REFERENCE - timedelta(days=700):
                    tstart = tstart + timedelta(days=rng.randrange(
                        0, max(1, (REFERENCE - tstart).days - 700)))
                    tend = min(tstart + timedelta(
                        days=rng.choice([60, 240, 365, 1400])),
                        REFERENCE - timedelta(days=30))
                    out.record(base + "_training_1_demo", "party.member.training", [
                        ("member_id", Ref(member["xml_id"])),
                        ("date_from", iso(tstart)), ("date_to", iso(tend)),
                        ("institution", institution), ("subject", subject),
                        ("kind", kind), ("degree", degree)])
            for number, (org, pmember, role, pstart, pend) in enumerate(
                    self.positions, 1):
                if pmember is not member:
                    continue
                title = {"secretary": "Bí thư", "deputy": "Phó Bí thư",
                         "standing": "Ủy viên Ban Thường vụ",
                         "member": "Ủy viên Ban Chấp hành"}[role]
                out.record("%s_position_%d_demo" % (base, number),
                           "party.member.position", [
                               ("member_id", Ref(member["xml_id"])),
                               ("date_from", iso(pstart)),
                               ("date_to", pend and iso(pend)),
                               ("title", title), ("body", ORG_NAMES[org]),
                               ("kind", "party")])

    def write_rewards(self, out):
        rng = self.rng
        out.comment("Rewards")
        for member in self.members:
            base = member["xml_id"][:-len("_demo")]
            if member.get("badge"):
                out.record(base + "_reward_badge_demo", "party.member.reward", [
                    ("member_id", Ref(member["xml_id"])),
                    ("form", "badge"),
                    ("decision_number", "%d-QĐ/TU" % rng.randint(1000, 4000)),
                    ("date", iso(member["badge_date"])),
                    ("issuing_body", "Ban Thường vụ Tỉnh ủy Thừa Thiên Huế"),
                    ("reason", "Tặng Huy hiệu %s năm tuổi Đảng." % member["badge"])])
            if member["state"] in ("official", "exempted") and \
                    member["official"].year < 2024 and rng.random() < 0.3:
                year = rng.randint(max(member["official"].year + 1, 2015), 2024)
                form, body, reason = rng.choice([
                    ("certificate", COMMUNES[member["cell"][1]][1],
                     "Đảng viên hoàn thành xuất sắc nhiệm vụ tiêu biểu năm %d."
                     % year),
                    ("certificate", COMMUNES[member["cell"][1]][1],
                     "Hoàn thành xuất sắc nhiệm vụ 5 năm liền (%d–%d)."
                     % (year - 4, year)),
                    ("commendation", "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
                     "Có thành tích xuất sắc trong phong trào thi đua yêu nước "
                     "năm %d." % year),
                    ("emulation", "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
                     "Chiến sĩ thi đua cơ sở năm %d." % year),
                ])
                out.record(base + "_reward_1_demo", "party.member.reward", [
                    ("member_id", Ref(member["xml_id"])), ("form", form),
                    ("decision_number", "%d-QĐ/%s" % (
                        rng.randint(10, 900),
                        "UBND" if "Ủy ban" in body else "ĐU")),
                    ("date", iso(date(year + 1, 1, 1) + timedelta(
                        days=rng.randrange(5, 60)))),
                    ("issuing_body", body), ("reason", reason)])
        out.comment("Discipline (never expulsion in the demo; a probationary "
                    "member can only be reprimanded or warned)")
        officials = [m for m in self.members if m["state"] == "official"
                     and m["age"] < 60 and m["xml_id"] not in USER_MEMBERS
                     and m["official"] < date(2024, 1, 1)]
        cases = [
            ("reprimand", "Vắng sinh hoạt chi bộ 3 kỳ trong năm không có lý do "
                          "chính đáng."),
            ("warning", "Vi phạm quy định về những điều đảng viên không được "
                        "làm: vay mượn tiền không trả đúng hạn, gây dư luận "
                        "xấu."),
            ("removal", "Thiếu trách nhiệm trong quản lý, để xảy ra sai phạm "
                        "trong cấp giấy phép xây dựng."),
        ]
        for number, (form, reason) in enumerate(cases, 1):
            member = officials[rng.randrange(len(officials))]
            officials.remove(member)
            out.record("%s_discipline_%d_demo" % (member["xml_id"][:-5], number),
                       "party.member.discipline", [
                           ("member_id", Ref(member["xml_id"])), ("form", form),
                           ("decision_number", "%d-QĐ/UBKT" % rng.randint(10, 300)),
                           ("date", iso(date(2024, 3, 1) + timedelta(
                               days=rng.randrange(0, 500)))),
                           ("issuing_body", "Ủy ban Kiểm tra "
                            + COMMUNES[member["cell"][1]][1]),
                           ("reason", reason)])
        probationary = [m for m in self.members if m["state"] == "probationary"
                        and m["admitted_months_ago"] >= 4]
        member = probationary[0]
        out.record("%s_discipline_demo" % member["xml_id"][:-5],
                   "party.member.discipline", [
                       ("member_id", Ref(member["xml_id"])), ("form", "reprimand"),
                       ("decision_number", "%02d-QĐ/CB" % rng.randint(1, 20)),
                       ("date", days_ago(1, 10)),
                       ("issuing_body", member["cell"][2]),
                       ("reason", "Không thực hiện nhiệm vụ chi bộ phân công "
                                  "trong thời gian dự bị.")])

    def write_ratings(self, out):
        """The two last years: two years ago approved, last year at various
        steps. Scores follow the levels (≥90, 70–<90, 50–<70, <50)."""
        rng = self.rng
        out.comment("Annual quality ratings: two years ago (approved) and last "
                    "year (at various steps)")
        ctx = "{'tracking_disable': True, 'mail_create_nolog': True}"
        steps = [("approved", 55), ("cell", 15), ("proposed", 12), ("self", 12),
                 ("draft", 6)]
        for member in self.members:
            if member["state"] != "official":
                continue
            for ago in (2, 1):
                if member["xml_id"] == "party_member_member_demo" and ago == 1:
                    step = "draft"  # the demo member can assess themself
                else:
                    step = "approved" if ago == 2 else weighted(rng, steps)
                level = weighted(rng, [("excellent", 15), ("good", 64),
                                       ("completed", 18), ("not_completed", 3)])
                low, high = {"excellent": (90, 98), "good": (70, 89),
                             "completed": (50, 69),
                             "not_completed": (35, 49)}[level]
                proposed = rng.randint(low, high)
                own = max(0, min(100, proposed + rng.choice([-3, 0, 2, 4, 5])))
                values = [
                    ("member_id", Ref(member["xml_id"])),
                    ("year", Eval("DateTime.today().year - %d" % ago)),
                    ("rated_organization_id", Ref(member["cell"][0])),
                    ("state", step),
                ]
                if step != "draft":
                    values += [("self_score", own),
                               ("self_comment", rng.choice([
                                   "Hoàn thành tốt nhiệm vụ được giao, tham gia "
                                   "đầy đủ sinh hoạt chi bộ.",
                                   "Gương mẫu, đoàn kết, thực hiện đúng quy "
                                   "định của chi bộ.",
                                   "Còn hạn chế trong việc tham gia ý kiến tại "
                                   "các kỳ sinh hoạt."]))]
                if step in ("proposed", "cell", "approved"):
                    values.append(("proposed_score", proposed))
                if step in ("cell", "approved"):
                    values.append(("cell_level", level))
                if step == "approved":
                    values.append(("final_level", level))
                out.record("%s_rating_%d_demo" % (member["xml_id"][:-5], ago),
                           "party.member.rating", values, context=ctx)

    def write_positions(self, out):
        out.comment("Committee positions of cells, communes, the grassroots "
                    "organization and the city")
        for number, (org, member, role, start, end) in enumerate(
                self.positions, 1):
            out.record("position_%s_%s_%d_demo" % (org[4:-5], role, number),
                       "party.organization.position", [
                           ("organization_id", Ref(org)),
                           ("member_id", Ref(member["xml_id"])),
                           ("role", role), ("date_start", iso(start)),
                           ("date_end", end and iso(end))])

    def write_users(self, out):
        out.comment("Demo users, one per role (password = login), each linked "
                    "to a member profile through its contact")
        ctx = "{'no_reset_password': True, 'tracking_disable': True}"
        for login, groups, orgs in USERS:
            out.record("user_%s_demo" % login, "res.users", [
                ("partner_id", Ref("res_partner_%s_demo" % login)),
                ("login", login), ("password", login),
                ("groups_id", Eval("[(6, 0, [%s])]" % ", ".join(
                    "ref('%s')" % g for g in groups))),
                ("party_organization_ids", Eval("[(6, 0, [%s])]" % ", ".join(
                    "ref('%s')" % o for o in orgs)) if orgs else None),
            ], context=ctx)

    def stats(self):
        states = Counter(m["state"] for m in self.members)
        over_60 = sum(1 for m in self.members if m["age"] > 60)
        return ("%d members, %s; %d%% over 60; %d positions"
                % (len(self.members), dict(states),
                   100 * over_60 / len(self.members), len(self.positions)))


def kind_fits(training, member):
    institution, subject, kind, _degree = training
    if member["age"] > 65:
        return kind == "political"
    if member["kind"] == "factory":
        return kind in ("political", "language") or "may" in subject \
            or "Kế toán" in subject
    return True


USER_MEMBERS = {
    "party_member_member_demo": "member",
    "party_member_secretary_demo": "secretary",
    "party_member_officer_demo": "officer",
    "party_member_supervisor_demo": "supervisor",
    "party_member_cityofficer_demo": "cityofficer",
}
USERS = [
    ("member", ["base.group_portal", "group_party_handbook_member"], []),
    ("secretary", ["group_party_handbook_cell_secretary"],
     ["org_vinh_loc_cell_1_demo"]),
    ("officer", ["group_party_handbook_officer"], ["org_vinh_loc_demo"]),
    ("supervisor", ["group_party_handbook_supervisor"],
     ["org_vinh_loc_cell_1_demo", "org_huong_an_cell_1_demo",
      "org_binh_dien_cell_1_demo"]),
    ("cityofficer", ["group_party_handbook_manager"], ["org_hue_demo"]),
]
ORG_NAMES = dict({cell[0]: cell[2] for cell in CELLS}, **{
    "org_hue_demo": "Đảng bộ thành phố Huế",
    "org_det_may_demo": "Đảng bộ Công ty Cổ phần Dệt May Huế",
    "org_det_may_soi_demo": "Đảng bộ bộ phận Nhà máy Sợi",
}, **{xml_id: "Đảng bộ " + value[0] for xml_id, value in COMMUNES.items()})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()
    generator = Generator(args.seed)
    generator.build()
    generator.write(args.output)
    print("%s: %s" % (os.path.relpath(args.output), generator.stats()))


if __name__ == "__main__":
    main()
