#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generate a synthetic Hue-like party organization for benchmarks, fast.

    .venv/bin/python scripts/generate_data.py -c <odoo.conf> -d <db> \\
        --members 100000 [--cells N] [--seed S] [--drop-existing]

Builds one city, 40 communes/wards, a few grassroots organizations and cells
(about 20 members each by default) with their members: contacts
(res_partner), profiles (party_member) and status history
(party_member_history). Odoo's registry is used for setup and for the nested
sets of the tree; the rows themselves are written with PostgreSQL COPY, with
ids reserved from the tables' sequences, so 100,000 members take seconds, not
hours of ORM creates.

Everything generated is marked, so that ``--drop-existing`` removes exactly
the generator's previous data: organization codes ``GEN`` and ``GEN-…``,
contacts with ``ref`` ``GEN-…``, members with record number ``GEN-…`` (and
card number ``G…``). No ORM side effect happens for the generated rows: no
chatter messages, followers or mail; the ORM caches of a running server do not
know about them until it reloads the records.
"""
import argparse
import io
import os
import random
import sys
import time
from datetime import date, datetime, timedelta

import odoo
from odoo import SUPERUSER_ID, api

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_demo_xml import (  # noqa: E402 (the demo's name lists)
    FEMALE_GIVEN, FEMALE_MIDDLE, FEMALE_ONLY_SURNAMES, MALE_GIVEN, MALE_MIDDLE,
    MALE_ONLY_SURNAMES, SURNAMES, add_months, add_years)

PREFIX = "GEN"
# The 40 communes and wards of Hue after July 2025 (21 wards, 19 communes).
WARDS = ["Thuận Hóa", "Phú Xuân", "Kim Long", "Vỹ Dạ", "Thuận An", "Hóa Châu",
         "Mỹ Thượng", "An Cựu", "Thủy Xuân", "Dương Nỗ", "Hương An",
         "Hương Thủy", "Thanh Thủy", "Phú Bài", "Hương Trà", "Kim Trà",
         "Phong Điền", "Phong Dinh", "Phong Phú", "Phong Thái", "Phong Quảng"]
COMMUNES = ["Vinh Lộc", "Phú Vang", "Phú Hồ", "Phú Vinh", "Quảng Điền",
            "Đan Điền", "Lộc An", "Phú Lộc", "Chân Mây - Lăng Cô", "Long Quảng",
            "Nam Đông", "Khe Tre", "A Lưới 1", "A Lưới 2", "A Lưới 3",
            "A Lưới 4", "A Lưới 5", "Bình Điền", "Hưng Lộc"]
# state, weight, active
STATES = [("official", 860, True), ("probationary", 40, True),
          ("exempted", 60, True), ("transferred_out", 15, False),
          ("left", 5, False), ("deceased", 20, False)]
# age band limits (inclusive), weight: about 30 % are over 60.
AGES = [((19, 30), 12), ((31, 45), 28), ((46, 60), 30), ((61, 75), 20),
        ((76, 92), 10)]
# Members built in Python and sent to COPY at a time: memory holds one chunk
# of rows (about 60 MB for 50,000 members), whatever the city's size.
CHUNK = 50000
OCCUPATIONS = ["Hưu trí", "Nông dân", "Công nhân", "Giáo viên", "Viên chức",
               "Công chức", "Buôn bán nhỏ", "Kinh doanh", "Bác sĩ", "Kỹ sư",
               "Cựu chiến binh", "Ngư dân"]


def log(message, started=None):
    if started is None:
        print(message, flush=True)
    else:
        print("%-44s %7.2f s" % (message, time.time() - started), flush=True)


def log_seconds(message, seconds):
    print("%-44s %7.2f s" % (message, seconds), flush=True)


def copy_value(value):
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace(
        "\n", " ")


class RowStream(io.TextIOBase):
    """A read-only text file over an iterable of rows, in COPY's text
    format, for ``copy_expert``: it holds one row (and the unread rest of
    what was asked for) at a time, never the whole table."""

    def __init__(self, rows):
        super().__init__()
        self.rows = iter(rows)
        self.pending = ""
        self.count = 0

    def readable(self):
        return True

    def read(self, size=-1):
        parts, length = [self.pending], len(self.pending)
        while size < 0 or length < size:
            row = next(self.rows, None)
            if row is None:
                break
            line = "\t".join(copy_value(v) for v in row) + "\n"
            parts.append(line)
            length += len(line)
            self.count += 1
        data = "".join(parts)
        if size < 0 or len(data) <= size:
            self.pending = ""
            return data
        self.pending = data[size:]
        return data[:size]


def copy_rows(cr, table, columns, rows):
    """COPY ``rows`` (any iterable, consumed as it goes) into ``table``;
    returns the number of rows."""
    stream = RowStream(rows)
    cr.copy_expert("COPY %s (%s) FROM STDIN" % (table, ", ".join(columns)),
                   stream, size=65536)
    return stream.count


def reserve_ids(cr, table, count):
    """Take ``count`` consecutive ids from the table's sequence."""
    sequence = "%s_id_seq" % table
    cr.execute("SELECT nextval(%s)", (sequence,))
    first = cr.fetchone()[0]
    cr.execute("SELECT setval(%s, %s)", (sequence, first + count - 1))
    return first


def years_between(start, end):
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


class Generator:
    def __init__(self, env, args):
        self.env = env
        self.cr = env.cr
        self.args = args
        self.rng = random.Random(args.seed)
        self.today = date.today()
        self.now = datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
        self.uid = SUPERUSER_ID

    # --- organizations ------------------------------------------------------

    def drop_existing(self):
        cr = self.cr
        cr.execute("DELETE FROM party_member WHERE record_number LIKE %s "
                   "RETURNING partner_id", (PREFIX + "-%",))
        members = cr.rowcount
        cr.execute("DELETE FROM res_partner WHERE ref LIKE %s", (PREFIX + "-%",))
        cr.execute("UPDATE party_organization SET parent_id = NULL "
                   "WHERE code = %s OR code LIKE %s", (PREFIX, PREFIX + "-%"))
        cr.execute("DELETE FROM party_organization WHERE code = %s OR code LIKE %s",
                   (PREFIX, PREFIX + "-%"))
        return members, cr.rowcount

    def existing(self):
        self.cr.execute("SELECT count(*) FROM party_organization WHERE code = %s",
                        (PREFIX,))
        return self.cr.fetchone()[0]

    def build_tree(self):
        """Rows of the tree: the city, communes, grassroots orgs, cells."""
        args, rng = self.args, self.rng
        names = (["phường " + w for w in WARDS] + ["xã " + c for c in COMMUNES])
        communes = []
        for number in range(1, args.communes + 1):
            label = names[number - 1] if number <= len(names) else (
                "xã Mới %d" % number)
            communes.append(("Đảng bộ %s" % label, "%s-C%02d" % (PREFIX, number)))
        n_orgs = 1 + len(communes) + args.grassroots + args.cells
        first = reserve_ids(self.cr, "party_organization", n_orgs)
        ids = iter(range(first, first + n_orgs))
        rows = []

        def add(name, code, level, parent):
            org_id = next(ids)
            rows.append((org_id, name, code, level, parent, True, self.uid,
                         self.now, self.uid, self.now))
            return org_id

        self.city = add("Đảng bộ thành phố Huế (dữ liệu sinh tự động)", PREFIX,
                        "city", None)
        commune_ids = [add(name, code, "commune", self.city)
                       for name, code in communes]
        self.commune_ids = commune_ids
        grassroots = []
        for number in range(1, args.grassroots + 1):
            commune = number % len(commune_ids)
            grassroots.append((commune, add(
                "Đảng bộ Công ty Cổ phần %d" % number,
                "%s-C%02d-G%02d" % (PREFIX, commune + 1, number), "grassroots",
                commune_ids[commune])))
        self.cell_ids = []
        for number in range(args.cells):
            commune = number % len(commune_ids)
            parent, code = commune_ids[commune], "%s-C%02d-%05d" % (
                PREFIX, commune + 1, number + 1)
            # About one cell in ten belongs to a grassroots organization.
            options = [g for c, g in grassroots if c == commune]
            if options and rng.random() < 0.4:
                parent = rng.choice(options)
                name = "Chi bộ phòng %d" % (number + 1)
            else:
                name = rng.choice(["Chi bộ thôn %d", "Chi bộ khu vực %d",
                                   "Chi bộ tổ dân phố %d"]) % (number + 1)
            self.cell_ids.append(add(name, code, "cell", parent))
        copy_rows(self.cr, "party_organization", [
            "id", "name", "code", "level", "parent_id", "active", "create_uid",
            "create_date", "write_uid", "write_date"], rows)
        return len(rows)

    def parent_store(self):
        self.env["party.organization"]._parent_store_compute()

    def complete_names(self):
        self.cr.execute("""
            WITH RECURSIVE tree(id, path) AS (
                SELECT id, name::text FROM party_organization WHERE id = %s
                UNION ALL
                SELECT o.id, tree.path || ' / ' || o.name
                  FROM party_organization o JOIN tree ON o.parent_id = tree.id)
            UPDATE party_organization o SET complete_name = tree.path
              FROM tree WHERE o.id = tree.id""", (self.city,))
        self.env["party.organization"].invalidate_cache(["complete_name"])
        # the stored communes of the organizations (before any member)
        Organization = self.env["party.organization"]
        if hasattr(Organization, "_party_fill_tree_columns"):
            Organization._party_fill_tree_columns()
        self.cr.execute("SELECT id, commune_id FROM party_organization "
                        "WHERE id IN %s", (tuple(self.cell_ids),))
        self.cell_communes = dict(self.cr.fetchall())

    # --- members ------------------------------------------------------------

    def person(self):
        rng = self.rng
        female = rng.random() < 0.36
        if female:
            name = " ".join([
                rng.choices(*self.female_surnames)[0],
                rng.choices(*self.female_middle)[0], rng.choice(FEMALE_GIVEN)])
        else:
            name = " ".join([
                rng.choices(*self.male_surnames)[0],
                rng.choices(*self.male_middle)[0], rng.choice(MALE_GIVEN)])
        return name, "female" if female else "male"

    def member_chunks(self, chunk_size=CHUNK):
        """The rows of contacts, members and history, ``chunk_size``
        members at a time: (partners, members, history) lists per chunk, in
        the order (and with the random draws) of one pass over every member,
        so a seed gives the same rows whatever the chunk size."""
        # the module's own banding (importable once the addons path is set)
        from odoo.addons.party_handbook.models.party_member import age_band
        args, rng, cr, today = self.args, self.rng, self.cr, self.today

        def split(pairs):
            return [p[0] for p in pairs], [p[1] for p in pairs]
        self.male_surnames = split(SURNAMES + MALE_ONLY_SURNAMES)
        self.female_surnames = split(SURNAMES + FEMALE_ONLY_SURNAMES)
        self.male_middle = split(MALE_MIDDLE)
        self.female_middle = split(FEMALE_MIDDLE)
        n = args.members
        first_partner = reserve_ids(cr, "res_partner", n)
        first_member = reserve_ids(cr, "party_member", n)
        # Cell sizes vary (a few big cells, many of 10-30 members).
        weights = [rng.lognormvariate(0, 0.5) for _cell in self.cell_ids]
        cells = rng.choices(self.cell_ids, weights, k=n)
        states = rng.choices(STATES, [s[1] for s in STATES], k=n)
        company = self.env.user.company_id.id
        lang = "vi_VN" if self.env["res.lang"].search(
            [("code", "=", "vi_VN")]) else "en_US"
        self.counts = {"partners": 0, "members": 0, "history": 0}
        self.python_seconds, self.chunk_size = 0.0, chunk_size
        partners, members, history = [], [], []
        started = time.time()
        for i in range(n):
            partner_id, member_id = first_partner + i, first_member + i
            cell = cells[i]
            state, _weight, active = states[i]
            name, gender = self.person()
            if state == "probationary":
                age = rng.randint(20, 40)
            elif state == "exempted":
                age = rng.randint(70, 95)
            elif state == "deceased":
                age = rng.randint(75, 98)
            else:
                (low, high), = rng.choices([a[0] for a in AGES],
                                           [a[1] for a in AGES])
                # official for a year at least, admitted at 18 at least
                age = max(21, rng.randint(low, high))
            dob = today - timedelta(days=int(age * 365.25) + rng.randrange(1, 360))
            if state == "probationary":
                admission = today - timedelta(days=rng.randint(1, 364))
                official = None
                probation_end = add_months(admission, 12)
            else:
                admission_age = max(18, min(age - 3, int(rng.gauss(26, 6))))
                admission = min(add_years(dob, admission_age) + timedelta(
                    days=rng.randrange(0, 300)), add_months(today, -14))
                official, probation_end = add_months(admission, 12), None
            code = "%s-%07d" % (PREFIX, i + 1)
            partners.append((
                partner_id, name, name, company, lang, True, False, False,
                False, False, "contact", partner_id, True, 0, 0, False, code,
                self.now, self.uid, self.now, self.uid, self.now))
            members.append((
                member_id, partner_id, active, cell, state, gender, dob,
                admission, official, None if state == "probationary"
                else "G%07d" % (i + 1), code,
                age_band(years_between(dob, today)), probation_end,
                rng.choice(OCCUPATIONS), "Kinh", "Không",
                "upper_secondary" if age < 60 else "lower_secondary", "digest",
                self.uid, self.now, self.uid, self.now,
                self.cell_communes.get(cell)))
            history.append((
                admission, "admission" if state == "probationary"
                else "registration", None,
                "probationary" if state == "probationary" else "official",
                cell, member_id, cell, partner_id))
            if state not in ("official", "probationary"):
                event = {"exempted": "exemption", "transferred_out":
                         "transfer_out", "left": "left",
                         "deceased": "deceased"}[state]
                span = max(1, (today - official).days - 30)
                history.append((
                    official + timedelta(days=rng.randrange(span)), event,
                    "official", state, None, member_id, cell, partner_id))
            if len(members) == chunk_size or i == n - 1:
                self.python_seconds += time.time() - started
                self.counts["partners"] += len(partners)
                self.counts["members"] += len(members)
                self.counts["history"] += len(history)
                yield partners, members, history
                partners, members, history = [], [], []
                started = time.time()

    def write_members(self, chunks):
        """COPY each chunk of rows (contacts first, then the members that
        reference them, then their history): memory holds one chunk."""
        cr = self.cr
        seconds = {"res_partner": 0.0, "party_member": 0.0,
                   "party_member_history": 0.0}
        for partners, members, history in chunks:
            started = time.time()
            copy_rows(cr, "res_partner", [
                "id", "name", "display_name", "company_id", "lang", "active",
                "customer", "supplier", "employee", "is_company", "type",
                "commercial_partner_id", "partner_share", "color",
                "message_bounce", "opt_out", "ref", "create_date",
                "create_uid", "write_date", "write_uid",
                "calendar_last_notif_ack"], partners)
            seconds["res_partner"] += time.time() - started
            started = time.time()
            copy_rows(cr, "party_member", [
                "id", "partner_id", "active", "organization_id", "state",
                "gender", "date_of_birth", "admission_date", "official_date",
                "card_number", "record_number", "age_band",
                "probation_end_date", "occupation", "ethnicity", "religion",
                "education_level", "notice_preference", "create_uid",
                "create_date", "write_uid", "write_date", "commune_id"],
                members)
            seconds["party_member"] += time.time() - started
            started = time.time()
            # consecutive chunks take consecutive ids: the same ids as one
            # reservation for every row
            first = reserve_ids(cr, "party_member_history", len(history))
            copy_rows(cr, "party_member_history", [
                "id", "date", "event", "from_state", "to_state",
                "to_organization_id", "member_id", "organization_id",
                "member_partner_id", "user_id", "create_uid", "create_date",
                "write_uid", "write_date"], (
                    (first + i,) + row + (self.uid, self.uid, self.now,
                                          self.uid, self.now)
                    for i, row in enumerate(history)))
            seconds["party_member_history"] += time.time() - started
        log_seconds("  build the rows in Python (chunks of %d)" % self.chunk_size,
                    self.python_seconds)
        for table, key in (("res_partner", "partners"),
                           ("party_member", "members"),
                           ("party_member_history", "history")):
            log_seconds("  COPY %s (%d rows)" % (table, self.counts[key]),
                        seconds[table])

    def finish(self):
        cr = self.cr
        for table in ("res_partner", "party_member", "party_member_history",
                      "party_organization"):
            cr.execute("SELECT setval('%s_id_seq', "
                       "(SELECT max(id) FROM %s))" % (table, table))
            cr.execute("ANALYZE %s" % table)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=100000)
    parser.add_argument("--cells", type=int,
                        help="number of cells (default: members / 20)")
    parser.add_argument("--communes", type=int, default=40)
    parser.add_argument("--grassroots", type=int, default=8,
                        help="grassroots organizations holding some cells")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=CHUNK,
                        help="members built and copied at a time (memory)")
    parser.add_argument("--drop-existing", action="store_true",
                        help="first remove what a previous run generated")
    args = parser.parse_args(argv)
    args.cells = args.cells or max(1, args.members // 20)
    if args.members < 1 or args.communes < 1 or args.cells < args.communes:
        parser.error("need members > 0 and at least one cell per commune")
    return args


def main(argv=None):
    args = parse_args(argv)
    total = started = time.time()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    log("load the registry", started)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        generator = Generator(env, args)
        if args.drop_existing:
            started = time.time()
            members, orgs = generator.drop_existing()
            log("drop previous data (%d members, %d orgs)" % (members, orgs),
                started)
        elif generator.existing():
            sys.exit("%s already holds generated data: use --drop-existing"
                     % args.database)
        started = time.time()
        count = generator.build_tree()
        log("organizations (%d rows)" % count, started)
        started = time.time()
        generator.parent_store()
        log("nested sets (parent_left/right, whole table)", started)
        started = time.time()
        generator.complete_names()
        log("complete names (recursive CTE)", started)
        started = time.time()
        generator.write_members(generator.member_chunks(args.chunk))
        log("contacts, members, history (streamed to COPY)", started)
        started = time.time()
        generator.finish()
        log("sequences and ANALYZE", started)
        started = time.time()
        cr.commit()
        log("commit", started)
    log("total (%d members, %d cells, %d history rows)" % (
        args.members, args.cells, generator.counts["history"]), total)


if __name__ == "__main__":
    main()
