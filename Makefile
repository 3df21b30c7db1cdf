# The two commands of the README: `make run` and `make test`; `make serve` and `make bench` for production.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve bench bench-large loadtest loadtest-restart install install-dev migrate seed lock clean

run: install migrate seed
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Production settings on PostgreSQL: gunicorn on 127.0.0.1:8001, Varnish on 127.0.0.1:8080.
serve: install
	BIN=$(BIN) deploy/serve.sh

# Database (pg_dump) and media of DATABASE_URL and MEDIA_ROOT into BACKUP_DIR (default var/backups/<time>/),
# and back: make restore BACKUP=var/backups/<time> (RESTORE_FORCE=1 overwrites). Only pg_dump and tar needed.
.PHONY: backup restore
backup:
	deploy/backup.sh

restore:
	BACKUP=$(BACKUP) deploy/restore.sh

# Benchmark on this machine (a few minutes, own database, ports and processes; not part of make test).
bench: install-dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The seed database against a bulk tree of 10,000 pages (generated once into portal_bench_large).
bench-large: install-dev
	$(BIN)/python -m bench.run --large $(BENCH_ARGS)

# 64 connections for 20 s through Varnish, then straight at gunicorn: exit 1 on any socket error, 4xx or 5xx.
loadtest: install-dev
	$(BIN)/python -m bench.loadtest $(LOADTEST_ARGS)

# The same while a private PostgreSQL server is restarted: only the German 503, back within 10 s.
loadtest-restart: install-dev
	$(BIN)/python -m bench.loadtest --restart-db $(LOADTEST_ARGS)

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

$(VENV)/.created:
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 wird benötigt" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.installed: requirements.lock $(VENV)/.created
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: install
	$(BIN)/python manage.py load_seed_content

# Regenerate the lock files after changing requirements*.in.
lock: $(VENV)/.created
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --no-emit-index-url --no-emit-find-links -o requirements-dev.lock requirements-dev.in

clean:
	rm -rf $(VENV) var db.sqlite3
