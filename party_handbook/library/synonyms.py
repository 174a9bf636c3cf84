# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The words members use for what the Party's texts say in other words
(unaccented, one group per line: any phrase of a group also looks for the
others). A search engine's synonym list, kept as data: add a line when
members ask in words the texts do not use. Written from the texts'
vocabulary (Statute, QĐ 294, HD 42, QĐ 366, QĐ 01/2026); the held-out
question set (tests/data/library_questions_heldout.yaml) measures it on
questions written without seeing this list."""

GROUPS = [
    # votes
    ("thong qua", "tan thanh", "dong y", "nhat tri"),
    ("qua nua", "hon mot nua", "da so"),
    ("giu y kien", "bao luu"),
    # membership
    ("vao dang", "ket nap", "ket nap dang"),
    ("chuyen chinh thuc", "cong nhan dang vien chinh thuc",
     "dang vien chinh thuc"),
    ("thoi gian du bi", "thoi ky du bi"),
    ("xoa ten", "xoa ten khoi danh sach"),
    ("ra khoi dang", "xin ra khoi dang"),
    ("nghi sinh hoat", "mien cong tac va sinh hoat dang",
     "mien sinh hoat"),
    ("chuyen sinh hoat", "chuyen sinh hoat dang", "gioi thieu sinh hoat"),
    # meetings
    ("hop chi bo", "sinh hoat chi bo"),
    ("bao lau", "thoi gian"),
    ("may tieng", "phut"),
    ("chuyen de", "sinh hoat chuyen de"),
    # fees
    ("nghi huu", "luong huu"),
    ("tien luong", "luong", "thu nhap"),
    ("tien dang phi", "dang phi"),
    ("dien thoai", "truc tuyen", "dich vu cong"),
    ("khong co luong", "khong co thu nhap"),
    ("nop", "dong"),
    ("mien dong", "mien dang phi", "mien"),
    ("giam", "giam muc dong"),
    # rating
    ("xep loai", "danh gia", "xep loai chat luong"),
    ("kiem diem", "tu danh gia"),
    # discipline
    ("ky luat", "xu ly ky luat", "thi hanh ky luat"),
    ("khieu nai", "khieu nai ky luat"),
    # personal data
    ("thong tin ca nhan", "du lieu ca nhan"),
    ("rut lai dong y", "rut lai su dong y"),
]
