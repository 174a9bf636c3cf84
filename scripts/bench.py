#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The benchmark suite: every operation of every scripts/bench/ops_*.py
beside its floor, on a generated city.

    make bench SIZE=100000 [WORKERS=4] [RUNS=5] [ONLY=<substring>] [REGEN=1]
    .venv/bin/python scripts/bench.py --size 100000 [--workers 4] [--runs 5] \\
        [--only pivot] [--seed 1] [--regen] [--db ph_bench_100000] [--json F]

The bench database (``ph_bench_<size>`` by default) is a copy of the test
template with the suite and its demo data installed, then a city of
``--size`` generated members (scripts/generate_data.py, ``--seed``). It is
reused when it was generated at that size and seed (``--regen`` builds it
again); our modules are updated in it when their code changed since. Then
the generated users are made (core.ensure_bench_users) and each operation
runs: its setup (committed), then ``--runs`` times the product and its floor,
interleaved, each rolled back (see scripts/bench/core.py for the contract).

One line per operation: name, n (work items), min/median/max of the product
and of its floor, the ratio of the medians and the target met or missed.
The results are also written as JSON (``.local/bench/<size>-<time>.json``
unless ``--json``); ``scripts/bench.py --markdown <file.json>`` prints one as
the table of docs/BENCHMARKS.md. Exit code 0 even when a target is missed; 1 when an
operation failed; 2 when the database could not be prepared.
"""
import argparse
import hashlib
import os
import signal
import subprocess
import sys
import time
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [HERE, os.path.join(HERE, "bench")]

from bench import core  # noqa: E402
from bench.core import harness  # noqa: E402

# operations modules may import the helpers as ``core`` or ``bench.core``:
# one module either way (one set of options, one shared server)
sys.modules.setdefault("core", core)

BENCH_DIR = os.path.join(ROOT, ".local", "bench")
MODULES = harness.OUR_MODULES + [harness.SUITE]


def say(message):
    print("==> %s" % message, file=sys.stderr, flush=True)


def code_digest():
    """What our modules' code is: an update is due when it changes."""
    digest = hashlib.sha256()
    for top in harness.OUR_MODULES + ["__manifest__.py"]:
        path = os.path.join(ROOT, top)
        if os.path.isfile(path):
            files = [path]
        else:
            files = sorted(
                os.path.join(folder, name)
                for folder, dirs, names in os.walk(path)
                for name in names
                if name.endswith((".py", ".xml", ".csv")) and "/tests" not in folder)
        for name in files:
            digest.update(name[len(ROOT):].encode())
            with open(name, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


def db_comment(db):
    return harness.psql("SELECT shobj_description(oid, 'pg_database') "
                        "FROM pg_database WHERE datname = '%s'" % db)


def set_comment(db, text):
    harness.psql("COMMENT ON DATABASE \"%s\" IS '%s'" % (db, text))


def odoo_step(config, db, what, *args):
    logfile = os.path.join(BENCH_DIR, "%s-%s.log" % (db, what))
    code, _log = harness.odoo(config, "-d", db, "--stop-after-init",
                              "--log-level=warn", *args, logfile=logfile,
                              timeout=7200)
    if code:
        raise RuntimeError("%s failed (exit %s): see %s" % (what, code, logfile))


def prepare_database(args, config):
    """The bench database at that size and seed, generated or reused.
    Returns what generating printed (None when reused)."""
    template = args.base_db or harness.ensure_template(config)
    wanted = "bench size=%d seed=%d template=%s" % (args.size, args.seed, template)
    if harness.db_exists(args.db) and not args.regen:
        comment = db_comment(args.db) or ""
        if comment.split(" code=")[0] == wanted:
            code = code_digest()
            if not comment.endswith(" code=%s" % code):
                say("%s: our modules changed, updating them" % args.db)
                odoo_step(config, args.db, "update", "-u", ",".join(MODULES))
                set_comment(args.db, "%s code=%s" % (wanted, code))
            say("%s: reusing the city of %d members (seed %d)" % (
                args.db, args.size, args.seed))
            return None
        say("%s holds something else (%s): building it again" % (args.db, comment))
    if args.base_db:
        say("%s: copy of %s" % (args.db, args.base_db))
        harness.clone_db(args.base_db, args.db)
        set_comment(args.db, "bench: incomplete")
    else:
        say("%s: copy of %s, installing the suite with its demo data" % (
            args.db, template))
        harness.clone_db(template, args.db)
        set_comment(args.db, "bench: incomplete")
        odoo_step(config, args.db, "install", "-i", harness.SUITE)
    say("%s: generating %d members (seed %d)" % (args.db, args.size, args.seed))
    started = time.time()
    output = subprocess.run(
        [harness.PYTHON, os.path.join(HERE, "generate_data.py"), "-c", config,
         "-d", args.db, "--members", str(args.size), "--seed", str(args.seed)],
        check=True, stdout=subprocess.PIPE, universal_newlines=True,
        env=harness.odoo_env()).stdout
    sys.stderr.write(output)
    set_comment(args.db, "%s code=%s" % (wanted, code_digest()))
    return {"seconds": time.time() - started, "output": output}


def markdown(path):
    """The results file as the table of docs/BENCHMARKS.md."""
    import json
    with open(path) as handle:
        data = json.load(handle)
    machine = data["machine"]
    rows = [
        "%s members (seed %s), %s, %s: %s vCPU %s, load %s at the start, %s at "
        "the end; runs: %s; HTTP server: %s workers." % (
            "{:,}".format(data["size"]), data["seed"], data["db"],
            data["started"][:16].replace("T", " ") + " UTC", machine["cpus"],
            machine.get("cpu", "?"),
            " ".join("%.1f" % v for v in data.get("load_at_start") or []),
            " ".join("%.1f" % v for v in machine.get("load") or []),
            data["runs"] or "default", data["workers"]),
        "",
        "| operation | n | product min / median / max | floor min / median / max "
        "| ratio | target |",
        "|---|---:|---|---|---:|---|"]
    for op in data["operations"]:
        if op["error"]:
            rows.append("| %s | | **error**: %s | | | |" % (
                op["name"], op["error"].strip().splitlines()[-1]))
            continue
        target = "no target" if op["target"] is None else "≤%.1f %s" % (
            op["target"], "met" if op["met"] else "**missed**")
        rows.append("| %s | %s | %s | %s | **%.2f** | %s |" % (
            op["name"], "" if op["n"] is None else "{:,}".format(op["n"]),
            core.seconds_text(op["run"]["all"]),
            core.seconds_text(op["floor"]["all"]), op["ratio"], target))
    return "\n".join(rows)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--size", type=int, required=True,
                        help="members of the generated city")
    parser.add_argument("--workers", type=int, default=4,
                        help="workers of the HTTP operations' server")
    parser.add_argument("--runs", type=int,
                        help="runs of each operation (default 5, crons 1; "
                             "an operation's own number is the most it gets)")
    parser.add_argument("--only", help="only operations whose name contains this")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--regen", action="store_true",
                        help="generate the city again even if it exists")
    parser.add_argument("--db", help="bench database (default ph_bench_<size>)")
    parser.add_argument("--base-db", help="copy this database (the suite "
                        "installed, no generated city) instead of installing "
                        "the suite on a copy of the test template")
    parser.add_argument("--json", help="results file (default "
                                       ".local/bench/<size>-<time>.json)")
    args = parser.parse_args(argv)
    if args.size < 1000:
        parser.error("--size: at least 1000 members (40 communes of cells)")
    args.db = args.db or "ph_bench_%d" % args.size
    args.json = args.json or os.path.join(BENCH_DIR, "%d-%s.json" % (
        args.size, datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")))
    return args


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--markdown"]:
        for path in argv[1:]:
            print(markdown(path) + "\n")
        return 0
    args = parse_args(argv)
    # stopped (SIGTERM): stop the server we started too, as on Ctrl-C
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    os.makedirs(BENCH_DIR, exist_ok=True)
    config = harness.write_config(os.path.join(BENCH_DIR, "%s.conf" % args.db),
                                  args.db)
    started, load = datetime.utcnow(), os.getloadavg()
    try:
        generated = prepare_database(args, config)
    except Exception as error:  # pylint: disable=broad-except
        print("error: preparing %s: %s" % (args.db, error), file=sys.stderr)
        return 2

    import odoo
    odoo.tools.config.parse_config(["-c", config, "-d", args.db,
                                    "--log-level=warn", "--max-cron-threads=0"])
    core.OPTIONS.update(db=args.db, config=config, size=args.size,
                        workers=args.workers, runs=args.runs)
    registry = odoo.registry(args.db)
    cursors = core.Cursors(registry)
    cursors.committed(core.ensure_bench_users)
    operations = core.load_operations(args.size, args.only)
    say("%d operations from %s, %s" % (
        len(operations), ", ".join(core.modules()),
        "runs %s" % (args.runs or "5 (crons 1)")))
    results = []

    def save():
        """The results so far (an interrupted bench keeps them)."""
        core.write_json(args.json, {
            "size": args.size, "seed": args.seed, "db": args.db,
            "workers": args.workers, "runs": args.runs, "only": args.only,
            "started": started.isoformat() + "Z",
            "finished": datetime.utcnow().isoformat() + "Z",
            "machine": core.machine(), "load_at_start": load,
            "generated": generated, "operations": results})
    try:
        for module, operation in operations:
            result = core.measure(cursors, module, operation, args.runs)
            results.append(result)
            print(core.line(result), flush=True)
            if result["error"]:
                print(result["error"], file=sys.stderr, flush=True)
            save()
    finally:
        core.stop_server()
    save()
    failed = [r for r in results if r["error"]]
    missed = [r for r in results if r["met"] is False]
    say("%d operations: %d met their target, %d missed, %d without target, "
        "%d failed; results in %s" % (
            len(results), sum(1 for r in results if r["met"]), len(missed),
            sum(1 for r in results if r["met"] is None and not r["error"]),
            len(failed), os.path.relpath(args.json, ROOT)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
