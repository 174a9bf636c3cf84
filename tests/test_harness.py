"""The harness itself: free ports, a taken port named at once (before the
start and from Odoo's log)."""
import os
import socket
import time

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
