# Electronic Party Member Handbook: the two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# make test TESTS="tests/test_e2e_server.py -k rpc"
TESTS ?=

.PHONY: help run stop test lint setup i18n clean bench multihost

help:
	@echo "make run    set up what is missing, start Odoo with the demo database"
	@echo "make stop   stop what make run started"
	@echo "make test   set up what is missing, run every test (TESTS=... for some)"
	@echo "make lint   flake8 + pylint-odoo only"
	@echo "make i18n   regenerate .pot files and merge them into vi.po"
	@echo "make bench  benchmark suite on a generated city (SIZE=100000 WORKERS=4 RUNS=5 ONLY=...)"
	@echo "make clean  stop, drop the project's databases, remove .local and venvs"
	@echo "make multihost  two Odoo hosts behind nginx on the demo database (docs/DEPLOYMENT.md)"

run:
	@scripts/run.sh

stop:
	@scripts/stop.sh

test:
	@scripts/test.sh $(TESTS)

lint:
	@scripts/test.sh tests/test_lint.py

setup:
	@scripts/setup.sh all

i18n:
	@scripts/i18n.sh

clean:
	@scripts/clean.sh

multihost:
	@scripts/multihost.sh

# make bench SIZE=100000 [WORKERS=4] [RUNS=5] [ONLY=pivot] [REGEN=1]
SIZE ?= 100000
WORKERS ?= 4
bench:
	@SIZE="$(SIZE)" WORKERS="$(WORKERS)" RUNS="$(RUNS)" ONLY="$(ONLY)" REGEN="$(REGEN)" \
		scripts/bench.sh
