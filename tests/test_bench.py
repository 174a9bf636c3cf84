"""The benchmark command end to end at a tiny size: every operation of every
scripts/bench/ops_*.py module prints its line with a ratio, none fails.

It runs scripts/bench.py (what ``make bench`` runs) with SIZE=2000 RUNS=1 on
a copy of the test database (the suite installed, so no second install),
keeps its output and JSON in the artifacts and drops its databases."""
import glob
import json
import os
import subprocess
import time

import harness
from test_generator import copy_db

SIZE = 2000


def test_bench_prints_every_operation_with_a_ratio(odoo_db, artifacts):
    base, db = harness.TEST_DB + "_bench_base", harness.TEST_DB + "_bench"
    results = os.path.join(artifacts, "bench-%d.json" % SIZE)
    modules = sorted(os.path.splitext(os.path.basename(path))[0] for path in glob.glob(
        os.path.join(harness.ROOT, "scripts", "bench", "ops_*.py")))
    assert modules, "no operations module in scripts/bench"
    copy_db(odoo_db, base)
    started = time.time()
    try:
        run = subprocess.run(
            [harness.PYTHON, os.path.join(harness.ROOT, "scripts", "bench.py"),
             "--size", str(SIZE), "--runs", "1", "--workers", "2",
             "--base-db", base, "--db", db, "--regen", "--json", results],
            capture_output=True, text=True, env=harness.odoo_env(), timeout=900)
    finally:
        for name in (db, base):
            harness.drop_db(name)
    seconds = time.time() - started
    with open(os.path.join(artifacts, "bench-%d.txt" % SIZE), "w") as handle:
        handle.write(run.stdout + "\n" + run.stderr)
    print(run.stdout)
    assert run.returncode == 0, "bench exited with %s:\n%s" % (
        run.returncode, run.stderr[-3000:])
    with open(results) as handle:
        data = json.load(handle)
    operations = data["operations"]
    assert sorted({op["module"] for op in operations}) == modules
    lines = run.stdout.splitlines()
    for operation in operations:
        assert not operation["error"], operation["error"]
        assert operation["ratio"] is not None and operation["ratio"] > 0, operation
        assert operation["run"]["median"] > 0 and operation["floor"]["median"] > 0
        printed = [row for row in lines if row.startswith(operation["name"])]
        assert len(printed) == 1 and " ratio " in printed[0], (operation["name"], lines)
    assert data["size"] == SIZE and data["machine"]["cpus"]
    print("bench at %d members: %d operations in %.0f s" % (
        SIZE, len(operations), seconds))
