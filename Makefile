# Two commands do everything on a fresh clone: `make site` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LANGS := $(notdir $(wildcard locales/*))
STAMP := $(VENV)/.installed

.PHONY: site test serve sysdeps browser release locales bytecode locale-extract locale-update locale-check locale-init docs bench bench-archive bench-extract bench-sysdeps clean signals fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## locales: compile every .po catalog to .mo (built, never committed)
locales: $(STAMP) bytecode
	$(BIN)/pybabel compile --domain messages --directory locales --statistics

## bytecode: compile the library once, as pip does for installed packages (the editable install is
## not; with PYTHONDONTWRITEBYTECODE set, every `notice` run would compile it again: 60 ms)
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q scripts/notice overrides/hooks

## locale-extract: refresh the template from templates and code; comments starting "Translators:"
## before a string go to the catalogs as its #. note
EXTRACT_COMMENTS := --add-comments Translators:
locale-extract: $(STAMP)
	$(BIN)/pybabel extract --mapping babel.cfg --keywords N_ $(EXTRACT_COMMENTS) --no-location --sort-output \
	  --project notice-site --copyright-holder "notice-site contributors" \
	  --output-file locales/messages.pot .

## locale-update: merge the template into every language's catalog
locale-update: locale-extract
	$(BIN)/pybabel update --input-file locales/messages.pot --domain messages --output-dir locales \
	  --no-fuzzy-matching --ignore-obsolete

## locale-check: fail when a catalog is stale against the template. `pybabel update --check` cannot
## pass on a catalog with msgctxt (Babel 2.18, python-babel/babel#1307), so: update a copy, compare.
locale-check: $(STAMP)
	$(BIN)/pybabel extract --mapping babel.cfg --keywords N_ $(EXTRACT_COMMENTS) --no-location --sort-output \
	  --project notice-site --copyright-holder "notice-site contributors" \
	  --output-file $(VENV)/messages.check.pot .
	rm -rf $(VENV)/locale-check && mkdir -p $(VENV)/locale-check && cp -R locales/. $(VENV)/locale-check/
	$(BIN)/pybabel -q update --input-file $(VENV)/messages.check.pot --domain messages \
	  --output-dir $(VENV)/locale-check --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	@diff -r -x '*.mo' -x '*.pot' locales $(VENV)/locale-check >&2 || \
	  { echo "locale-check: a catalog is stale against templates and code (run: make locale-update)" >&2; exit 1; }

## locale-init LANG=xx: start a catalog for a new language
locale-init: locale-extract
	$(BIN)/pybabel init --input-file locales/messages.pot --domain messages --output-dir locales --locale $(LANG)

## sysdeps: the system libraries WeasyPrint typesets the PDFs with, and the only fonts they use
## (Debian packages): installed with apt-get when missing and run as root, otherwise named.
SYSDEPS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core
sysdeps:
	@command -v dpkg-query >/dev/null || { echo "sysdeps: not Debian; install pango, harfbuzz and DejaVu fonts"; exit 0; }; \
	missing=$$(for p in $(SYSDEPS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "sysdeps: installing" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "sysdeps: missing" $$missing "- run: sudo apt-get install" $$missing >&2; exit 1; fi; \
	fi

## browser: Debian's Chromium for the browser tests and Lighthouse (never a browser download) and
## the npm tools pinned in package-lock.json (axe-core for the tests, lighthouse for make bench)
CHROMIUM := /usr/bin/chromium
NPM_STAMP := node_modules/.package-lock.json
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
browser: $(NPM_STAMP)
	@test -x $(CHROMIUM) || { echo "browser: installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

## site: set up, compile catalogs, build the site into site/ (strict)
site: sysdeps locales
	$(BIN)/mkdocs build --strict --quiet

serve: locales
	$(BIN)/mkdocs serve

## docs: extract every language again from the PDF under sources/ that its notice names (the source
## language first; translations keep its section ids); languages without a PDF are left alone
docs: locales
	$(BIN)/notice reextract

## release [VERSION=2.0] [NOTICE=privacy]: publish every notice whose text changed (or the one named) as a
## version (snapshots it under docs/<lang>/<notice>/<date>/ with its PDF and JSON, made once, and records
## their SHA-256 in versions/<notice>.yml). A released version never changes: CORRECT='why' [VERSION=1.0]
## NOTICE=privacy corrects one on purpose
release: sysdeps locales
	$(BIN)/notice release $(if $(VERSION),--version '$(VERSION)') $(if $(CORRECT),--correct '$(CORRECT)') $(if $(NOTICE),--notice '$(NOTICE)')

## test: the same set-up, then every test
test: sysdeps locales browser
	$(BIN)/python -m pytest -q

## bench: Lighthouse (mobile, desktop) on the built notice, and build time for 2, 10 and 30
## languages against plain mkdocs-material + static-i18n on the same content, in one run
bench: sysdeps locales browser
	$(BIN)/python bench/site/run.py

## bench-archive: only the archive at scale: 30 languages x 10 released versions (made by notice
## release, kept under bench/out/), cold and warm build against the plain stack on the same pages
bench-archive: sysdeps locales
	$(BIN)/python bench/site/run.py --archive-scale

clean:
	rm -rf site $(VENV) node_modules locales/*/LC_MESSAGES/*.mo

## bench-extract: score our extractor, pymupdf4llm with its layout model and opendataloader-pdf
## against the hand-checked gold files, then the round trip (bench/roundtrip/): known documents rendered by
## six PDF producers in two styles each, every block scored against its source. The producers and Java are
## Debian packages (installed when missing and run as root; otherwise the round trip skips what is missing).
BENCH_VENV := .venv-bench
REALPDFS ?= ../shared/realpdfs
BENCH_SYSDEPS := libreoffice-writer-nogui openjdk-17-jre-headless chromium
$(BENCH_VENV)/.installed: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	touch $@
bench-sysdeps:
	@command -v dpkg-query >/dev/null || { echo "bench-sysdeps: not Debian; install LibreOffice Writer, Java 17, Chromium"; exit 0; }; \
	missing=$$(for p in $(BENCH_SYSDEPS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "bench-sysdeps: installing" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "bench-sysdeps: missing" $$missing "- the bench skips them (sudo apt-get install" $$missing")"; fi; \
	fi
bench-extract: $(STAMP) bytecode $(BENCH_VENV)/.installed bench-sysdeps
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BENCH_VENV)/bin/python bench/score_extract.py --pdfs $(REALPDFS) sources --gold bench/gold \
	  --tools ours,pymupdf4llm-layout,opendataloader
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BENCH_VENV)/bin/python bench/roundtrip/run.py --json .cache/roundtrip/report.json

## signals: extract every shared real PDF and count reference-free defects (../shared/tools/extraction_signals.py)
signals: $(STAMP) bytecode
	$(BIN)/python bench/signals.py --pdfs $(REALPDFS) --out .cache/signals

## fuzz: 150 seeded mutations of the notices through `notice check` and `notice release`, 60 seeded
## corruptions of the Swedish PDF through `notice extract` (issue #13); fails on any traceback, hang,
## output changed by a failed run, or words lost in silence (bench/fuzz.py)
fuzz: locales
	$(BIN)/python bench/fuzz.py --mutations 150 --corruptions 60
