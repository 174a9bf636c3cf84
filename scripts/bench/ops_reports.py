# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reports at their floor (issue #13, item 2): member pivots, a commune
officer's member list, moving a commune.

Operations for ``scripts/bench.py`` (contract: ``operations(size)``, see
scripts/bench/core.py). Each ``run`` does what the web client does (the
pivot's four ``read_group`` calls, the list's ``search_read`` then
``search_count``) or what the reorganisation does (``write`` of the parent);
each ``floor`` sends the same work as hand-written SQL.
"""
# the pivot view asks for every prefix of its row and column groupings
# (web/static/src/js/views/pivot/pivot_model.js, _loadData)
PIVOT_STATES = ("probationary", "official", "exempted")
# the member list view's columns (party_member_views.xml) and order
LIST_FIELDS = ["name", "date_of_birth", "gender", "organization_id",
               "admission_date", "card_number", "phone", "state"]
COMMUNE = "GEN-C01"
# where the moved commune goes: a second city, created once
OTHER_PARENT = "GEN-BENCH-REPORTS"


def _pivot_run(env, row):
    """The pivot's read_groups: totals, by status, by ``row``, by ``row`` ×
    status (``lazy=False``), with the names of the ``row`` groups."""
    Member = env["party.member"]
    fields = [row, "state", "__count"]
    cells = 0
    for groupby in ([], ["state"], [row], [row, "state"]):
        cells += len(Member.read_group([], fields, groupby, lazy=False))
    return cells


def _pivot_floor(cr, column):
    """The same four aggregates in SQL (active members, names of the rows,
    rows in the tree's order)."""
    cells = 0
    cr.execute("SELECT count(*) FROM party_member WHERE active")
    cells += len(cr.fetchall())
    cr.execute("SELECT state, count(*) FROM party_member WHERE active "
               "GROUP BY state ORDER BY state")
    cells += len(cr.fetchall())
    for extra in ("", ", m.state"):
        cr.execute("""
            SELECT o.id, o.complete_name%(extra)s, count(*)
              FROM party_member m
              LEFT JOIN party_organization o ON o.id = m.%(column)s
             WHERE m.active
             GROUP BY o.id, o.complete_name, o.parent_left%(extra)s
             ORDER BY o.parent_left%(extra)s""" % {
                 "column": column, "extra": extra})
        cells += len(cr.fetchall())
    return cells


def _org(env, code):
    return env["party.organization"].search([("code", "=", code)], limit=1)


def _ensure_commune_columns(env):
    """Generated data is written with COPY: fill the commune columns if the
    generator left them empty (idempotent, one statement)."""
    env.cr.execute("SELECT 1 FROM party_member WHERE commune_id IS NULL "
                   "AND organization_id IN (SELECT id FROM party_organization "
                   "WHERE commune_id IS NOT NULL OR level = 'commune') LIMIT 1")
    if env.cr.fetchone():
        env["party.organization"]._party_fill_tree_columns()


def _setup_pivot(env):
    if "commune_id" in env["party.member"]._fields:
        _ensure_commune_columns(env)
    return {}


def _setup_list(env):
    commune = _org(env, COMMUNE)
    assert commune, "no organization %s: run generate_data.py" % COMMUNE
    env.cr.execute("""SELECT parent_left, parent_right FROM party_organization
                       WHERE id = %s""", (commune.id,))
    left, right = env.cr.fetchone()
    return {"commune_id": commune.id, "left": left, "right": right}


def _list_run(env, state):
    Member = env["party.member"]
    rows = Member.search_read([], LIST_FIELDS, limit=80,
                              order=Member._order)
    count = Member.search_count([])
    assert count >= len(rows)
    return count


def _list_floor(cr, state):
    """The first page (the list's order: organization in tree order, name,
    id) and the count of active members registered or temporarily attached
    in the officer's commune."""
    subtree = """SELECT id FROM party_organization
                  WHERE parent_left >= %(left)s AND parent_left < %(right)s"""
    cr.execute("""
        SELECT m.id, p.name, m.date_of_birth, m.gender, m.organization_id,
               o.complete_name, m.admission_date, m.card_number, p.phone,
               m.state
          FROM party_member m
          JOIN res_partner p ON p.id = m.partner_id
          JOIN party_organization o ON o.id = m.organization_id
         WHERE m.active AND (m.organization_id IN (%(subtree)s)
                             OR m.temporary_organization_id IN (%(subtree)s))
         ORDER BY o.parent_left, p.name, m.id
         LIMIT 80""" % {"subtree": subtree}, state)
    cr.fetchall()
    cr.execute("""
        SELECT count(*) FROM party_member m
         WHERE m.active AND (m.organization_id IN (%(subtree)s)
                             OR m.temporary_organization_id IN (%(subtree)s))
    """ % {"subtree": subtree}, state)
    return cr.fetchone()[0]


def _setup_move(env):
    commune = _org(env, "GEN-C02")
    assert commune, "no organization GEN-C02: run generate_data.py"
    other = _org(env, OTHER_PARENT)
    if not other:
        other = env["party.organization"].create({
            "name": "Bench: another city", "code": OTHER_PARENT,
            "level": "city"})
    env.cr.execute("""SELECT parent_left, parent_right FROM party_organization
                       WHERE id = %s""", (commune.id,))
    left, right = env.cr.fetchone()
    return {"commune_id": commune.id, "parent_id": other.id,
            "previous_id": commune.parent_id.id, "left": left, "right": right}


def _move_run(env, state):
    commune = env["party.organization"].browse(state["commune_id"])
    commune.write({"parent_id": state["parent_id"]})
    return state["right"] - state["left"] + 1 >> 1


def _move_floor(cr, state):
    """What a move changes, set-wise: the parent, the nested sets (make room
    at the new place, slide the subtree), the full names of the subtree,
    and the audit trail (the chatter message tracking the new parent)."""
    cr.execute("SELECT parent_left, parent_right FROM party_organization "
               "WHERE id = %s", (state["commune_id"],))
    left, right = cr.fetchone()
    width = right - left + 1
    cr.execute("SELECT parent_right FROM party_organization WHERE id = %s",
               (state["parent_id"],))
    target = cr.fetchone()[0]
    cr.execute("UPDATE party_organization SET parent_id = %s, "
               "write_date = now() WHERE id = %s",
               (state["parent_id"], state["commune_id"]))
    cr.execute("""
        UPDATE party_organization
           SET parent_left = parent_left
                 + CASE WHEN parent_left >= %(target)s THEN %(width)s ELSE 0 END,
               parent_right = parent_right
                 + CASE WHEN parent_right >= %(target)s THEN %(width)s ELSE 0 END
         WHERE parent_right >= %(target)s""", {"target": target, "width": width})
    shift = target - (left + (width if left >= target else 0))
    start = left + (width if left >= target else 0)
    cr.execute("""
        UPDATE party_organization
           SET parent_left = parent_left + %(shift)s,
               parent_right = parent_right + %(shift)s
         WHERE parent_left >= %(start)s AND parent_left < %(end)s""",
               {"shift": shift, "start": start, "end": start + width})
    cr.execute("""
        WITH RECURSIVE tree(id, path) AS (
            SELECT o.id, p.complete_name || ' / ' || o.name
              FROM party_organization o
              JOIN party_organization p ON p.id = o.parent_id
             WHERE o.id = %s
            UNION ALL
            SELECT c.id, tree.path || ' / ' || c.name
              FROM tree JOIN party_organization c ON c.parent_id = tree.id)
        UPDATE party_organization o SET complete_name = tree.path
          FROM tree WHERE o.id = tree.id""", (state["commune_id"],))
    count = cr.rowcount
    cr.execute("""
        WITH message AS (
            INSERT INTO mail_message (model, res_id, message_type, body,
                                      date, author_id, subtype_id)
            SELECT 'party.organization', %s, 'notification', '', now(),
                   3, (SELECT id FROM mail_message_subtype
                        WHERE name = 'Note' LIMIT 1)
            RETURNING id)
        INSERT INTO mail_tracking_value (field, field_desc, field_type,
                                         old_value_integer, new_value_integer,
                                         old_value_char, new_value_char,
                                         mail_message_id)
        SELECT 'parent_id', 'Parent organization', 'many2one', %s, %s,
               'old', 'new', message.id FROM message""",
               (state["commune_id"], state["previous_id"], state["parent_id"]))
    return count


def operations(size):
    return [
        {
            "name": "member pivot: organization × status (city officer)",
            "group": "report", "target": 3.0, "runs": None,
            "login": "gen_city_officer",
            "setup": _setup_pivot,
            "run": lambda env, state: _pivot_run(env, "organization_id"),
            "floor": lambda cr, state: _pivot_floor(cr, "organization_id"),
        },
        {
            "name": "member pivot: commune × status (city officer)",
            "group": "report", "target": 3.0, "runs": None,
            "login": "gen_city_officer",
            "setup": _setup_pivot,
            "run": lambda env, state: _pivot_run(env, "commune_id"),
            "floor": lambda cr, state: _pivot_floor(cr, "commune_id"),
        },
        {
            "name": "member list, first page + count (commune officer)",
            "group": "report", "target": 3.0, "runs": None,
            "login": "gen_officer",
            "setup": _setup_list,
            "run": _list_run,
            "floor": _list_floor,
        },
        {
            "name": "move a commune under another parent (city officer)",
            "group": "report", "target": 3.0, "runs": None,
            "login": "gen_city_officer",
            "setup": _setup_move,
            "run": _move_run,
            "floor": _move_floor,
        },
    ]
