"""The harness itself: free ports, a taken port named at once (before the
start and from Odoo's log), and the fake clock of PH_FAKE_DATE."""
import os
import socket
import subprocess
import time
from datetime import datetime, timedelta

import pytest

import harness
import odoo_log


@pytest.fixture
def taken_port():
    """A port somebody else listens on (as another checkout's server would)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]


@pytest.fixture(scope="module")
def config_without_database():
    """A server configuration that loads no database (and creates none)."""
    return harness.write_config(
        os.path.join(harness.TEST_DIR, "ports-selftest.conf"), "")


def test_free_ports_are_free():
    port = harness.free_port()
    harness.check_port_free(port)
    assert harness.port_holder(port) == ""


def test_a_taken_port_names_its_holder(taken_port):
    with pytest.raises(harness.PortTaken) as error:
        harness.check_port_free(taken_port)
    message = str(error.value)
    assert "port %s on 127.0.0.1 is taken by pid %s" % (
        taken_port, os.getpid()) in message


def test_requested_port_that_is_taken_fails_at_once(
        monkeypatch, taken_port, config_without_database):
    monkeypatch.setattr(harness, "HTTP_PORT", taken_port)
    started = time.time()
    with pytest.raises(harness.PortTaken) as error:
        harness.Server(config_without_database).start()
    with pytest.raises(harness.PortTaken):
        harness.odoo(config_without_database, "--test-enable", "--stop-after-init")
    assert time.time() - started < 5
    assert "TEST_HTTP_PORT=%s was requested" % taken_port in str(error.value)


def test_a_port_taken_after_the_check_is_read_in_the_log(
        monkeypatch, taken_port, config_without_database, tmp_path):
    """The port is taken between the check and Odoo's start: Odoo's HTTP
    thread fails ("Address already in use"), the server stops at once."""
    monkeypatch.setattr(harness, "check_requested_ports", lambda *args: None)
    server = harness.Server(config_without_database, http_port=taken_port,
                            logfile=str(tmp_path / "taken.log"))
    started = time.time()
    with pytest.raises(harness.PortTaken) as error:
        server.start()
    assert time.time() - started < 60
    assert server.proc.poll() is not None, "the server was left running"
    assert "port %s on 127.0.0.1 is taken" % taken_port in str(error.value)
    assert harness.ADDRESS_IN_USE in server.log()


def test_the_log_parser_reports_a_taken_port():
    log = ("2026-01-01 00:00:00,000 1 INFO ? odoo.service.server: HTTP service "
           "(werkzeug) running on 127.0.0.1:8169\nException in thread "
           "odoo.service.httpd:\nOSError: [Errno 98] Address already in use")
    assert any("could not listen" in p for p in odoo_log.parse(log).problems)


@pytest.mark.parametrize("value, expected", [
    ("2027-01-31", datetime(2027, 1, 31, 10)),
    ("2027-02-28 23:30", datetime(2027, 2, 28, 23, 30)),
    ("2026-12-31T17:05:09", datetime(2026, 12, 31, 17, 5, 9)),
])
def test_fake_date_values(value, expected):
    assert harness._fake_start(value) == expected  # pylint: disable=protected-access


def test_a_bad_fake_date_is_refused():
    with pytest.raises(RuntimeError, match="PH_FAKE_DATE=31/01/2027"):
        harness._fake_start("31/01/2027")  # pylint: disable=protected-access


@pytest.mark.skipif(not os.path.isfile(harness.FAKETIME_LIB),
                    reason="libfaketime is not installed (apt-get install faketime)")
def test_odoo_processes_run_on_the_fake_clock(monkeypatch):
    start = datetime(2027, 2, 28, 23, 30)
    monkeypatch.setattr(harness, "FAKE_START", start)
    monkeypatch.setattr(harness, "CLOCK_OFFSET",
                        (start - datetime.utcnow()).total_seconds())
    output = subprocess.run(
        [harness.PYTHON, "-c", "import datetime, time, odoo.http; "
         "from odoo.addons.bus.models import bus; "
         "print(datetime.datetime.utcnow().isoformat(), time.monotonic(), "
         "odoo.http.session_gc.__name__, "
         "bus.datetime.datetime.utcnow().isoformat())"],
        env=harness.odoo_env(), capture_output=True, text=True, check=True).stdout
    seen, monotonic, session_gc, bus_now = output.split()
    seen = datetime.strptime(seen, "%Y-%m-%dT%H:%M:%S.%f")
    assert abs(seen - start) < timedelta(minutes=1), seen
    assert abs(harness.now() - seen) < timedelta(minutes=1)
    # the monotonic clock (timeouts, locks) is the real one
    assert abs(float(monotonic) - time.monotonic()) < 60
    # files keep real times, so Odoo's session garbage collector is off;
    # the bus compares its clock with PostgreSQL's rows: the real clock
    assert session_gc == "_no_session_gc"
    bus_now = datetime.strptime(bus_now, "%Y-%m-%dT%H:%M:%S.%f")
    assert abs(bus_now - datetime.utcnow()) < timedelta(minutes=1), bus_now
