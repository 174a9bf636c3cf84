"""The attacker: the PostgreSQL superuser tries to link secret ballots to
their voters, and fails; the same attacker against plain-text ballots
links every voter (so the attacker works).

As admin (XML-RPC) a cell of VOTERS official members with portal users
holds a meeting in progress; a secret ballot opens, every member votes
through the portal (POST with the confirmation, as the browser does) with a
choice the test draws at random, equal shares of the three choices, in a
random order; the vote closes and the counts are checked against the draws.

Then, as the operating-system root and the database superuser, with
everything a database leaves behind (rows and their dead versions read from
the pages with ``pageinspect``, the write-ahead log decoded by
``pg_waldump`` and its raw bytes, ids, physical order, commit times), every
heuristic below pairs voters with ballot evidence and reads a choice out of
it. Each heuristic's correct guesses are compared with chance: a guess that
knows nothing is right with probability at most the largest share of a
choice, so the correct guesses of ``k`` guesses are at most
Binomial(k, that share) — the test fails if any heuristic beats the
binomial tail at 0.001 divided by the number of heuristics (Bonferroni).

Control: the same attacker against a plain-text scheme written the obvious
way (register row and plain-text ballot inserted in one transaction, in
scratch tables, with work that depends on the choice) must link at least
90 % of the voters with every family of heuristics (pages, order, each WAL
reading, sizes, timing): a heuristic blind there would prove nothing here.

Key hygiene: while the vote is open the test (root) reads the motion's key
file; after closing the file is gone, and the private key (decimal, hex,
big- and little-endian bytes, and prefixes of each) is nowhere in the WAL
segments written during the test, in the files and current pages of the
ballot and motion tables, nor in the server's log. The bus messages of the
vote carry meeting ids only; the vote posts no chatter message; no log
line carries a choice.

The figures are printed and kept in .local/test/artifacts/ballot-secrecy.txt.
The test runs as root (``runuser -u postgres`` for psql, read access to the
cluster's files) and cleans up what it creates: the replication slot that
keeps the WAL, the pageinspect extension if it added it, scratch tables,
and it closes the meeting and archives the voters' logins.
"""
import itertools
import math
import os
import random
import re
import stat
import subprocess
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import requests

import harness
from test_e2e_access import ADMIN, Rpc

VOTERS = int(os.environ.get("PH_SECRECY_VOTERS", "30"))
CHOICES = ("yes", "no", "abstain")
PASSWORD = "Secret-voter-2026"
TIMEOUT = 120
PG_VERSION = os.environ.get("PG_VERSION", "15")
PG_BIN = "/usr/lib/postgresql/%s/bin" % PG_VERSION
SEGMENT = 16 * 1024 * 1024
ALPHA = 0.001
# the heuristics by family (name prefix): each must link the plain-text
# control (the ciphertext readers cannot: plain text has no ciphertext)
FAMILIES = (
    "pages: xmin/xmax", "order of ids", "order of ctid",
    "WAL: ballot records of", "WAL: every record of", "WAL: all bytes since",
    "WAL: next ballot record", "WAL: ballot record size", "timing:")
# a choice as PostgreSQL stores a short text: 1-byte varlena header, bytes
TOKENS = {choice: bytes([(len(choice) + 1) * 2 + 1]) + choice.encode()
          for choice in CHOICES}
P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B"
    "139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485"
    "B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1F"
    "E649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23"
    "DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32"
    "905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF69558"
    "17183995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF", 16)
WALDUMP = re.compile(
    r"rmgr: (\S+)\s+len \(rec/tot\):\s*(\d+)/\s*(\d+), tx:\s*(\d+), "
    r"lsn: ([0-9A-F]+)/([0-9A-F]+), prev [0-9A-F]+/[0-9A-F]+, desc: (.*)$")
BLKREF = re.compile(r"rel (\d+)/(\d+)/(\d+)(?: forknum \d+| fork \w+)? blk (\d+)")
COMMIT = re.compile(r"^COMMIT (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)")


# --- the superuser's tools ---------------------------------------------------

def su_sql(sql, db):
    """Rows (lists of text) of ``sql`` run as the PostgreSQL superuser."""
    proc = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v",
         "ON_ERROR_STOP=1", "-tA", "-F", "\t", "-p", harness.PG_PORT, "-d", db],
        input=sql, capture_output=True, text=True, cwd="/", timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [line.split("\t") for line in proc.stdout.splitlines() if line]


def su_value(sql, db):
    return su_sql(sql, db)[0][0]


def lsn_int(text):
    high, low = text.split("/")
    return (int(high, 16) << 32) + int(low, 16)


def hexbytes(text):
    return bytes.fromhex(text[2:]) if text and text.startswith("\\x") else b""


class Cluster:
    """What root sees of the database: pages, WAL files, relation files."""

    def __init__(self, db):
        self.db = db
        self.data = su_value("SHOW data_directory", db)
        self.dboid = int(su_value(
            "SELECT oid FROM pg_database WHERE datname = current_database()", db))
        self.timeline = int(su_value(
            "SELECT timeline_id FROM pg_control_checkpoint()", db))
        self.segments = {}

    def lsn(self):
        return lsn_int(su_value("SELECT pg_current_wal_flush_lsn()", self.db))

    def filenode(self, relation):
        return int(su_value("SELECT pg_relation_filenode('%s')" % relation, self.db))

    def heap_items(self, relation):
        """Every tuple version on the relation's pages, dead ones included:
        (block, line pointer, xmin, xmax, data)."""
        rows = su_sql("""
            SELECT b, lp, t_xmin, t_xmax, t_data
              FROM generate_series(0, (pg_relation_size('%s') / 8192)::int - 1) b,
                   heap_page_items(get_raw_page('%s', b))
             WHERE lp_flags = 1""" % (relation, relation), self.db)
        return [(int(b), int(lp), int(xmin or 0), int(xmax or 0), hexbytes(data))
                for b, lp, xmin, xmax, data in rows]

    def raw_pages(self, relation):
        rows = su_sql("""
            SELECT get_raw_page('%s', b)
              FROM generate_series(0, (pg_relation_size('%s') / 8192)::int - 1) b
            """ % (relation, relation), self.db)
        return b"".join(hexbytes(row[0]) for row in rows)

    def relation_files(self, relation):
        path = os.path.join(self.data, su_value(
            "SELECT pg_relation_filepath('%s')" % relation, self.db))
        folder, base = os.path.split(path)
        return [os.path.join(folder, name) for name in os.listdir(folder)
                if name == base or name.startswith(base + ".")
                or name.startswith(base + "_")]

    def segment_name(self, segno):
        per_id = 0x100000000 // SEGMENT
        return "%08X%08X%08X" % (self.timeline, segno // per_id, segno % per_id)

    def segment(self, segno):
        if segno not in self.segments:
            with open(os.path.join(self.data, "pg_wal", self.segment_name(segno)),
                      "rb") as handle:
                self.segments[segno] = handle.read()
        return self.segments[segno]

    def wal_bytes(self, lsn, length):
        """``length`` bytes of WAL from ``lsn`` on (page headers included)."""
        out = b""
        while len(out) < length:
            segno, offset = divmod(lsn, SEGMENT)
            chunk = self.segment(segno)[offset:offset + length - len(out)]
            if not chunk:
                break
            out += chunk
            lsn += len(chunk)
        return out

    def wal_segments(self, start, end):
        self.segments.clear()   # the files grow: read them afresh
        return [self.segment(segno)
                for segno in range(start // SEGMENT, end // SEGMENT + 1)]

    def records(self, start, end):
        """pg_waldump's records between two LSNs: dicts with lsn, xid, rmgr,
        desc, total length, relations touched ((db, filenode, block)), the
        commit time of commit records and the record's raw bytes."""
        proc = subprocess.run(
            [os.path.join(PG_BIN, "pg_waldump"), "-p",
             os.path.join(self.data, "pg_wal"), "-s", "%X/%X" % divmod(start, 1 << 32),
             "-e", "%X/%X" % divmod(end, 1 << 32)],
            capture_output=True, text=True, env=dict(os.environ, TZ="UTC"),
            timeout=300)
        records = []
        for line in proc.stdout.splitlines():
            match = WALDUMP.match(line)
            if not match:
                continue
            rmgr, _rec, total, xid, high, low, desc = match.groups()
            lsn = (int(high, 16) << 32) + int(low, 16)
            commit = COMMIT.match(desc) if rmgr == "Transaction" else None
            if commit:
                stamp = commit.group(1)
                commit = datetime.strptime(
                    stamp, "%Y-%m-%d %H:%M:%S.%f" if "." in stamp
                    else "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
            records.append({
                "lsn": lsn, "xid": int(xid), "rmgr": rmgr, "desc": desc,
                "total": int(total), "commit": commit,
                "rels": [(int(d), int(r), int(b))
                         for _s, d, r, b in BLKREF.findall(desc)],
            })
        assert records, "pg_waldump read nothing: %s" % proc.stderr[-1000:]
        self.segments.clear()   # the files grow: read them afresh
        for record in records:
            # a record crossing pages carries page headers: read a little more
            record["bytes"] = self.wal_bytes(
                record["lsn"], record["total"] + 40 * (record["total"] // 8000 + 2))
        return records


# --- reading a choice out of evidence ----------------------------------------

def tokens(data):
    """The choices spelled in ``data`` as PostgreSQL stores short text."""
    return {choice for choice, token in TOKENS.items() if token in data}


def one(found):
    return next(iter(found)) if len(found) == 1 else None


def ciphertexts(data):
    """The four components of an encrypted ballot tuple (id, motion, then
    four bytea), or None."""
    parts, pos = [], 8
    try:
        for _part in range(4):
            pos += -pos % 4
            length = int.from_bytes(data[pos:pos + 4], "little") >> 2
            if length != 260:
                return None
            parts.append(int.from_bytes(data[pos + 4:pos + length], "big"))
            pos += length
    except (IndexError, ValueError):
        return None
    return parts


def legendre(value):
    return pow(value, (P - 1) // 2, P) == 1


def crypto_readers():
    """Readings of a ciphertext that break weak implementations: the same
    randomness for both bits (then b_yes / b_no is G^(m_yes - m_no)), bits
    encoded outside the subgroup (Legendre symbol), or any bias of the low
    bit or of the magnitudes. Each maps a ballot to a guess."""
    def same_randomness(c):
        if c[0] != c[2]:
            return None
        ratio = c[1] * pow(c[3], P - 2, P) % P
        return {2: "yes", pow(2, P - 2, P): "no", 1: "abstain"}.get(ratio)

    def quadratic_residues(c):
        return {(True, True): "abstain", (False, True): "yes",
                (True, False): "no"}.get((legendre(c[1]), legendre(c[3])))

    def low_bits(c):
        return {(1, 0): "yes", (0, 1): "no"}.get((c[1] & 1, c[3] & 1), "abstain")

    def magnitudes(c):
        return "yes" if c[1] > c[3] else "no"

    return {"same randomness": same_randomness,
            "quadratic residues": quadratic_residues,
            "low bits": low_bits, "magnitudes": magnitudes}


def by_rank(values, counts, rng):
    """Guesses from a measure (ties broken at random): for each of the six
    orders of the choices, the lowest ``counts[first]`` get the first, and
    so on."""
    voters = sorted(values, key=lambda voter: (values[voter], rng.random()))
    result = {}
    for order in itertools.permutations(CHOICES):
        guesses, start = {}, 0
        for choice in order:
            for voter in voters[start:start + counts[choice]]:
                guesses[voter] = choice
            start += counts[choice]
        result["/".join(order)] = guesses
    return result


def page_heuristics(items, register):
    """Pairing by transaction id: the ballot versions (live and dead) that
    the voter's transaction wrote or deleted (xmin/xmax)."""
    by_xid = {row[1]: voter for voter, row in register.items()}
    evidence, structure = defaultdict(bytes), {}
    for _b, _lp, xmin, xmax, data in items:
        for xid in (xmin, xmax):
            if xid in by_xid:
                evidence[by_xid[xid]] += data
        if xmin in by_xid:
            structure[by_xid[xmin]] = ciphertexts(data)
    heuristics = {"pages: xmin/xmax of ballot versions": {
        voter: one(tokens(data)) for voter, data in evidence.items()}}
    for name, reader in crypto_readers().items():
        heuristics["pages: xmin + %s" % name] = {
            voter: reader(parts) for voter, parts in structure.items() if parts}
    return heuristics


def order_heuristics(items, register):
    """Pairing by order: the i-th register row (by id, by physical place)
    with the i-th live ballot."""
    live = sorted((item for item in items if not item[3]),
                  key=lambda item: (item[0], item[1]))
    by_id = sorted(live, key=lambda item: int.from_bytes(item[4][0:4], "little"))
    heuristics = {}
    for name, ballots, key in (
            ("ids", by_id, lambda voter: register[voter][0]),
            ("ctid", live, lambda voter: register[voter][2:4])):
        pairs = list(zip(sorted(register, key=key), ballots))
        heuristics["order of %s" % name] = {
            voter: one(tokens(item[4])) for voter, item in pairs}
        parts = {voter: ciphertexts(item[4]) for voter, item in pairs}
        for reader_name, reader in crypto_readers().items():
            guesses = {voter: reader(p) for voter, p in parts.items() if p}
            if guesses:
                heuristics["order of %s + %s" % (name, reader_name)] = guesses
    return heuristics


def wal_heuristics(cluster, scheme, wal_range, counts):
    """Pairing in the write-ahead log: by transaction, by adjacency, by the
    bytes between two votes; sizes and timing ranked."""
    register = scheme["register"]
    by_xid = {row[1]: voter for voter, row in register.items()}
    records = cluster.records(*wal_range)
    ballot_node = cluster.filenode(scheme["ballot_rel"])
    register_node = cluster.filenode(scheme["register_rel"])

    def touches(record, node):
        return any(db == cluster.dboid and rel == node
                   for db, rel, _b in record["rels"])

    same_xid, all_of_xid = defaultdict(bytes), defaultdict(bytes)
    sizes = defaultdict(int)
    for record in records:
        voter = by_xid.get(record["xid"])
        if voter is not None:
            all_of_xid[voter] += record["bytes"]
            if touches(record, ballot_node):
                same_xid[voter] += record["bytes"]
                sizes[voter] += record["total"]
    heuristics = {
        "WAL: ballot records of the voter's transaction": {
            voter: one(tokens(data)) for voter, data in same_xid.items()},
        "WAL: every record of the voter's transaction": {
            voter: one(tokens(data)) for voter, data in all_of_xid.items()},
    }
    # adjacency: the ballot record just after, and just before, each
    # register insert (whatever their transaction)
    ballot_records = [r for r in records if touches(r, ballot_node)]
    after, before = {}, {}
    for record in records:
        voter = by_xid.get(record["xid"])
        if voter is not None and touches(record, register_node) and \
                record["desc"].startswith("INSERT"):
            following = [r for r in ballot_records if r["lsn"] > record["lsn"]][:1]
            preceding = [r for r in ballot_records if r["lsn"] < record["lsn"]][-1:]
            after[voter] = one(tokens(b"".join(r["bytes"] for r in following)))
            before[voter] = one(tokens(b"".join(r["bytes"] for r in preceding)))
    heuristics["WAL: next ballot record (any transaction)"] = after
    heuristics["WAL: previous ballot record (any transaction)"] = before
    # everything written between the previous voter's commit and this one's
    commits = sorted((r["lsn"], by_xid[r["xid"]], r["commit"]) for r in records
                     if r["commit"] and r["xid"] in by_xid)
    guesses, previous = {}, wal_range[0]
    for lsn, voter, _when in commits:
        guesses[voter] = one(tokens(b"".join(
            r["bytes"] for r in records if previous < r["lsn"] <= lsn)))
        previous = lsn
    heuristics["WAL: all bytes since the previous vote"] = guesses
    rng = random.Random(5)
    for order, ranked in by_rank(sizes, counts, rng).items():
        heuristics["WAL: ballot record size, ranked %s" % order] = ranked
    # timing: how long each voter's transaction took (start time in the
    # register, commit time in the WAL)
    durations = {voter: when - register[voter][4] for _l, voter, when in commits}
    for order, ranked in by_rank(durations, counts, rng).items():
        heuristics["timing: transaction duration, ranked %s" % order] = ranked
    return heuristics


def attack(cluster, scheme, wal_range, counts):
    """{heuristic: {voter: guessed choice}} for a scheme:
    ``register``: voter -> (register id, xid, block, line pointer, start time);
    ``register_rel``, ``ballot_rel``: table names; ``motion``: the ballots'
    motion id (their second int4 column)."""
    register = scheme["register"]
    # the ballot tuple versions of this motion on the pages, dead ones too
    items = [item for item in cluster.heap_items(scheme["ballot_rel"])
             if item[4][4:8] == scheme["motion"].to_bytes(4, "little")]
    heuristics = page_heuristics(items, register)
    heuristics.update(order_heuristics(items, register))
    heuristics.update(wal_heuristics(cluster, scheme, wal_range, counts))
    return {name: {v: c for v, c in guesses.items() if c}
            for name, guesses in heuristics.items()}


def binomial_tail(n, p, k):
    return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k, n + 1))


def threshold(n, p, alpha):
    """The smallest number of correct guesses out of ``n`` that chance
    reaches with probability at most ``alpha``."""
    for k in range(n + 2):
        if binomial_tail(n, p, k) <= alpha:
            return k
    return n + 1


def score(heuristics, truth):
    """{heuristic: (guesses made, guesses right)}"""
    return {name: (len(guesses), sum(1 for voter, choice in guesses.items()
                                     if truth.get(voter) == choice))
            for name, guesses in heuristics.items()}


def draw(voters):
    """Equal shares of the three choices, shuffled by the system's CSPRNG."""
    choices = [CHOICES[i % 3] for i in range(len(voters))]
    random.SystemRandom().shuffle(choices)
    return dict(zip(voters, choices))


# --- the vote ----------------------------------------------------------------

def prepare(server, admin, tag):
    city = admin.ref("party_handbook.org_hue_demo")
    commune = admin("party.organization", "create", {
        "name": "E2E Xã bỏ phiếu kín %s" % tag, "code": "E2E-S%s" % tag,
        "level": "commune", "parent_id": city})
    cell = admin("party.organization", "create", {
        "name": "E2E Chi bộ bỏ phiếu kín %s" % tag, "code": "E2E-S%s-1" % tag,
        "level": "cell", "parent_id": commune})
    groups = [admin.ref("base.group_portal"),
              admin.ref("party_handbook.group_party_handbook_member")]

    def voter(index):
        admin = Rpc(server, *ADMIN)   # a connection per thread
        member = admin("party.member", "create", {
            "name": "E2E Cử tri kín %02d %s" % (index, tag), "organization_id": cell,
            "admission_date": "2010-03-03", "official_date": "2011-03-03",
            "state": "official", "date_of_birth": "1970-01-01"})
        partner = admin("party.member", "read", [member], ["partner_id"])[0][
            "partner_id"][0]
        login = "e2e_secret_%s_%02d" % (tag, index)
        admin("res.users", "create", {
            "login": login, "password": PASSWORD, "partner_id": partner,
            "groups_id": [(6, 0, groups)]})
        return {"member": member, "login": login}

    with ThreadPoolExecutor(max_workers=3) as pool:
        voters = list(pool.map(voter, range(VOTERS)))
    meeting = admin("party.meeting", "create", {
        "name": "E2E Họp bỏ phiếu kín %s" % tag, "organization_id": cell,
        "date_start": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        "location": "Hội trường", "chair_id": voters[0]["member"],
        "secretary_id": voters[1]["member"]})
    admin("party.meeting", "action_announce", [meeting])
    admin("party.meeting", "action_start", [meeting])
    lines = admin("party.meeting.attendance", "search", [("meeting_id", "=", meeting)])
    admin("party.meeting.attendance", "action_present", lines)
    return meeting, voters


def login(server, voter):
    session = requests.Session()
    page = session.get(server.url + "/web/login", timeout=TIMEOUT)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(server.url + "/web/login", data={
        "login": voter["login"], "password": PASSWORD, "csrf_token": token,
        "redirect": "/my"}, timeout=TIMEOUT)
    assert session.get(server.url + "/my", timeout=TIMEOUT).status_code == 200
    return session


def confirmation(page, motion, choice):
    """The fields the page's confirmation form of ``choice`` posts."""
    form = re.search(r'(<form[^>]*\sid="confirm-%s-%s"[^>]*>)(.*?)</form>' % (
        motion, choice), page, re.S)
    assert form, "no confirmation form for %s" % choice
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form.group(2)):
        name = re.search(r'\sname="([^"]*)"', tag).group(1)
        fields[name] = re.search(r'\svalue="([^"]*)"', tag).group(1)
    return fields


def key_patterns(private):
    """The private key as it could be written anywhere."""
    size = (private.bit_length() + 7) // 8
    forms = [str(private).encode(), ("%x" % private).encode(),
             ("%X" % private).encode(), ("%0512x" % private).encode(),
             private.to_bytes(256, "big"), private.to_bytes(size, "big"),
             private.to_bytes(256, "little"), private.to_bytes(size, "little")]
    # and a prefix of each (a truncated or partly overwritten copy)
    return forms + [form[:24] for form in forms]


# --- the test ----------------------------------------------------------------

def test_nobody_links_a_secret_ballot_to_its_voter(odoo_server, artifacts):
    assert os.geteuid() == 0, "the attacker is root and the database superuser"
    started = time.time()
    db = odoo_server.db
    admin = Rpc(odoo_server, *ADMIN)
    tag = "%x" % int(time.time() * 1000)
    cluster = Cluster(db)
    slot = "ph_ballot_secrecy_%s" % tag
    created_extension = not su_sql(
        "SELECT 1 FROM pg_extension WHERE extname = 'pageinspect'", db)
    scratch = ("ph_attack_register_%s" % tag, "ph_attack_ballot_%s" % tag)
    meeting, motion = None, None
    report = []
    # keep the WAL from now on, whatever checkpoints happen meanwhile (and
    # drop the slot a killed run may have left: it would keep WAL forever)
    su_sql("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
           "WHERE slot_name LIKE 'ph\\_ballot\\_secrecy\\_%%' AND NOT active", db)
    su_sql("SELECT pg_create_physical_replication_slot('%s', true)" % slot, db)
    try:
        su_sql("CREATE EXTENSION IF NOT EXISTS pageinspect", db)
        meeting, voters = prepare(odoo_server, admin, tag)
        with ThreadPoolExecutor(max_workers=4) as pool:
            sessions = list(pool.map(lambda v: login(odoo_server, v), voters))
        setup_seconds = time.time() - started

        start = cluster.lsn()
        bus_start = int(su_value("SELECT COALESCE(max(id), 0) FROM bus_bus", db))
        mail_start = int(su_value("SELECT COALESCE(max(id), 0) FROM mail_message", db))
        motion = admin("party.meeting.motion", "create", {
            "meeting_id": meeting, "name": "E2E Bỏ phiếu kín %s" % tag,
            "method": "secret"})
        admin("party.meeting.motion", "action_open_vote", [motion])
        # root reads the key while the vote is open
        folder = os.path.join(harness.DATA_DIR, "party_ballot_keys", db)
        key_file = os.path.join(folder, "%s.key" % motion)
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
        with open(key_file) as handle:
            private = int(re.search(r"^private ([0-9a-f]+)$", handle.read(),
                                    re.M).group(1), 16)

        # the members vote through the portal, in a random order
        truth = draw([v["member"] for v in voters])
        order = list(zip(voters, sessions))
        random.SystemRandom().shuffle(order)
        base = "%s/my/party/meetings/%s" % (odoo_server.url, meeting)
        vote_started = time.time()
        for voter, session in order:
            page = session.get(base, timeout=TIMEOUT).text
            data = confirmation(page, motion, truth[voter["member"]])
            response = session.post("%s/vote/%s" % (base, motion), data=data,
                                    allow_redirects=False, timeout=TIMEOUT)
            assert response.status_code == 303, response.text[:500]
            assert "choice" not in response.headers["Location"]
        vote_seconds = time.time() - vote_started
        # open: nothing counted yet, and nothing but meeting ids on the bus,
        # no chatter message about the vote
        hidden = admin("party.meeting.motion", "read", [motion], [
            "yes_count", "no_count", "abstain_count", "voted_count"])[0]
        assert (hidden["yes_count"], hidden["no_count"], hidden["abstain_count"],
                hidden["voted_count"]) == (0, 0, 0, VOTERS)
        bus = su_sql("SELECT channel, message FROM bus_bus WHERE id > %d "
                     "AND channel LIKE '%%party.meeting.live%%'" % bus_start, db)
        assert len(bus) >= VOTERS
        assert {message for _c, message in bus} == {
            '{"meeting_ids":[%d]}' % meeting}, bus[:3]
        assert su_sql("SELECT id, model FROM mail_message WHERE id > %d AND "
                      "model LIKE 'party.meeting%%'" % mail_start, db) == []

        close_started = time.time()
        admin("party.meeting.motion", "action_close_vote", [motion])
        close_seconds = time.time() - close_started
        end = cluster.lsn()
        closed = admin("party.meeting.motion", "read", [motion], [
            "state", "yes_count", "no_count", "abstain_count"])[0]
        counts = Counter(truth.values())
        assert closed["state"] == "closed"
        assert {c: closed["%s_count" % c] for c in CHOICES} == dict(counts)

        # --- the attacker, on the real scheme
        register = {
            int(member): (int(rid), int(xid), int(blk), int(lp), float(epoch))
            for member, rid, xid, blk, lp, epoch in su_sql("""
                SELECT member_id, id, xmin::text::bigint,
                       (ctid::text::point)[0]::int, (ctid::text::point)[1]::int,
                       extract(epoch from create_date)
                  FROM party_meeting_vote WHERE motion_id = %d""" % motion, db)}
        assert len(register) == VOTERS
        real = attack(cluster, {
            "register": register, "register_rel": "party_meeting_vote",
            "ballot_rel": "party_meeting_ballot", "motion": motion},
            (start, end), counts)
        real_scores = score(real, truth)

        # --- the control: the same attacker on plain-text ballots written
        #     with their register row
        control_truth = draw(list(range(1, VOTERS + 1)))
        su_sql("""
            CREATE TABLE %s (id serial PRIMARY KEY, motion_id int, member_id int,
                             create_date timestamp);
            CREATE TABLE %s (id serial PRIMARY KEY, motion_id int, choice varchar);
            """ % scratch, db)
        control_start = cluster.lsn()
        control_order = list(control_truth.items())
        random.SystemRandom().shuffle(control_order)
        # ... with work that depends on the choice (0, 0.1 or 0.2 s), so
        # that the timing heuristics are put to the test too
        su_sql("\n".join(
            "BEGIN; INSERT INTO %s (motion_id, member_id, create_date) VALUES "
            "(1, %d, now() at time zone 'UTC'); SELECT pg_sleep(%s); "
            "INSERT INTO %s (motion_id, choice) VALUES (1, '%s'); COMMIT;" % (
                scratch[0], member, CHOICES.index(choice) / 10, scratch[1], choice)
            for member, choice in control_order), db)
        control_end = cluster.lsn()
        control_register = {
            int(member): (int(rid), int(xid), int(blk), int(lp), float(epoch))
            for member, rid, xid, blk, lp, epoch in su_sql("""
                SELECT member_id, id, xmin::text::bigint,
                       (ctid::text::point)[0]::int, (ctid::text::point)[1]::int,
                       extract(epoch from create_date) FROM %s""" % scratch[0], db)}
        control = attack(cluster, {
            "register": control_register, "register_rel": scratch[0],
            "ballot_rel": scratch[1], "motion": 1},
            (control_start, control_end), Counter(control_truth.values()))
        control_scores = score(control, control_truth)

        # --- key hygiene: the key file is gone, the key is nowhere
        assert not os.path.exists(key_file)
        assert not os.path.exists(os.path.join(folder, "%s.pub" % motion))
        patterns = key_patterns(private)
        places = {"WAL segment %d" % i: data for i, data in enumerate(
            cluster.wal_segments(start, end))}
        for relation in ("party_meeting_ballot", "party_meeting_motion"):
            places["%s (current pages)" % relation] = cluster.raw_pages(relation)
            toast = su_value("SELECT COALESCE(reltoastrelid::regclass::text, '') "
                             "FROM pg_class WHERE relname = '%s'" % relation, db)
            for rel in [relation] + ([toast] if toast else []):
                for path in cluster.relation_files(rel):
                    with open(path, "rb") as handle:
                        places[path] = handle.read()
        places["server log"] = odoo_server.log().encode()
        leaks = [(place, index) for place, data in places.items()
                 for index, pattern in enumerate(patterns) if pattern in data]
        log_choices = [line for line in odoo_server.log().splitlines()
                       if "choice=" in line]
    finally:
        su_sql("SELECT pg_drop_replication_slot('%s')" % slot, db)
        su_sql("DROP TABLE IF EXISTS %s, %s" % scratch, db)
        if created_extension:
            su_sql("DROP EXTENSION IF EXISTS pageinspect", db)
        if meeting:
            if motion and admin("party.meeting.motion", "read", [motion],
                                ["state"])[0]["state"] == "open":
                admin("party.meeting.motion", "action_close_vote", [motion])
            admin("party.meeting", "action_close", [meeting])
            users = admin("res.users", "search",
                          [("login", "like", "e2e_secret_%s_" % tag)])
            admin("res.users", "write", users, {"active": False})

    # --- the verdict
    share = max(counts.values()) / VOTERS
    alpha = ALPHA / len(real)
    report.append("secret ballot: %d voters (%s), cast through the portal in %.1fs "
                  "(%.0f ms a vote), closed in %.2fs; setup %.0fs, total %.0fs" % (
                      VOTERS, ", ".join("%s %d" % (c, counts[c]) for c in CHOICES),
                      vote_seconds, 1000 * vote_seconds / VOTERS, close_seconds,
                      setup_seconds, time.time() - started))
    report.append(
        "WAL read: %d kB over %d segment(s); chance: a blind guess is right for at "
        "most %d of %d (largest share); a heuristic fails the test beyond the "
        "Binomial(k, %.2f) tail at %.1e (0.001 / %d heuristics)" % (
            (end - start) // 1024, len(cluster.wal_segments(start, end)),
            max(counts.values()), VOTERS, share, alpha, len(real)))
    failures = []
    report.append("%-62s %9s %6s %9s" % (
        "heuristic (real scheme)", "attempts", "links", "threshold"))
    for name, (attempts, links) in sorted(real_scores.items(), key=lambda i: -i[1][1]):
        limit = threshold(attempts, share, alpha) if attempts else 1
        report.append("%-62s %9d %6d %9d" % (name[:62], attempts, links, limit))
        if links >= limit:
            failures.append((name, attempts, links, limit))
    best = max(control_scores.values(), key=lambda s: s[1])
    # every way of pairing and reading must work on the control: a heuristic
    # that finds nothing there proves nothing on the real scheme
    families = {family: max(links for name, (_a, links) in control_scores.items()
                            if name.startswith(family)) for family in FAMILIES}
    blind = [family for family, links in families.items() if links < 0.9 * VOTERS]
    report.append("control (plain-text ballot written in the voter's transaction, "
                  "choice-dependent work): best heuristic links %d of %d; best of "
                  "each family: %s" % (best[1], VOTERS, "; ".join(
                      "%s %d" % item for item in families.items())))
    report.append("key hygiene: key file removed at closing; private key found in "
                  "%d of %d places searched (%d patterns); log lines with a choice: %d"
                  % (len({p for p, _i in leaks}), len(places), len(patterns),
                     len(log_choices)))
    with open(os.path.join(artifacts, "ballot-secrecy.txt"), "w") as handle:
        handle.write("\n".join(report) + "\n")
    print("\n" + "\n".join(report))

    assert not failures, "a heuristic links ballots to voters: %s" % failures
    assert best[1] >= 0.9 * VOTERS, "the attacker does not work: %s" % control_scores
    assert not blind, "these heuristics miss the plain-text control: %s" % blind
    assert not leaks, "the private key was found in: %s" % leaks
    assert not log_choices, log_choices[:3]
