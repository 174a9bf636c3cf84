"""Parse an Odoo 11 server log written by ``--test-enable`` into test results.

Odoo 11's runner exits 0 in several failure cases (a tests package that fails to
import, no demo data, no tests at all), so the exit code alone proves nothing.
This parser reads every test module's unittest output from the log and lists
the problems that must fail a run:

* a non-zero exit code, any CRITICAL line;
* a tests package that cannot be imported (``Can not `import ...```);
* errors while loading modules or their data files;
* an expected module whose tests did not run at all;
* a test count that does not match unittest's own ``Ran N tests`` line;
* an HTTP server that could not listen ("Address already in use": the HTTP
  tests would talk to whichever process holds the port).
"""
import re
from dataclasses import dataclass, field

RECORD = re.compile(
    r"^(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+) (?P<pid>\d+) "
    r"(?P<level>[A-Z_?]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$")
DESCRIPTION = re.compile(r"^(?P<name>\w+) \((?P<cls>[\w.]+)\)$")
SUMMARY = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<name>\w+) \((?P<cls>[\w.]+)\)")
RAN = re.compile(r"^Ran (?P<count>\d+) tests? in ")
TEST_FAILURE_REPORT = re.compile(
    r"^(Module \w+: \d+ failures, \d+ errors"
    r"|At least one test failed when loading the modules\.)$")
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests\.[\w.]+$")
# Loggers whose ERROR lines mean a module or its data did not load.
LOADING_LOGGERS = (
    "odoo.modules.loading", "odoo.modules.registry", "odoo.modules.module",
    "odoo.modules.graph", "odoo.tools.convert", "odoo.addons.base.ir.ir_ui_view",
)
# Printed (stderr, appended to the log by the harness) when the HTTP port is taken.
ADDRESS_IN_USE = "Address already in use"
# Warnings that reveal a defect in a module (not in the environment).
DEFECT_WARNINGS = (
    re.compile(r"has no access rules"),
    re.compile(r"have the same label"),
    re.compile(r"Unknown field .* in domain|Invalid field"),
)


@dataclass
class Record:
    level: str
    logger: str
    msg: str
    extra: list = field(default_factory=list)

    @property
    def text(self):
        return "\n".join([self.msg] + self.extra)


@dataclass
class Case:
    module: str        # Odoo module, e.g. party_handbook
    test_module: str   # Python module of the test file
    cls: str
    name: str
    status: str        # passed, failed, error, skipped
    detail: str = ""

    @property
    def id(self):
        return "%s::%s::%s" % (self.test_module.rsplit(".", 1)[-1],
                               self.cls.rsplit(".", 1)[-1], self.name)


@dataclass
class Result:
    cases: list
    problems: list
    ran: dict          # test module -> unittest's own "Ran N" count

    def count(self, status):
        return sum(1 for case in self.cases if case.status == status)

    @property
    def ok(self):
        return not self.problems and not any(
            case.status in ("failed", "error") for case in self.cases)

    def summary(self):
        failed = self.count("failed") + self.count("error") + len(self.problems)
        return "%d passed, %d failed, %d skipped" % (
            self.count("passed"), failed, self.count("skipped"))


def records(text):
    current = None
    for line in text.splitlines():
        match = RECORD.match(line)
        if match:
            if current:
                yield current
            current = Record(match["level"], match["logger"], match["msg"])
        elif current is not None:
            current.extra.append(line)
    if current:
        yield current


class _Reader:
    """One pass over the log records, collecting tests and problems."""

    def __init__(self):
        self.problems = []
        self.described = {}   # (test_module, cls, name) -> status
        self.failures = {}    # (cls, name) -> (kind, traceback lines)
        self.ran = {}         # test_module -> count
        self.reported_failures = []
        self.last_key = None
        self.in_summary = None

    def read(self, record):
        if record.level == "CRITICAL":
            self.problems.append("CRITICAL %s: %s" % (record.logger, record.text))
        if "Can not `import" in record.msg:
            self.problems.append("test import failure: %s" % record.text)
        elif TEST_FAILURE_REPORT.match(record.msg):
            # Odoo's own tally of failing tests: the failing cases say more.
            self.reported_failures.append(record.msg)
        elif record.level == "ERROR" and record.logger in LOADING_LOGGERS:
            self.problems.append("loading error %s: %s" % (record.logger, record.text))
        elif record.level == "WARNING" and any(
                pattern.search(record.msg) for pattern in DEFECT_WARNINGS):
            self.problems.append("defect warning %s: %s" % (record.logger, record.msg))
        elif TEST_LOGGER.match(record.logger):
            self.read_test_output(record.logger, record.msg)

    def read_test_output(self, logger, msg):
        if msg.startswith("` "):
            if self.in_summary:
                self.failures[self.in_summary][1].append(msg[2:])
            return
        summary = SUMMARY.match(msg)
        if summary:
            self.in_summary = (summary["cls"], summary["name"])
            self.failures[self.in_summary] = (summary["kind"], [])
            return
        if self.in_summary:
            if msg.startswith("Traceback"):
                self.failures[self.in_summary][1].append(msg)
        ran = RAN.match(msg)
        if ran:
            self.ran[logger] = self.ran.get(logger, 0) + int(ran["count"])
            self.in_summary = None
            return
        if self.in_summary:
            return
        description = DESCRIPTION.match(msg)
        if description:
            self.last_key = (logger, description["cls"], description["name"])
            self.described[self.last_key] = "passed"
            return
        if self.last_key and self.last_key[0] == logger:
            if msg.startswith("skipped"):
                self.described[self.last_key] = "skipped:" + msg[7:].strip()
            elif msg == "unexpected success":
                self.described[self.last_key] = "failed"
            self.last_key = None

    def cases(self):
        cases = []
        for (test_module, cls, name), status in self.described.items():
            module = TEST_LOGGER.match(test_module)["module"]
            detail = ""
            if (cls, name) in self.failures:
                kind, lines = self.failures[(cls, name)]
                status = "failed" if kind == "FAIL" else "error"
                detail = "\n".join(lines)
            elif status.startswith("skipped:"):
                detail = status.split(":", 1)[1]
                status = "skipped"
            cases.append(Case(module, test_module, cls, name, status, detail))
        # Failures of fixtures (setUpClass, tearDownClass...) have no description.
        described = {(cls, name) for _module, cls, name in self.described}
        for (cls, name), (kind, lines) in self.failures.items():
            if (cls, name) not in described:
                test_module = cls.rsplit(".", 1)[0]
                match = TEST_LOGGER.match(test_module)
                cases.append(Case(match["module"] if match else test_module,
                                  test_module, cls, name,
                                  "failed" if kind == "FAIL" else "error",
                                  "\n".join(lines)))
        return cases


def parse(text, exit_code=0, expected_modules=()):
    """Return a Result for an Odoo test run log.

    ``expected_modules``: Odoo modules that have tests and must have run some.
    """
    reader = _Reader()
    if exit_code != 0:
        reader.problems.append("Odoo exited with status %s" % exit_code)
    for record in records(text):
        reader.read(record)
    cases = reader.cases()
    problems = reader.problems
    if reader.reported_failures and not any(
            case.status in ("failed", "error") for case in cases):
        problems.extend("Odoo reports failing tests the log does not show: %s"
                        % msg for msg in reader.reported_failures)
    for test_module, count in sorted(reader.ran.items()):
        found = sum(1 for case in cases if case.test_module == test_module
                    and case.name not in ("setUpClass", "tearDownClass"))
        if found != count:
            problems.append(
                "%s: unittest ran %d tests but the log describes %d"
                % (test_module, count, found))
    for module in expected_modules:
        if not any(case.module == module for case in cases):
            problems.append("module %s: no test ran" % module)
    if ADDRESS_IN_USE in text:
        problems.append("Odoo's HTTP server could not listen (%s): its port is "
                        "held by another process" % ADDRESS_IN_USE)
    return Result(cases, problems, reader.ran)
