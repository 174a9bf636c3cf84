"""A fresh start of Odoo logs no CRITICAL and no ERROR (issue #14: "Every
fresh start logs a CRITICAL traceback (mail.wizard.invite not in the
registry)").

Odoo 11 listens before it has loaded the database's registry; a request in
that window used to import every addon in a second thread while the
registry's load imported them too, and the registry came out half built
("Failed to initialize database", "Model 'mail.wizard.invite' / 'calendar.
event' does not exist in registry": 2 starts of 8 with a request every
50 ms). ``scripts/odoo-bin`` turns Odoo 11's addon preloading off. Here the
server is asked for its login page from the moment it listens, one request
at a time, as ``make run``'s readiness check and an open browser do."""
import os
import time

import requests

import harness

STARTS = 3
POLL = 0.05


def start_with_requests(config, logfile):
    port, longpolling_port = harness.pick_ports(config)
    proc = harness._start_odoo([
        "-c", config, "--http-port=%d" % port,
        "--longpolling-port=%d" % longpolling_port, "--max-cron-threads=0"],
        logfile)
    answered = asked = 0
    try:
        deadline = time.time() + 240
        loaded_at = None
        while time.time() < deadline and proc.poll() is None:
            if loaded_at is None and harness.REGISTRY_LOADED in harness._log_text(
                    logfile):
                loaded_at = time.time()
            if loaded_at and time.time() > loaded_at + 2:
                break
            asked += 1
            try:
                if requests.get("http://127.0.0.1:%d/web/login" % port,
                                timeout=20).status_code == 200:
                    answered += 1
            except requests.RequestException:
                pass
            time.sleep(POLL)
        assert proc.poll() is None, "Odoo stopped; see %s" % logfile
        assert loaded_at, "the registry was not loaded; see %s" % logfile
    finally:
        harness._stop_process(proc)
    return asked, answered


def test_a_fresh_start_logs_no_critical_nor_error(odoo_db, odoo_config):
    for start in range(STARTS):
        logfile = os.path.join(harness.TEST_DIR, "fresh-start-%d.log" % start)
        asked, answered = start_with_requests(odoo_config, logfile)
        assert asked and answered, (asked, answered, logfile)
        bad = [line for line in harness._log_text(logfile).splitlines()
               if " CRITICAL " in line or " ERROR " in line]
        assert bad == [], "start %d (see %s): %s" % (start, logfile, bad[:5])
