# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The stored commune of organizations and members, the set-wise upkeep of
the tree's derived columns, and organization names read alone (issue #13)."""
import importlib.util
import os

from odoo.exceptions import AccessError, UserError

from .common import PartyCase


class TestCommuneColumns(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Organization = cls.env["party.organization"]
        cls.group_a2 = Organization.create({
            "name": "Group A2-1", "code": "TC-A-2-1", "level": "group",
            "parent_id": cls.cell_a2.id})
        cls.grassroots = Organization.create({
            "name": "Grassroots B", "code": "TC-B-G", "level": "grassroots",
            "parent_id": cls.commune_b.id})

    def column(self, records):
        """{id: commune id} as stored in the table (not the ORM cache)."""
        self.env.cr.execute(
            "SELECT id, commune_id FROM %s WHERE id IN %%s" % records._table,
            (tuple(records.ids),))
        return dict(self.env.cr.fetchall())

    def names(self, organizations):
        self.env.cr.execute(
            "SELECT id, complete_name FROM party_organization WHERE id IN %s",
            (tuple(organizations.ids),))
        return dict(self.env.cr.fetchall())

    def assertCommune(self, records, commune, members=None):
        """``records`` (organizations) and ``members`` are in ``commune``,
        in the table and through the ORM."""
        expected = commune.id if commune else None
        for recordset in (records, members):
            if not recordset:
                continue
            self.assertEqual(self.column(recordset),
                             dict.fromkeys(recordset.ids, expected))
            for record in recordset:
                self.assertEqual(record.commune_id.id or None, expected)

    # --- create ---------------------------------------------------------

    def test_created_organizations_and_members(self):
        self.assertCommune(self.city, None)
        self.assertCommune(
            self.commune_a | self.cell_a1 | self.cell_a2 | self.group_a2,
            self.commune_a, self.a1_official | self.a1_probationary
            | self.a2_official)
        self.assertCommune(self.commune_b | self.cell_b1 | self.grassroots,
                           self.commune_b, self.b1_official)
        self.assertEqual(self.group_a2.complete_name,
                         "City / Commune A / Cell A2 / Group A2-1")

    def test_member_created_under_the_city_has_no_commune(self):
        member = self.create_member("Đỗ Văn Giang", self.city, "probationary")
        self.assertCommune(member, None)

    def test_a_callers_commune_is_not_taken(self):
        member = self.create_member("Vũ Thị Hoa", self.cell_b1, "probationary",
                                    commune_id=self.commune_a.id)
        self.assertCommune(member, self.commune_b)
        with self.assertRaises(UserError):
            member.write({"commune_id": self.commune_a.id})
        Organization = self.env["party.organization"]
        for vals in ({"commune_id": self.commune_b.id},
                     {"complete_name": "Elsewhere"}):
            with self.assertRaises(UserError):
                self.cell_a1.write(vals)
            with self.assertRaises(UserError):
                Organization.create(dict(vals, name="X", level="cell",
                                         parent_id=self.commune_a.id))
        self.assertCommune(self.cell_a1, self.commune_a)

    # --- moves of members -----------------------------------------------

    def test_member_transferred_to_another_commune(self):
        self.a1_official.action_transfer_internal(self.cell_b1)
        self.assertCommune(self.a1_official, self.commune_b)
        # a plain change of organization (the form) as well
        self.a1_other.write({"organization_id": self.grassroots.id})
        self.assertCommune(self.a1_other, self.commune_b)
        self.a1_other.write({"organization_id": self.city.id})
        self.assertCommune(self.a1_other, None)

    # --- moves and reparenting of organizations -------------------------

    def test_cell_moved_to_another_commune(self):
        self.cell_a2.write({"parent_id": self.commune_b.id})
        self.assertCommune(self.cell_a2 | self.group_a2, self.commune_b,
                           self.a2_official)
        self.assertEqual(self.names(self.cell_a2 | self.group_a2), {
            self.cell_a2.id: "City / Commune B / Cell A2",
            self.group_a2.id: "City / Commune B / Cell A2 / Group A2-1"})
        # the other cells stay where they were
        self.assertCommune(self.cell_a1, self.commune_a, self.a1_official)

    def test_cell_moved_under_the_city_and_back(self):
        self.cell_a2.write({"parent_id": self.city.id})
        self.assertCommune(self.cell_a2 | self.group_a2, None,
                           self.a2_official)
        self.cell_a2.write({"parent_id": self.grassroots.id})
        self.assertCommune(self.cell_a2 | self.group_a2, self.commune_b,
                           self.a2_official)
        self.assertEqual(self.group_a2.complete_name,
                         "City / Commune B / Grassroots B / Cell A2 / Group A2-1")

    def test_commune_moved_keeps_itself(self):
        other_city = self.env["party.organization"].create({
            "name": "Other city", "code": "TC2", "level": "city"})
        self.commune_a.write({"parent_id": other_city.id})
        self.assertCommune(self.commune_a | self.cell_a1 | self.group_a2,
                           self.commune_a, self.a1_official)
        self.assertEqual(self.group_a2.complete_name,
                         "Other city / Commune A / Cell A2 / Group A2-1")
        # the nested sets follow: the subtree is found under its new parent
        Organization = self.env["party.organization"]
        self.assertEqual(
            Organization.search([("id", "child_of", other_city.id)]),
            other_city | self.commune_a | self.cell_a1 | self.cell_a2
            | self.group_a2)
        self.assertNotIn(self.cell_a1, Organization.search(
            [("id", "child_of", self.city.id)]))

    def test_renamed_and_relevelled(self):
        self.commune_a.write({"name": "Ward A"})
        self.assertEqual(self.names(self.group_a2)[self.group_a2.id],
                         "City / Ward A / Cell A2 / Group A2-1")
        # a grassroots organization that becomes a commune (and back)
        self.grassroots.write({"level": "commune"})
        cell = self.env["party.organization"].create({
            "name": "Cell G", "code": "TC-B-G-1", "level": "cell",
            "parent_id": self.grassroots.id})
        self.assertCommune(self.grassroots | cell, self.grassroots)
        self.grassroots.write({"level": "grassroots"})
        self.assertCommune(self.grassroots | cell, self.commune_b)

    def test_several_moved_at_once(self):
        """A parent and its child written together (both roots of the
        statement) get the values of their final places."""
        (self.cell_a2 | self.cell_a1).write({"parent_id": self.commune_b.id})
        self.assertCommune(self.cell_a1 | self.cell_a2 | self.group_a2,
                           self.commune_b, self.a1_official | self.a2_official)

    # --- reorganisations --------------------------------------------------

    def reorganize(self, **values):
        wizard = self.env["party.organization.reorganize"].sudo(
            self.manager_user).create(values)
        return wizard.action_apply()

    def test_merge_of_communes(self):
        self.reorganize(kind="merge", source_ids=[(6, 0, self.commune_b.ids)],
                        target_id=self.commune_a.id)
        self.assertCommune(self.cell_b1 | self.grassroots, self.commune_a,
                           self.b1_official)
        self.assertEqual(self.names(self.cell_b1)[self.cell_b1.id],
                         "City / Commune A / Cell B1")

    def test_merge_of_cells_and_move(self):
        self.reorganize(kind="merge", source_ids=[(6, 0, self.cell_b1.ids)],
                        target_id=self.cell_a1.id)
        self.assertCommune(self.b1_official, self.commune_a)
        self.reorganize(kind="move", organization_id=self.cell_a1.id,
                        new_parent_id=self.grassroots.id)
        self.assertCommune(self.cell_a1, self.commune_b,
                           self.a1_official | self.b1_official)

    def test_split(self):
        self.reorganize(kind="split", organization_id=self.cell_a1.id,
                        new_name="Cell A1 bis", new_code="TC-A-1b",
                        member_ids=[(6, 0, self.a1_probationary.ids)])
        new_cell = self.a1_probationary.organization_id
        self.assertEqual(new_cell.code, "TC-A-1b")
        self.assertCommune(new_cell, self.commune_a, self.a1_probationary)

    # --- existing databases ---------------------------------------------

    def test_migration_fills_the_columns(self):
        cr = self.env.cr
        cr.execute("UPDATE party_organization SET commune_id = NULL")
        cr.execute("UPDATE party_member SET commune_id = NULL")
        cr.execute("UPDATE party_organization SET complete_name = 'stale' "
                   "WHERE id = %s", (self.group_a2.id,))
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                            "migrations", "11.0.0.4.0",
                            "post-commune-columns.py")
        spec = importlib.util.spec_from_file_location("commune_columns", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(cr, "11.0.0.3.0")
        self.env.cache.invalidate()
        self.assertCommune(self.city, None)
        self.assertCommune(self.cell_a1 | self.group_a2, self.commune_a,
                           self.a1_official | self.a2_official)
        self.assertCommune(self.grassroots, self.commune_b, self.b1_official)
        self.assertEqual(self.names(self.group_a2)[self.group_a2.id],
                         "City / Commune A / Cell A2 / Group A2-1")
        cr.execute("SELECT count(*) FROM party_member m "
                   "JOIN party_organization o ON o.id = m.organization_id "
                   "WHERE m.commune_id IS DISTINCT FROM o.commune_id")
        self.assertEqual(cr.fetchone()[0], 0)

    # --- reports ------------------------------------------------------------

    def test_members_by_commune(self):
        Member = self.env["party.member"].sudo(self.manager_user)
        groups = Member.read_group(
            [("organization_id", "child_of", self.city.id)],
            ["commune_id", "state"], ["commune_id", "state"], lazy=False)
        counts = {(g["commune_id"] and g["commune_id"][0], g["state"]):
                  g["__count"] for g in groups}
        self.assertEqual(counts, {
            (self.commune_a.id, "official"): 3,
            (self.commune_a.id, "probationary"): 1,
            (self.commune_b.id, "official"): 1,
        })
        names = {g["commune_id"][1] for g in groups}
        self.assertEqual(names, {"City / Commune A", "City / Commune B"})
        # the officer of commune A sees his commune only
        groups = Member.sudo(self.officer_user).read_group(
            [], ["commune_id"], ["commune_id"])
        self.assertEqual([(g["commune_id"][0], g["commune_id_count"])
                          for g in groups], [(self.commune_a.id, 4)])

    def test_name_get_reads_the_full_name_only(self):
        organizations = self.city | self.commune_a | self.cell_a1 | self.cell_b1
        organizations.invalidate_cache()
        queries = []
        execute = self.env.cr.execute

        def spy(query, params=None, log_exceptions=None):
            queries.append(query)
            return execute(query, params, log_exceptions)
        self.env.cr.execute = spy
        try:
            names = dict(organizations.sudo(self.officer_user).name_get())
        finally:
            del self.env.cr.execute
        self.assertEqual(names[self.cell_a1.id], "City / Commune A / Cell A1")
        reads = [q for q in queries if "FROM \"party_organization\"" in q
                 or "FROM party_organization" in q]
        self.assertEqual(len(reads), 1, queries)
        self.assertIn("complete_name", reads[0])
        for name in ("\"name\"", "\"code\"", "\"level\"", "\"date_start\""):
            self.assertNotIn(name, reads[0].split("FROM")[0])
        # nothing else of the records was loaded
        cached = set(self.env.cache.get_fields(self.cell_a1))
        self.assertFalse({field.name for field in cached} - {
            "complete_name", "id", "display_name"}, cached)

    def test_name_get_keeps_the_access_rights(self):
        """Who may not read organizations does not read their names."""
        user = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "No party role", "login": "ph_no_party_role",
                "email": "ph_no_party_role@example.org",
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        self.env["party.organization"].invalidate_cache()
        with self.assertRaises(AccessError):
            self.cell_b1.sudo(user).name_get()
        self.assertEqual(self.cell_b1.sudo(self.member_user).name_get(),
                         [(self.cell_b1.id, "City / Commune B / Cell B1")])
